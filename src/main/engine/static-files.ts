// Serving the built dashboard (out/renderer): the browser through `serve`, the app through its
// app:// protocol. Both answer only files plainly inside the folder, with these content types.
import { resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a decoded URL path names inside `dir` ("/" is index.html), or null when it is not inside. */
export function fileInside(dir: string, decodedPath: string): string | null {
  if (decodedPath.includes('\0')) return null;
  const root = resolve(dir);
  const file = resolve(root, `.${decodedPath === '/' || decodedPath === '' ? '/index.html' : decodedPath}`);
  return file.startsWith(root + sep) ? file : null;
}
