// Thousands of hostile requests: odd methods and paths, broken percent-encodings, huge and
// malformed parameters, bodies and headers, plus raw bytes no HTTP client would send. Nothing
// may answer 5xx, log an internal error, or stop the server from answering /health.
import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApiServer, type RunningApi } from '../../../src/main/engine/api/server';
import { createLogger } from '../../../src/main/engine/log/logger';
import { startApiHarness, type ApiHarness } from './api-harness';

let a: ApiHarness;
let api: RunningApi;
const logged: string[] = [];
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 30, eventsPerLedger: 3 });
  // A second server on the same engine, whose log we read.
  api = await startApiServer({ engine: a.h.engine, log: createLogger('warn', (line) => logged.push(line)), token: a.token, maxStreams: 1000 }, '127.0.0.1', 0);
});
afterAll(async () => {
  await api.close();
  await a.close();
});

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261125);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (max: number) => Math.floor(random() * max);

const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'FOO', 'M-SEARCH', 'PURGE'];
const ROUTES = ['/health', '/metrics', '/openapi.json', '/api/events', '/api/events/stream', '/api/events/export', '/api/contracts', '/api/notifications/x', '/api/targets', '/api/deliveries', '/api/events/'];
const PARAMS = ['limit', 'offset', 'after', 'order', 'contract_id', 'event_type', 'category', 'priority', 'since', 'until', 'ledger_from', 'ledger_to', 'format', '__proto__', 'constructor', 'a[]', 'x'];
const JUNK = [
  '', '-1', '0', '1', '500', '501', '1e309', 'NaN', 'Infinity', '0x10', ' 5', '9'.repeat(400), '%00', '%ZZ', '%E0%A4%A', '%C0%AF', '%2F%2E%2E',
  '%F0%9F%98%80', '\u{1F600}', 'CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE', 'a,b,,c', ',', 'x'.repeat(9000), '2026-13-45T99:99:99Z',
  '0000001234567890123-0000000001', '9:0000001234567890123-0000000001', '999999999999:1', 'true', 'null', '[]', '{}', '../../etc/passwd', "' OR 1=1 --",
  'csv', 'ndjson', 'asc', 'desc', 'financial', 'critical', '2026-11-25', '2026-11-25T00:00:00+14:00',
];
const SEGMENTS = ['..', '.', '%2e%2e', '%00', '%ZZ', 'événement', '%E2%80%AE', 'a'.repeat(3000), '', '%', '%%', '~', ';x=1', '*', 'stream', 'export', '0:0000001234567890123-0000000001'];

function path(): string {
  const base = random() < 0.8 ? pick(ROUTES) : '/' + Array.from({ length: 1 + int(4) }, () => pick(SEGMENTS)).join('/');
  const extra = random() < 0.3 ? '/' + pick(SEGMENTS) : '';
  const query = Array.from({ length: int(5) }, () => `${pick(PARAMS)}=${pick(JUNK)}`).join('&');
  return encodeURI(base + extra).replace(/%25/g, '%') + (query ? `?${query.replace(/[^\x21-\x7e]/gu, encodeURIComponent)}` : '');
}

function body(): string | Buffer | undefined {
  switch (int(8)) {
    case 0: return undefined;
    case 1: return Buffer.from(Array.from({ length: int(2000) }, () => int(256)));
    case 2: return JSON.stringify({ id: pick(JUNK), name: pick(JUNK), event_types: [pick(JUNK)], start_ledger: pick([1, -1, 1e300, '5', null]) });
    case 3: return '['.repeat(50_000) + ']'.repeat(50_000);
    case 4: return '{"id": "' + 'C'.repeat(int(200_000)) + '"}';
    case 5: return '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}';
    case 6: return '{"id": "CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE", "start_ledger": 4294967296}';
    default: return '{"id":';
  }
}

