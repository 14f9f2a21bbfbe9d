import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../../src/main/engine/api/server';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { raw, startApiHarness, type ApiHarness } from './api-harness';

let a: ApiHarness;
const ALLOWED = 'http://localhost:5173';
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 10, eventsPerLedger: 2, corsOrigins: [ALLOWED] });
});
afterAll(async () => {
  await a.close();
});

const watchBody = () => JSON.stringify({ id: a.contracts.autoshare, name: 'AutoShare' });
const post = (headers: Record<string, string>, body = watchBody()) =>
  raw(a.url, { method: 'POST', path: '/api/contracts', headers: { 'Content-Type': 'application/json', ...headers }, body });
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe('the bearer token', () => {
  it('is required for writes (401 without it, or with a wrong one)', async () => {
    const missing = await post({});
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect(errorOf(missing.body).code).toBe('auth.missing_token');
    const wrong = await post({ Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body).code).toBe('auth.invalid_token');
    const basic = await post({ Authorization: `Basic ${a.token}` });
    expect(errorOf(basic.body).code).toBe('auth.invalid_token');
    const del = await raw(a.url, { method: 'DELETE', path: `/api/contracts/${a.contracts.autoshare}` });
    expect(del.status).toBe(401);
  });

  it('is accepted, and never echoed back', async () => {
    const ok = await post({ Authorization: `Bearer ${a.token}` });
    expect(ok.status).toBe(200);
    const wrong = await post({ Authorization: `Bearer ${a.token}x` });
    expect(wrong.body).not.toContain(a.token);
    const everything = await Promise.all(['/health', '/metrics', '/openapi.json', '/api/contracts'].map((path) => raw(a.url, { path })));
    for (const res of everything) expect(res.body).not.toContain(a.token);
  });

  it('is not needed for reads', async () => {
    expect((await raw(a.url, { path: '/api/contracts' })).status).toBe(200);
  });
});

describe('the Host check (DNS rebinding)', () => {
  it.each(['localhost', 'localhost:8787', '127.0.0.1', `127.0.0.1:9`, '[::1]', '[::1]:8787', 'LOCALHOST'])('accepts Host: %s', async (host) => {
    expect((await raw(a.url, { path: '/health', headers: { Host: host } })).status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:8787', 'localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.1'])('403 for Host: %s', async (host) => {
    const res = await raw(a.url, { path: '/api/events', headers: { Host: host } });
    expect(res.status).toBe(403);
    expect(errorOf(res.body).code).toBe('request.host_denied');
  });

  it('403 for an absolute-form request target naming another host', async () => {
    const res = await raw(a.url, { path: 'http://evil.example/api/events', headers: { Host: 'localhost' } });
    expect(res.status).toBe(403);
  });

  it('is off when the server is bound to a non-loopback address by config', async () => {
    const open = await startApiServer({ engine: a.h.engine, log: silentLogger, token: a.token }, '0.0.0.0', 0);
    try {
      const res = await raw(`http://127.0.0.1:${open.port}`, { path: '/health', headers: { Host: 'notifychain.lan:8787' } });
      expect(res.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('CORS', () => {
  it('allows a configured origin, with preflight', async () => {
    const res = await raw(a.url, { path: '/api/events?limit=1', headers: { Origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    const preflight = await raw(a.url, {
      method: 'OPTIONS',
      path: '/api/contracts',
      headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  });

  it('refuses any other origin, preflight or not', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:5174', 'null']) {
      const res = await raw(a.url, { path: '/api/events?limit=1', headers: { Origin: origin } });
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(errorOf(res.body).code).toBe('request.origin_denied');
    }
    const preflight = await raw(a.url, { method: 'OPTIONS', path: '/api/contracts', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
  });

  it('lets the server\'s own pages through (same origin)', async () => {
    const { port } = new URL(a.url);
    const res = await raw(a.url, { path: '/api/events?limit=1', headers: { Origin: `http://127.0.0.1:${port}` } });
    expect(res.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('413 above 64 KiB, with or without Content-Length', async () => {
    const big = JSON.stringify({ id: a.contracts.autoshare, name: 'x'.repeat(70 * 1024) });
    const sized = await post({ Authorization: `Bearer ${a.token}` }, big);
    expect(sized.status).toBe(413);
    expect(errorOf(sized.body).code).toBe('request.body_too_large');
    const chunked = await raw(a.url, {
      method: 'POST',
      path: '/api/contracts',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${a.token}`, 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
  });

  it('415 for a body that is not JSON, 400 for JSON that does not parse', async () => {
    const auth = { Authorization: `Bearer ${a.token}` };
    const form = await raw(a.url, { method: 'POST', path: '/api/contracts', headers: { ...auth, 'Content-Type': 'text/plain' }, body: watchBody() });
    expect(form.status).toBe(415);
    const broken = await post(auth, '{"id": ');
    expect(broken.status).toBe(400);
    expect(errorOf(broken.body).code).toBe('request.malformed_json');
  });
});
