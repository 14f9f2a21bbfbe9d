// Serves the built dashboard (out/renderer) at `/` from the API's own origin, so the browser
// dashboard reaches the API same-origin (no CORS) under `connect-src 'self'`. Only files inside
// the folder are served: the path is decoded once, dot segments and backslashes are refused, and
// the resolved file must still be under the folder. Anything it does not have falls through to
// the API's 404. Hashed assets are cached for good; index.html is revalidated every time.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Hono } from 'hono';
import { CONTENT_TYPES, fileInside } from '../../static-files';

export interface DashboardOptions {
  /** The renderer build folder (out/renderer). */
  dir: string;
}


/** The same policy as the page's meta tag, plus what only a header can say (frame-ancestors). */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The file a URL path names inside `dir`, or null for anything that is not plainly inside it. */
export function dashboardFile(dir: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path !== '' && (!path.startsWith('/') || path.includes('\\') || /(^|\/)\.\.?(\/|$)/.test(path) || path.includes('//'))) {
    return null;
  }
  return fileInside(dir, path);
}

export function dashboardRoutes({ dir }: DashboardOptions): Hono {
  return new Hono().get('*', async (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path === '/api') return next();
    const file = dashboardFile(dir, path);
    const type = file ? CONTENT_TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) return next();
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return next();
      body = await readFile(file);
    } catch {
      return next();
    }
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = DASHBOARD_CSP;
      headers['X-Frame-Options'] = 'DENY';
      headers['Referrer-Policy'] = 'no-referrer';
    }
    return c.body(new Uint8Array(body), 200, headers);
  });
}
