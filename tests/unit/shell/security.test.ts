import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/shell/csp';
import { isExplorerUrl } from '../../../src/main/shell/external-links';
import { isAppUrl } from '../../../src/main/shell/renderer-protocol';
import { guardSession, guardWebContents, registerSecurity, secureWebPreferences, type GuardedSession } from '../../../src/main/shell/security';
import { FakeWebContents } from './fake-electron';

const isApp = (url: string) => isAppUrl(url, undefined);

function guarded() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn();
  guardWebContents(contents, { isAppUrl: isApp, openExternal, dev: false });
  const navigate = (event: string, url: string) => {
    let prevented = false;
    contents.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented ? 'blocked' : 'allowed';
  };
  return { contents, openExternal, navigate };
}

function fakeSession() {
  const calls: { request?: Function; check?: Function; headers?: Function } = {};
  const session: GuardedSession = {
    setPermissionRequestHandler: (handler) => (calls.request = handler),
    setPermissionCheckHandler: (handler) => (calls.check = handler),
    webRequest: { onHeadersReceived: (listener) => (calls.headers = listener) },
  };
  return { session, calls };
}

describe('window security', () => {
  it('the page runs isolated and sandboxed, without Node, webviews or insecure content', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('navigating away from the app is blocked; an explorer link opens in the browser instead', () => {
    const { navigate, openExternal } = guarded();
    expect(navigate('will-navigate', 'https://evil.example/phish')).toBe('blocked');
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe('blocked');
    expect(navigate('will-navigate', 'https://stellar.expert/explorer/public/tx/abc')).toBe('blocked');
    expect(navigate('will-frame-navigate', 'https://evil.example/')).toBe('blocked');
    expect(openExternal.mock.calls).toEqual([['https://stellar.expert/explorer/public/tx/abc']]);
  });

  it('moving within the app is allowed', () => {
    const { navigate } = guarded();
    expect(navigate('will-navigate', 'app://notifychain/index.html#/events')).toBe('allowed');
  });

  it('redirects off the app are blocked', () => {
    const { navigate } = guarded();
    expect(navigate('will-redirect', 'https://evil.example/')).toBe('blocked');
    expect(navigate('will-redirect', 'app://notifychain/index.html')).toBe('allowed');
  });

  it('window.open never opens a window; explorer links go to the browser', () => {
    const { contents, openExternal } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://stellar.expert/explorer/testnet/tx/1' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://notifychain/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://stellar.expert/explorer/testnet/tx/1']]);
  });

  it('a <webview> is refused', () => {
    const { contents } = guarded();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('permission requests are refused, except clipboard writes from the app itself', () => {
    const { session, calls } = fakeSession();
    guardSession(session, { isAppUrl: isApp, openExternal: vi.fn(), dev: false });
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      calls.request!(null, permission, (g: boolean) => (granted = g), { requestingUrl });
      return granted;
    };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'display-capture']) {
      expect(ask(permission, 'app://notifychain/index.html')).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', 'app://notifychain/index.html')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(calls.check!(null, 'media', 'app://notifychain')).toBe(false);
    expect(calls.check!(null, 'clipboard-sanitized-write', 'app://notifychain')).toBe(true);
  });

  it('every response carries the strict CSP, replacing any the server sent', () => {
    const { session, calls } = fakeSession();
    guardSession(session, { isAppUrl: isApp, openExternal: vi.fn(), dev: false });
    let headers: Record<string, string[]> | undefined;
    calls.headers!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy(false)] });
  });

  it('the CSP allows only the app\'s own scripts and no network access in production', () => {
    const csp = contentSecurityPolicy(false);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/connect-src[^;]*http/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('is registered once for the session and applied to every web contents created later', () => {
    const app = new EventEmitter();
    const { session, calls } = fakeSession();
    registerSecurity(app as never, session, { isAppUrl: isApp, openExternal: vi.fn(), dev: false });
    expect(calls.request).toBeDefined();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('explorer links', () => {
  it.each([
    'https://stellar.expert/explorer/public/tx/abc',
    'http://stellar.expert/explorer/testnet/contract/CA3D',
    'https://stellarchain.io/transactions/abc',
    'https://testnet.stellarchain.io/transactions/abc',
  ])('%s opens', (url) => expect(isExplorerUrl(url)).toBe(true));

  it.each([
    'https://stellar.expert.evil.example/',
    'https://evil.example/?https://stellar.expert/',
    'https://user:pass@stellar.expert/',
    'https://stellar.expert:8443/',
    'ftp://stellar.expert/',
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'not a url',
    `https://stellar.expert/${'a'.repeat(3000)}`,
  ])('%s does not', (url) => expect(isExplorerUrl(url)).toBe(false));
});
