import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../src/shared/ipc';
import { createLogger } from '../../../src/main/engine/log/logger';
import { createApiForwarder, loopbackBase } from '../../../src/main/shell/api-forwarder';
import { registerIpcHandlers } from '../../../src/main/shell/ipc-handlers';
import { ipcMain, resetFakes } from './fake-electron';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'], body: await readBody(req) });
    if (req.url === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end('notifychain_events_stored_total 7\n');
    } else if (req.url === '/api/redirect') {
      res.writeHead(302, { Location: 'http://example.com/' }).end();
    } else if (req.url === '/api/slow') {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), 1_000);
    } else if (req.url === '/api/huge') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ data: 'x'.repeat(50_000) }));
    } else if (req.url === '/api/missing') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"not_found","message":"no such event"}}');
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ echo: req.url }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  resetFakes();
});

const forwarder = (over: Partial<Parameters<typeof createApiForwarder>[0]> = {}) =>
  createApiForwarder({ baseUrl: () => base, getToken: () => 'tok-123', ...over });

describe('api:request forwarding to the local API', () => {
  it('a dashboard call reaches the API with the bearer token, and the JSON answer comes back parsed', async () => {
    const answer = await forwarder()({ method: 'POST', path: '/api/contracts?dry_run=1', body: { id: 'CA3D', name: 'AutoShare' } });
    expect(answer).toEqual({ status: 200, body: { echo: '/api/contracts?dry_run=1' } });
    expect(seen).toEqual([{ method: 'POST', url: '/api/contracts?dry_run=1', authorization: 'Bearer tok-123', contentType: 'application/json', body: '{"id":"CA3D","name":"AutoShare"}' }]);
  });

  it('API errors come back as the API sent them, status included', async () => {
    expect(await forwarder()({ method: 'GET', path: '/api/missing' })).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'no such event' } } });
  });

  it('/metrics comes back as text', async () => {
    expect(await forwarder()({ method: 'GET', path: '/metrics' })).toEqual({ status: 200, body: 'notifychain_events_stored_total 7\n' });
  });

  it('without a token file yet, the request goes without Authorization', async () => {
    await forwarder({ getToken: () => null })({ method: 'GET', path: '/health' });
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it('a redirect is not followed off the local API', async () => {
    expect(await forwarder()({ method: 'GET', path: '/api/redirect' })).toMatchObject({ status: 302 });
    expect(seen).toHaveLength(1);
  });

  it('a path that would leave the API is refused before any request is made', async () => {
    await expect(forwarder()({ method: 'GET', path: '/api/../../etc/passwd' })).rejects.toMatchObject({ code: 'ipc.invalid_input' });
    expect(seen).toHaveLength(0);
  });

  it('an API that is down answers api.unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(forwarder({ baseUrl: () => `http://127.0.0.1:${port}` })({ method: 'GET', path: '/health' })).rejects.toMatchObject({ code: 'api.unreachable' });
  });

  it('an API that does not answer in time answers api.timeout', async () => {
    await expect(forwarder({ timeoutMs: 100 })({ method: 'GET', path: '/api/slow' })).rejects.toMatchObject({ code: 'api.timeout' });
  });

  it('an answer over the size limit is cut off with api.too_large', async () => {
    await expect(forwarder({ maxResponseBytes: 10_000 })({ method: 'GET', path: '/api/huge' })).rejects.toMatchObject({ code: 'api.too_large' });
  });

  it('before the API has started, calls answer ipc.unavailable', async () => {
    await expect(forwarder({ baseUrl: () => null })({ method: 'GET', path: '/health' })).rejects.toMatchObject({ code: 'ipc.unavailable' });
  });

  it('an API bound to every interface is reached on loopback', () => {
    expect(loopbackBase('http://0.0.0.0:8787').href).toBe('http://127.0.0.1:8787/');
    expect(loopbackBase('http://[::]:8787').href).toBe('http://[::1]:8787/');
  });

  it('end to end through the IPC handler: hostile input stops at the edge, valid input reaches the server', async () => {
    registerIpcHandlers({
      ipcMain,
      isAppUrl: (url) => url.startsWith('app://notifychain/'),
      forwardApi: forwarder(),
      getPreferences: () => DEFAULT_PREFERENCES,
      setPreferences: () => DEFAULT_PREFERENCES,
      openExternal: vi.fn(),
      setDoNotDisturb: () => null,
      focusEvent: vi.fn(),
      appInfo: () => ({ version: '0', platform: 'linux' }),
      log: createLogger('silent'),
    });
    const handler = ipcMain.handlers.get('api:request')!;
    const event = { senderFrame: { url: 'app://notifychain/index.html', parent: null } };
    expect(await handler(event, { method: 'GET', path: '/api/events?limit=5' })).toEqual({ ok: true, value: { status: 200, body: { echo: '/api/events?limit=5' } } });
    expect(await handler(event, { method: 'GET', path: '/../admin' })).toMatchObject({ ok: false, code: 'ipc.invalid_input' });
    expect(seen.map((s) => s.url)).toEqual(['/api/events?limit=5']);
  });
});
