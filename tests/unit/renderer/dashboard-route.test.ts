// The API serving the built dashboard: right types, a CSP, nothing outside the folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dashboardFile, dashboardRoutes } from '../../../src/main/engine/api/routes/dashboard';

let root: string;
let app: Hono;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nc-dash-'));
  mkdirSync(join(root, 'out/assets'), { recursive: true });
  writeFileSync(join(root, 'out/index.html'), '<!doctype html><title>NotifyChain</title>');
  writeFileSync(join(root, 'out/assets/index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  app = new Hono();
  app.route('/', dashboardRoutes({ dir: join(root, 'out') }));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.notFound((c) => c.json({ error: { code: 'route.not_found', message: 'no route' } }, 404));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dashboard route', () => {
  test('serves the page at / with its policy, and hashed assets cached for good', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await app.request('/assets/index-abc.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
  });

  test('never serves a file outside its folder, however the path is spelt', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%2fsecret.txt', '//etc/passwd', '/assets/%00.js']) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('do not serve');
    }
    expect(dashboardFile(join(root, 'out'), '/%2e%2e/secret.txt')).toBeNull();
    expect(dashboardFile(join(root, 'out'), '/assets/..%2f..%2fsecret.txt')).toBeNull();
  });

  test("leaves the API's routes and 404s alone", async () => {
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
    const missing = await app.request('/api/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'route.not_found' } });
    expect((await app.request('/nothing.js')).status).toBe(404);
  });
});
