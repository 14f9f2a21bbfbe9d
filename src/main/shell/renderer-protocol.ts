// The built dashboard is served from `app://notifychain/` rather than file://: the page gets a
// real origin (so "is this the app?" is an origin check), and every response carries the CSP
// header, which file:// responses never do. In development the Vite dev server is used instead.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_TYPES, fileInside } from '../engine/static-files';
import { contentSecurityPolicy } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'notifychain';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Registered before the app is ready: a standard, secure scheme, like https for the page. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // corsEnabled: Vite's <script type="module" crossorigin> is a CORS-mode fetch, even same-origin.
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};


/** Where the window loads the dashboard from. */
export function rendererEntryUrl(devServerUrl: string | undefined): string {
  return devServerUrl ? devServerUrl : `${APP_ORIGIN}/index.html`;
}

/** True for pages of the app itself: app://notifychain, or the dev server's origin in development. */
export function isAppUrl(raw: string, devServerUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  return devServerUrl !== undefined && url.origin === new URL(devServerUrl).origin;
}

/** The file an app:// URL names inside the renderer folder, or null when it names anything else. */
export function rendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  return fileInside(rendererDir, pathname);
}

/** Answers one app:// request (the body of `protocol.handle`). */
export async function serveRendererRequest(rendererDir: string, request: { url: string; method: string }): Promise<Response> {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(false),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers });
  const file = rendererFile(rendererDir, request.url);
  if (!file) return new Response('not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Type': type } });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}
