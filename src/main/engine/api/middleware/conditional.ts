// Conditional GETs: Cache-Control, ETag, Last-Modified, and 304 for If-None-Match or
// If-Modified-Since. HTTP dates have one-second resolution, so a change in the current second
// is given no Last-Modified: a client could fetch, see another change in that same second,
// and be told "not modified" afterwards. The ETag is exact and always sent.
import type { Context } from 'hono';

export const READ_CACHE_CONTROL = 'private, max-age=5';

export interface Validators {
  /** ISO 8601; null = unknown. */
  lastModified: string | null;
  /** Opaque; becomes a weak ETag. */
  tag: string;
}

/** A 304 answer when the client's copy is current; else sets the validators and returns null. */
export function notModified(c: Context, v: Validators, now = Date.now()): Response | null {
  const etag = `W/"${v.tag}"`;
  const modified = v.lastModified === null ? null : Math.floor(Date.parse(v.lastModified) / 1000);
  const header = modified !== null && modified < Math.floor(now / 1000) ? new Date(modified * 1000).toUTCString() : null;
  c.header('Cache-Control', READ_CACHE_CONTROL);
  c.header('ETag', etag);
  if (header) c.header('Last-Modified', header);

  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag.slice(2)) ? c.body(null, 304) : null;
  }
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  if (header && !Number.isNaN(since) && modified! <= Math.floor(since / 1000)) return c.body(null, 304);
  return null;
}
