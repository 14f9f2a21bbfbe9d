import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRpcError } from '../../../src/main/engine/metrics';
import { raw, startApiHarness, type ApiHarness } from './api-harness';
import { untilClockPasses } from '../../fixtures/clock-tick';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let a: ApiHarness;
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 20, eventsPerLedger: 3 });
});
afterAll(async () => {
  await a.close();
});

describe('GET /health', () => {
  it('reports the seed fields plus network, ledgers, lag, gaps and reset', async () => {
    const res = await raw(a.url, { path: '/health' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({
      status: 'ok', uptime_seconds: expect.any(Number), contracts_watched: 3, last_event_time: expect.any(String), database_ok: true,
      network: { name: 'demo', epoch: 0 }, latest_ledger: a.h.demo.chain.latestLedger, lag_ledgers: 0, events_stored: 60, gaps: [], last_reset: null,
    });
  });
});

describe('GET /metrics', () => {
  it('is Prometheus text with the engine counters and per-route latency', async () => {
    await raw(a.url, { path: '/api/events?limit=1' });
    await raw(a.url, { path: '/no/such/route' });
    const res = await raw(a.url, { path: '/metrics' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const samples = new Map<string, number>();
    for (const line of res.body.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)$/.exec(line);
      expect(match, line).not.toBeNull();
      samples.set(match![1]!, Number(match![2]));
    }
    expect(samples.get('notifychain_events_ingested_total')).toBe(60);
    expect(samples.get('notifychain_ingest_lag_ledgers')).toBe(0);
    expect(samples.get('notifychain_events_stored')).toBe(60);
    expect(samples.get('notifychain_health_status{status="ok"}')).toBe(1);
    for (const name of ['notifychain_dedup_hits_total', 'notifychain_gaps_total', 'notifychain_network_resets_total', 'notifychain_decode_failures_total']) {
      expect(samples.has(name), name).toBe(true);
    }
    expect(samples.get('notifychain_http_request_duration_seconds_count{method="GET",route="/api/events",status="200"}')).toBe(1);
    expect(samples.get('notifychain_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"}')).toBe(1);
  });

  it('counts RPC errors by code', async () => {
    // What the subscriber's poll loop does on each failed poll.
    countRpcError(a.h.engine.metrics, 'rpc.rate_limited');
    countRpcError(a.h.engine.metrics, 'rpc.rate_limited');
    countRpcError(a.h.engine.metrics, 'rpc.timeout');
    const body = (await raw(a.url, { path: '/metrics' })).body;
    expect(body).toContain('notifychain_rpc_errors_total{code="rpc.rate_limited"} 2');
    expect(body).toContain('notifychain_rpc_errors_total{code="rpc.timeout"} 1');
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every route the server answers', async () => {
    const res = await raw(a.url, { path: '/openapi.json' });
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.body) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const expected = [
      'GET /health', 'GET /metrics', 'GET /openapi.json', 'GET /api/events', 'GET /api/events/stream', 'GET /api/events/export',
      'GET /api/events/{id}', 'GET /api/notifications/{id}', 'GET /api/contracts', 'POST /api/contracts', 'DELETE /api/contracts/{id}',
    ];
    expect(listed).toEqual(expect.arrayContaining(expected));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Event', 'EventList', 'Contract', 'WatchContract', 'Notification', 'Health', 'Error']));
    const events = doc.paths['/api/events']!.get as { parameters: Array<{ name: string }> };
    expect(events.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'offset', 'after', 'contract_id', 'event_type', 'since', 'category', 'priority', 'ledger_from', 'ledger_to']),
    );
  });

  it('agrees with the routes the app registered', async () => {
    const doc = JSON.parse((await raw(a.url, { path: '/openapi.json' })).body) as { paths: Record<string, Record<string, unknown>> };
    // Any GET/POST/DELETE that answers something other than route.not_found must be in the document.
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const concrete = path.replace('{id}', '1');
        // HEAD for reads: the same routing, and an event stream answers it without staying open.
        let res = await raw(a.url, { method: method === 'get' ? 'HEAD' : method.toUpperCase(), path: concrete });
        if (res.status === 404 && method === 'get') res = await raw(a.url, { path: concrete });
        const code = res.status === 404 ? JSON.parse(res.body).error.code : 'ok';
        expect(code, `${method} ${path}`).not.toBe('route.not_found');
      }
    }
  });
});

describe('GET /api/notifications/:id', () => {
  it('answers the seed shape, 404 when unknown, 400 when malformed', async () => {
    // Judged against the API's clock (the real one): a reminder one day ahead is still scheduled.
    const now = Date.now();
    const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
    const [createdAt, expiresAt, scheduledFor, revokedAt] = [at(-HOUR), at(30 * DAY), at(DAY), at(-HOUR / 2)];
    a.h.store.db
      .prepare(`INSERT INTO notifications (id, creator, created_at, expires_at, scheduled_for, delivered) VALUES (?, ?, ?, ?, ?, ?)`)
      .run('ab'.repeat(32), 'GCPMHXIHHAOSWQPKDGFDDG66QMS54WX7U3T3HBPNTGVTSVPTEYHSWOHJ', createdAt, expiresAt, scheduledFor, 0);
    const res = await raw(a.url, { path: `/api/notifications/${'ab'.repeat(32)}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      id: 'ab'.repeat(32), creator: 'GCPMHXIHHAOSWQPKDGFDDG66QMS54WX7U3T3HBPNTGVTSVPTEYHSWOHJ', created_at: createdAt,
      expires_at: expiresAt, revoked_by: null, revoked_at: null, scheduled_for: scheduledFor, delivered: false, delivered_at: null,
      state: 'scheduled',
    });
    // A change moves updated_at (trigger), so the old ETag no longer matches.
    const etag = String(res.headers.etag);
    await untilClockPasses();
    a.h.store.db.prepare('UPDATE notifications SET revoked_by = ?, revoked_at = ? WHERE id = ?').run('GABC', revokedAt, 'ab'.repeat(32));
    const after = await raw(a.url, { path: `/api/notifications/${'ab'.repeat(32)}`, headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).revoked_by).toBe('GABC');
    const missing = await raw(a.url, { path: '/api/notifications/unknown-id' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('notification.not_found');
    expect((await raw(a.url, { path: '/api/notifications/has%20space' })).status).toBe(400);
  });
});

describe('unknown routes', () => {
  it('404 as JSON', async () => {
    const res = await raw(a.url, { path: '/api/nothing' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'route.not_found', message: 'no route for GET /api/nothing' } });
  });
});
