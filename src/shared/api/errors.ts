// The API's error body, `{ error: { code, message, parameter? } }`, and the codes the core
// routes answer with (other route groups add their own, such as `target.not_found`).
import { z } from 'zod';

export const API_ERROR_CODES = [
  'request.invalid_parameter',
  'request.unknown_parameter',
  'request.malformed_json',
  'request.unsupported_media_type',
  'request.body_too_large',
  'request.host_denied',
  'request.origin_denied',
  'request.too_many_streams',
  'request.aborted',
  'auth.missing_token',
  'auth.invalid_token',
  'route.not_found',
  'event.not_found',
  'notification.not_found',
  'contract.not_found',
  'lifecycle.not_checked',
  'store.unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable, dotted: request.invalid_parameter, auth.missing_token, event.not_found, …'),
    message: z.string(),
    /** The query parameter, path parameter, header or body field at fault. */
    parameter: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
