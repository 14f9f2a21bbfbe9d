import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from '../errors';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Bodies over `maxBytes` are refused with 413 before anything reads them whole. */
export function limitBody(maxBytes = DEFAULT_MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => errorResponse(413, 'request.body_too_large', `the body is larger than ${maxBytes} bytes`),
  });
}
