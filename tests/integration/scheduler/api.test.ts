// /api/notifications: local reminders scheduled and revoked over the API (token, validation,
// states, paging), and a reminder that reaches a webhook target when it falls due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetInputSchema } from '../../../src/shared/targets';
import { newToken } from '../../../src/main/engine/api/api-token';
import { startApiServer, type RunningApi } from '../../../src/main/engine/api/server';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { startHarness, type Harness } from '../../fixtures/engine-harness';
import { startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { raw, startApiHarness, type ApiHarness } from '../api/api-harness';
import { notificationId, scheduled } from './support/notification-events';

const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

describe('/api/notifications', () => {
  let a: ApiHarness;
  beforeAll(async () => {
    a = await startApiHarness({ ledgers: 5, eventsPerLedger: 1 });
  });
  afterAll(async () => {
    await a.close();
  });

  const send = (method: string, path: string, body?: unknown, token: string | null = a.token) =>
    raw(a.url, {
      method,
      path,
      headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await send(method, path, body);
    return { status: res.status, headers: res.headers, body: JSON.parse(res.body || 'null') };
  };

  it('schedules a local reminder (201) that reads back in the seed shape plus its state', async () => {
    const when = inMinutes(30);
    const created = await json('POST', '/api/notifications', { message: 'rotate the oracle key', when });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/notifications/${created.body.id}`);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^local-[0-9a-f-]{36}$/), creator: 'api', created_at: expect.any(String), expires_at: null,
      revoked_by: null, revoked_at: null, scheduled_for: when, delivered: false, delivered_at: null,
      state: 'scheduled', local: true, contract_id: null, message: 'rotate the oracle key', target_ids: [], expired_at: null,
    });
    expect(await json('GET', created.headers.location as string)).toMatchObject({ status: 200, body: created.body });
  });

  it('writes need the token', async () => {
    const body = { message: 'x', when: inMinutes(5) };
    const missing = await send('POST', '/api/notifications', body, null);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.code).toBe('auth.missing_token');
    expect(JSON.parse((await send('POST', '/api/notifications', body, 'not-the-token')).body).error.code).toBe('auth.invalid_token');
    const id = (await json('POST', '/api/notifications', body)).body.id as string;
    expect((await send('DELETE', `/api/notifications/${id}`, undefined, null)).status).toBe(401);
    expect((await json('GET', `/api/notifications/${id}`)).body.state).toBe('scheduled');
  });

  it.each([
    ['no message', { when: inMinutes(5) }, 'request.invalid_parameter', 'message'],
    ['an empty message', { message: '  ', when: inMinutes(5) }, 'request.invalid_parameter', 'message'],
    ['a time without an offset', { message: 'x', when: '2026-13-01T10:00' }, 'request.invalid_parameter', 'when'],
    ['a time in the past', { message: 'x', when: inMinutes(-10) }, 'request.invalid_parameter', 'when'],
    ['an expiry before the time', { message: 'x', when: inMinutes(10), expires_at: inMinutes(5) }, 'request.invalid_parameter', 'expires_at'],
    ['a repeated target', { message: 'x', when: inMinutes(10), target_ids: [1, 1] }, 'request.invalid_parameter', 'target_ids'],
    ['a target that does not exist', { message: 'x', when: inMinutes(10), target_ids: [999] }, 'notification.unknown_target', 'target_ids'],
    ['an unknown field', { message: 'x', when: inMinutes(10), priority: 'high' }, 'request.unknown_parameter', 'priority'],
  ])('refuses %s with 400 naming the field', async (_what, body, code, parameter) => {
    const res = await json('POST', '/api/notifications', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, parameter });
  });

  it('refuses a body that is not JSON', async () => {
    const malformed = await send('POST', '/api/notifications', '{"message":');
    expect([malformed.status, JSON.parse(malformed.body).error.code]).toEqual([400, 'request.malformed_json']);
    const form = await raw(a.url, {
      method: 'POST', path: '/api/notifications', body: 'message=x',
      headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('revokes a reminder (who and when), again is harmless, and a finished or on-chain one is refused', async () => {
    const { id } = (await json('POST', '/api/notifications', { message: 'x', when: inMinutes(10) })).body as { id: string };
    const revoked = await json('DELETE', `/api/notifications/${id}`);
    expect(revoked).toMatchObject({ status: 200, body: { id, state: 'revoked', revoked_by: 'api', revoked_at: expect.any(String) } });
    expect(await json('DELETE', `/api/notifications/${id}`)).toMatchObject({ status: 200, body: { state: 'revoked', revoked_at: revoked.body.revoked_at } });

    const chainId = notificationId(42);
    await a.h.store.commitIngest({ events: [scheduled(chainId, { ledger: 100 })] });
    expect(await json('DELETE', `/api/notifications/${chainId}`)).toMatchObject({ status: 409, body: { error: { code: 'notification.not_local' } } });
    expect(await json('DELETE', '/api/notifications/local-nope')).toMatchObject({ status: 404, body: { error: { code: 'notification.not_found' } } });
  });

  it('filters by state, and a reminder whose time has come is due until the scheduler sends it', async () => {
    const due = (await json('POST', '/api/notifications', { message: 'now', when: new Date(Date.now() - 1000).toISOString() })).body;
    expect(due.state).toBe('due');
    const later = (await json('POST', '/api/notifications', { message: 'later', when: inMinutes(60) })).body;
    const ids = async (state: string) => ((await json('GET', `/api/notifications?state=${state}&limit=500`)).body.notifications as { id: string; state: string }[]);
    expect((await ids('due')).map((n) => n.id)).toContain(due.id);
    expect((await ids('due')).every((n) => n.state === 'due')).toBe(true);
    expect((await ids('scheduled')).map((n) => n.id)).toContain(later.id);
    expect((await ids('scheduled')).map((n) => n.id)).not.toContain(due.id);
    const bad = await json('GET', '/api/notifications?state=pending');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_parameter', parameter: 'state' } } });
  });

  it('pages newest first with next_cursor, each notification once', async () => {
    for (let i = 0; i < 5; i++) await json('POST', '/api/notifications', { message: `p${i}`, when: inMinutes(90) });
    const total = (await json('GET', '/api/notifications?limit=500')).body.notifications.length as number;
    const seen: string[] = [];
    let path = '/api/notifications?limit=2';
    for (;;) {
      const page = (await json('GET', path)).body as { notifications: { id: string; created_at: string }[]; has_more: boolean; next_cursor: string | null };
      seen.push(...page.notifications.map((n) => n.id));
      if (!page.has_more) {
        expect(page.next_cursor).toBeNull();
        break;
      }
      path = `/api/notifications?limit=2&after=${encodeURIComponent(page.next_cursor!)}`;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect((await json('GET', '/api/notifications?after=garbage')).status).toBe(400);
  });
});

describe('a reminder reaches its target when it falls due', () => {
  let h: Harness;
  let api: RunningApi;
  let sink: HttpSink;
  const token = newToken();
  beforeAll(async () => {
    sink = await startHttpSink();
    h = await startHarness({ config: { schedulerPollIntervalMs: 100 } });
    api = await startApiServer({ engine: h.engine, log: silentLogger, token }, '127.0.0.1', 0);
    await h.engine.start();
  });
  afterAll(async () => {
    await api.close();
    await h.close();
    await sink.close();
  });
  /** Schedules a reminder 300 ms ahead for these targets; returns its id. */
  const remind = async (message: string, targetIds: number[]): Promise<string> => {
    const res = await fetch(`${api.url}/api/notifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message, when: new Date(Date.now() + 300).toISOString(), target_ids: targetIds }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it('is posted to a webhook target once, with its message', async () => {
    const target = await h.engine.dispatcher.targets.create(
      targetInputSchema.parse({ name: 'reminders', kind: 'webhook', config: { url: sink.url }, rule: { event_types: ['reminder_due'] } }),
    );
    const res = await fetch(`${api.url}/api/notifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'renew the TLS certificate', when: new Date(Date.now() + 300).toISOString(), target_ids: [target.id] }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [request] = await sink.waitFor(1, 10_000);
    expect(request!.json).toMatchObject({ data: { event_type: 'reminder_due', id: `local:${id}:due` } });
    expect(JSON.stringify(request!.json)).toContain('renew the TLS certificate');
    const after = (await (await fetch(`${api.url}/api/notifications/${id}`)).json()) as { state: string; delivered: boolean };
    expect(after).toMatchObject({ state: 'delivered', delivered: true });
    // A later reminder to the same target arrives next: the first one was not sent again before it.
    const later = await remind('second reminder', [target.id]);
    await sink.waitFor(2, 10_000);
    expect(sink.requests.map((r) => (r.json as { data: { id: string } }).data.id)).toEqual([`local:${id}:due`, `local:${later}:due`]);
  });

  it('goes only to the targets it names, even when other targets’ rules match it', async () => {
    const other = await startHttpSink();
    try {
      const chosen = await h.engine.dispatcher.targets.create(
        targetInputSchema.parse({ name: 'on call', kind: 'webhook', config: { url: `${sink.url}/chosen` }, rule: { event_types: ['reminder_due'] } }),
      );
      const everything = await h.engine.dispatcher.targets.create(
        targetInputSchema.parse({ name: 'everything', kind: 'webhook', config: { url: other.url }, rule: { event_types: ['reminder_due'] } }),
      );
      const before = sink.requests.length;
      const res = await fetch(`${api.url}/api/notifications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: 'rotate the signer', when: new Date(Date.now() + 300).toISOString(), target_ids: [chosen.id] }),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      await sink.waitFor(before + 1, 10_000);
      expect(sink.requests.at(-1)).toMatchObject({ path: '/chosen', json: { data: { id: `local:${id}:due` } } });
      // A later reminder for the other target reaches it; the first one, stored before, did not.
      const later = await remind('for the other target', [everything.id]);
      await other.waitFor(1, 10_000);
      expect(other.requests.map((r) => (r.json as { data: { id: string } }).data.id)).toEqual([`local:${later}:due`]);
    } finally {
      await other.close();
    }
  });
});
