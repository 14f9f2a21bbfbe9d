// Every write needs `Authorization: Bearer <token>`. Reads stay open to local tools. The token is
// compared in constant time; it never appears in an answer or a log line.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="notifychain"' };

const digest = (value: string) => createHash('sha256').update(value).digest();

export function requireTokenForWrites(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    if (READ_METHODS.has(c.req.method)) return next();
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') {
      return errorResponse(401, 'auth.missing_token', 'writes need an Authorization: Bearer <token> header (see the api-token file)', CHALLENGE);
    }
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match || token.length === 0 || !timingSafeEqual(digest(match[1]!), expected)) {
      return errorResponse(401, 'auth.invalid_token', 'the bearer token is not valid', CHALLENGE);
    }
    return next();
  };
}
