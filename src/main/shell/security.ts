// Electron hardening, in one place and registered once: locked-down web preferences, the CSP
// header, no navigation away from the app, no new windows, no <webview>, and no permissions
// beyond writing to the clipboard from the app's own page.
import type { WebPreferences } from 'electron';
import { contentSecurityPolicy } from './csp';
import { isExplorerUrl } from './external-links';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface SecurityOptions {
  isAppUrl(url: string): boolean;
  openExternal(url: string): void;
  /** The Vite dev server needs a looser script and connect policy. */
  dev: boolean;
}

type Listener = (...args: any[]) => void;

/** The parts of WebContents this module touches. */
export interface GuardedContents {
  on(event: string, listener: Listener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string | string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface GuardedApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Links to an explorer go to the browser; every other way out of the app is refused. */
export function guardWebContents(contents: GuardedContents, opts: SecurityOptions): void {
  const leave = (url: string) => {
    if (isExplorerUrl(url)) opts.openExternal(url);
  };
  const stayInApp = (event: { preventDefault(): void; url?: string }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (opts.isAppUrl(url)) return;
    event.preventDefault();
    leave(url);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', (event: { preventDefault(): void; url?: string }, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (!opts.isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event: { preventDefault(): void }) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
}

export function guardSession(session: GuardedSession, opts: SecurityOptions): void {
  const csp = contentSecurityPolicy(opts.dev);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && opts.isAppUrl(details.requestingUrl ?? ''));
  });
  session.setPermissionCheckHandler((_contents, permission, origin) => ALLOWED_PERMISSIONS.has(permission) && opts.isAppUrl(origin));
}

/** Call once, before any window exists: every web contents created later is guarded. */
export function registerSecurity(app: GuardedApp, session: GuardedSession, opts: SecurityOptions): void {
  guardSession(session, opts);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, opts));
}
