// DNS rebinding: a web page on evil.example can make its own name resolve to 127.0.0.1, and the
// browser then sends `Host: evil.example` to us. Only loopback names are accepted, with any
// port, unless the server was deliberately bound to a non-loopback address (then any name is).
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `localhost`, `127.x.x.x`, `::1` (bracketed or not). */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The host part of a Host header (`name[:port]`, `[v6][:port]`), lower-cased; null if malformed. */
export function hostName(header: string): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  return match ? match[1]!.toLowerCase() : null;
}

export function hostCheck(bindHost: string): MiddlewareHandler {
  const enforce = isLoopbackAddress(bindHost);
  return async (c, next) => {
    if (!enforce) return next();
    const header = c.req.header('host');
    const fromHeader = header === undefined ? null : hostName(header);
    // The URL's host covers absolute-form request targets (`GET http://evil.example/ HTTP/1.1`).
    const fromUrl = new URL(c.req.url).host;
    const fromUrlName = hostName(fromUrl);
    const ok = (header === undefined || (fromHeader !== null && LOOPBACK_NAMES.has(fromHeader))) && fromUrlName !== null && LOOPBACK_NAMES.has(fromUrlName);
    if (!ok) return errorResponse(403, 'request.host_denied', 'this API answers only to localhost, 127.0.0.1 or [::1] (Host header)');
    return next();
  };
}
