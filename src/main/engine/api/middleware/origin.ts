// Cross-origin access only for configured origins. A request whose Origin is neither one of
// them nor this server itself is refused outright (403), so a web page cannot even trigger an
// export or hold a stream open; allowed origins get CORS headers through hono's middleware.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { errorResponse } from '../errors';

export function originCheck(corsOrigins: readonly string[]): MiddlewareHandler[] {
  const allowed = new Set(corsOrigins);
  const sameOrigin = (origin: string, host: string | undefined) => {
    try {
      return host !== undefined && new URL(origin).host === host.toLowerCase();
    } catch {
      return false;
    }
  };
  const gate: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || allowed.has(origin) || sameOrigin(origin, c.req.header('host'))) return next();
    return errorResponse(403, 'request.origin_denied', 'this origin may not call the API (allowed origins are set with EVENTS_API_CORS_ORIGIN)');
  };
  const headers = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', 'If-None-Match', 'If-Modified-Since'],
    exposeHeaders: ['ETag', 'Last-Modified', 'Content-Disposition'],
    maxAge: 600,
  });
  return [gate, headers];
}