function headers(): Record<string, string> {
  const h: Record<string, string> = {};
  if (random() < 0.15) h.Host = pick(['evil.example', 'localhost', '[::1]:1', '127.0.0.1:0', 'x'.repeat(300), '[::1', 'localhost:abc']);
  if (random() < 0.15) h.Origin = pick(['http://evil.example', 'null', 'file://', '%%%', 'http://localhost:5173']);
  if (random() < 0.4) h.Authorization = pick([`Bearer ${a.token}`, 'Bearer', 'Bearer  ', `bearer ${a.token}`, 'Basic Zm9vOmJhcg==', `Bearer ${'x'.repeat(5000)}`]);
  if (random() < 0.5) h['Content-Type'] = pick(['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', '']);
  if (random() < 0.1) h['Last-Event-ID'] = pick(JUNK);
  if (random() < 0.1) h['If-None-Match'] = pick(['*', 'W/"x"', '"', ',,,', 'x'.repeat(4000)]);
  if (random() < 0.1) h['If-Modified-Since'] = pick(['yesterday', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Sat, 31 Dec 9999 23:59:59 GMT', '']);
  if (random() < 0.1) h['Accept-Encoding'] = pick(['gzip', 'br', '*', 'x'.repeat(500)]);
  if (random() < 0.1) h[`X-Junk-${int(1000)}`] = 'x'.repeat(int(8000));
  return h;
}

const agent = new Agent({ keepAlive: true, maxSockets: 24 });

function send(method: string, target: string, hdrs: Record<string, string>, payload: string | Buffer | undefined): Promise<number> {
  return new Promise((resolve) => {
    let req;
    try {
      req = httpRequest({ host: '127.0.0.1', port: api.port, method, path: target, headers: hdrs, agent }, (res) => {
        if (String(res.headers['content-type']).includes('event-stream')) res.destroy();
        else res.resume();
        resolve(res.statusCode ?? 0);
      });
    } catch {
      return resolve(-1); // the client itself refused to send it
    }
    req.on('error', () => resolve(-2)); // the server closed the connection (e.g. 431 then close)
    req.setTimeout(5_000, () => req.destroy());
    req.end(payload);
  });
}

function sendRaw(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(api.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.setTimeout(1_000, () => socket.destroy());
    socket.end(bytes);
  });
}

const RAW = [
  'GET / HTTP/1.1\r\n\r\n', 'GARBAGE\r\n\r\n', 'GET /api/events HTTP/9.9\r\nHost: localhost\r\n\r\n',
  'GET /api/events?limit=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /api/contracts HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nxx\r\n',
  'GET /api/events HTTP/1.1\r\nHost: localhost\r\nX: a\rb\r\n\r\n', 'GET /\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'GET /api/events HTTP/1.0\r\n\r\n', 'GET http://evil.example/api/events HTTP/1.1\r\nHost: localhost\r\n\r\n',
  `GET /api/events HTTP/1.1\r\nHost: localhost\r\n${'X-A: b\r\n'.repeat(3000)}\r\n`, 'GET /api/events/%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'GET /api/events\\..\\x HTTP/1.1\r\nHost: localhost\r\n\r\n', 'DELETE /api/contracts/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\n\r\n',
];

it('survives thousands of hostile requests without a 5xx', async () => {
  const statuses = new Map<number, number>();
  const fivexx: string[] = [];
  const jobs = Array.from({ length: 3_000 }, () => ({ method: pick(METHODS), target: path(), hdrs: headers(), payload: body() }));
  let next = 0;
  await Promise.all(
    Array.from({ length: 24 }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const payload = job.method === 'GET' || job.method === 'HEAD' ? undefined : job.payload;
        const status = await send(job.method, job.target, job.hdrs, payload);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) fivexx.push(`${status} ${job.method} ${job.target.slice(0, 120)}`);
      }
    }),
  );
  for (let i = 0; i < 300; i++) {
    const bytes = i < RAW.length ? Buffer.from(RAW[i]!, 'latin1') : Buffer.from(Array.from({ length: 1 + int(3000) }, () => int(256)));
    const answer = await sendRaw(bytes);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
    if (status >= 500) fivexx.push(`${status} raw #${i}`);
  }
  expect(fivexx).toEqual([]);
  expect(logged.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  // Most requests reached the app (not just the HTTP parser).
  const answered = [...statuses].filter(([s]) => s >= 200).reduce((n, [, c]) => n + c, 0);
  expect(answered).toBeGreaterThan(2_000);
  const health = await fetch(`${api.url}/health`);
  expect(health.status).toBe(200);
}, 60_000);
