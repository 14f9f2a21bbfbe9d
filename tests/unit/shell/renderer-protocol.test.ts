import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/shell/csp';
import { isAppUrl, rendererEntryUrl, rendererFile, serveRendererRequest } from '../../../src/main/shell/renderer-protocol';

let dir: string;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'notifychain-renderer-'));
  dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
});

describe('the app:// protocol', () => {
  it('serves the dashboard with the CSP header and the right content type', async () => {
    const page = await serveRendererRequest(dir, { url: 'app://notifychain/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(false));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('root');
    const script = await serveRendererRequest(dir, { url: 'app://notifychain/assets/index-abc.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serveRendererRequest(dir, { url: 'app://notifychain/', method: 'GET' })).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://notifychain/../secret.txt', 'app://notifychain/%2e%2e/secret.txt', 'app://notifychain/..%2fsecret.txt', 'app://notifychain/assets/..%2F..%2Fsecret.txt', 'app://other/index.html']) {
      const answer = await serveRendererRequest(dir, { url, method: 'GET' });
      expect(answer.status, url).toBe(404);
    }
    expect(rendererFile(dir, 'app://notifychain/%00index.html')).toBeNull();
  });

  it('answers a missing file with 404 and a POST with 405', async () => {
    expect((await serveRendererRequest(dir, { url: 'app://notifychain/nope.js', method: 'GET' })).status).toBe(404);
    expect((await serveRendererRequest(dir, { url: 'app://notifychain/index.html', method: 'POST' })).status).toBe(405);
  });

  it('only the app origin (and the dev server in development) counts as the app', () => {
    expect(isAppUrl('app://notifychain/index.html', undefined)).toBe(true);
    expect(isAppUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('file:///index.html', undefined)).toBe(false);
    expect(rendererEntryUrl(undefined)).toBe('app://notifychain/index.html');
    expect(rendererEntryUrl('http://localhost:5173')).toBe('http://localhost:5173');
  });
});
