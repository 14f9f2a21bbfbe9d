import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryRoutes } from '../../../src/main/engine/api/routes/deliveries';
import { targetRoutes } from '../../../src/main/engine/api/routes/targets';
import { createLogger } from '../../../src/main/engine/log/logger';
import { failing, ok, startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness;
let sink: HttpSink;
let app: Hono;
const apiLogs: string[] = [];

beforeEach(async () => {
  sink = await startHttpSink();
  h = await startHarness();
  const ctx = { engine: { dispatcher: h.dispatcher, store: h.store }, log: createLogger('debug', (l) => apiLogs.push(l)) };
  app = new Hono().route('/', targetRoutes(ctx)).route('/', deliveryRoutes(ctx));
  h.dispatcher.start();
});
afterEach(async () => {
  await h.close();
  await sink.close();
});

const call = async (method: string, path: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
};

const BOT_TOKEN = '987654321:ZZtopSecretTelegramBotToken_0123456789';
const SIGNING = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const secretsOf = (url: string) => [`${url}/hooks/Sup3rS3cretPath`, 'bearer-token-0123456789', 'hdr-secret-value-xyz', SIGNING, BOT_TOKEN];

async function createSecretTargets() {
  const [hookUrl, bearer, header] = secretsOf(sink.url);
  const hook = await call('POST', '/api/targets', {
    name: 'signed hook',
    kind: 'webhook',
    config: { url: hookUrl, auth: { type: 'bearer', token: bearer }, headers: { 'X-Key': header }, signing_secret: SIGNING },
    rule: { min_priority: 'medium' },
  });
  // This "Telegram API" echoes the request path, token included, in its error.
  const bot = await call('POST', '/api/targets', {
    name: 'bot',
    kind: 'telegram',
    config: { bot_token: BOT_TOKEN, chat_id: 42, api_base_url: `${sink.url}/tg` },
  });
  return { hook, bot };
}

describe('targets API', () => {
  it('creates a target and never returns or logs its secrets, even when a service echoes them back', async () => {
    sink.respond((req) => (req.path.startsWith('/tg') ? { status: 404, body: `no such bot: ${req.path}` } : { status: 200 }));
    const { hook, bot } = await createSecretTargets();
    expect(hook.status).toBe(201);
    expect(hook.json).toMatchObject({ id: expect.any(Number), kind: 'webhook', name: 'signed hook', enabled: true, rule: { min_priority: 'medium' } });
    expect(hook.json.config.url).toMatch(/^••••.{4}$/);
    expect(bot.json.config).toEqual({ bot_token: '••••6789', chat_id: 42, api_base_url: `${sink.url}/tg` });
    await h.ingest(h.events(1));
    await sink.waitFor(2);
    await eventually(async () => expect((await call('GET', `/api/deliveries?target_id=${bot.json.id}`)).json.deliveries[0].status).toBe('dead'));
    const responses = [
      await call('GET', '/api/targets'),
      await call('GET', `/api/targets/${hook.json.id}`),
      await call('GET', '/api/deliveries'),
      await call('GET', `/api/deliveries/${(await call('GET', `/api/deliveries?target_id=${bot.json.id}`)).json.deliveries[0].id}`),
      await call('POST', `/api/targets/${bot.json.id}/test`),
    ];
    expect(responses.at(-1)!.json).toMatchObject({ delivered: false, http_status: 404, error: { code: 'target.rejected' } });
    const everything = [...responses.map((r) => r.text), ...h.logs, ...apiLogs].join('\n');
    expect(everything).toContain('no such bot: /tg/bot••••/sendMessage');
    for (const secret of secretsOf(sink.url)) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('Sup3rS3cretPath');
    const stored = JSON.stringify(h.store.db.prepare('SELECT config FROM targets').all());
    for (const secret of secretsOf(sink.url)) expect(stored).not.toContain(secret);
  });

  it('refuses an invalid target with a 400 that names the field', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', kind: 'webhook', config: {} }, 'config.url'],
      [{ name: 'x', kind: 'webhook', config: { url: 'ftp://example.com' } }, 'config.url'],
      [{ name: 'x', kind: 'discord', config: { webhook_url: 'https://d.example/x' }, rule: { min_priority: 'urgent' } }, 'rule.min_priority'],
      [{ name: 'x', kind: 'pager', config: {} }, 'kind'],
      [{ name: '', kind: 'slack', config: { webhook_url: 'https://hooks.slack.com/x' } }, 'name'],
      [{ name: 'x', kind: 'webhook', config: { url: 'https://a.example', signing_secret: 'plain' } }, 'config.signing_secret'],
      [{ name: 'x', kind: 'email', config: { smtp: { host: 'mail' }, from: 'me', to: [] } }, 'config.from'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/api/targets', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'request.invalid_parameter', parameter: field });
      expect(res.json.error.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
    }
    expect((await call('GET', '/api/targets')).json.targets).toEqual([]);
  });

  it('an update that sends masked secrets back keeps them; the kind cannot change', async () => {
    const { hook } = await createSecretTargets();
    // Sent back whole, as listed: masked secrets, id and timestamps included.
    const updated = await call('PUT', `/api/targets/${hook.json.id}`, { ...hook.json, name: 'renamed' });
    expect(updated.status).toBe(200);
    expect(updated.json.name).toBe('renamed');
    expect(updated.json.config).toEqual(hook.json.config);
    await h.ingest(h.events(1));
    const [req] = await sink.waitFor(1);
    expect(req!.path).toBe('/hooks/Sup3rS3cretPath');
    expect(req!.headers.authorization).toBe('Bearer bearer-token-0123456789');
    expect((await call('PUT', `/api/targets/${hook.json.id}`, { kind: 'slack' })).json.error.parameter).toBe('kind');
    expect((await call('PUT', '/api/targets/999', { name: 'y' })).status).toBe(404);
  });

  it('disabling a target stops new deliveries to it; deleting removes it', async () => {
    const hook = await call('POST', '/api/targets', { name: 'h', kind: 'webhook', config: { url: sink.url } });
    expect((await call('PUT', `/api/targets/${hook.json.id}`, { enabled: false })).json.enabled).toBe(false);
    await h.ingest(h.events(1));
    await eventually(() => expect(h.store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 }));
    expect((await call('GET', '/api/deliveries')).json.deliveries).toEqual([]);
    expect((await call('DELETE', `/api/targets/${hook.json.id}`)).status).toBe(204);
    expect((await call('DELETE', `/api/targets/${hook.json.id}`)).status).toBe(404);
    expect((await call('GET', `/api/targets/${hook.json.id}`)).json.error.code).toBe('target.not_found');
  });

  it('"send test event" reaches the target and says how it went', async () => {
    const hook = await call('POST', '/api/targets', { name: 'h', kind: 'webhook', config: { url: sink.url } });
    const res = await call('POST', `/api/targets/${hook.json.id}/test`);
    expect(res.json).toMatchObject({ delivered: true, http_status: 200, error: null });
    expect((sink.requests[0]!.json as { data: { event_type: string } }).data.event_type).toBe('notifychain_test');
    sink.respond(failing(500));
    expect((await call('POST', `/api/targets/${hook.json.id}/test`)).json).toMatchObject({ delivered: false, error: { code: 'target.unreachable' } });
    expect((await call('GET', '/api/deliveries')).json.deliveries).toEqual([]);
    expect((await call('POST', '/api/targets/77/test')).status).toBe(404);
  });
});

describe('deliveries API', () => {
  it('lists deliveries filtered by target, status and event, newest first, with paging', async () => {
    const a = await call('POST', '/api/targets', { name: 'a', kind: 'webhook', config: { url: `${sink.url}/a` } });
    await call('POST', '/api/targets', { name: 'b', kind: 'webhook', config: { url: `${sink.url}/b` } });
    const events = h.events(3);
    await h.ingest(events);
    await sink.waitFor(6);
    await eventually(async () => expect((await call('GET', '/api/deliveries?status=delivered')).json.deliveries).toHaveLength(6));
    const forA = (await call('GET', `/api/deliveries?target_id=${a.json.id}`)).json.deliveries;
    expect(forA.map((d: { event_id: string }) => d.event_id)).toEqual(events.map((e) => e.eventId).reverse());
    expect(forA[0]).toMatchObject({ target_id: a.json.id, status: 'delivered', attempts: 1, last_error: null, webhook_id: expect.stringMatching(/^msg_/) });
    const one = (await call('GET', `/api/deliveries?event_id=${events[1]!.eventId}`)).json.deliveries;
    expect(one).toHaveLength(2);
    const page = await call('GET', '/api/deliveries?limit=4');
    expect(page.json.deliveries).toHaveLength(4);
    const rest = await call('GET', `/api/deliveries?limit=4&before=${page.json.next_before}`);
    expect(rest.json.deliveries).toHaveLength(2);
    expect(rest.json.next_before).toBeNull();
    const detail = await call('GET', `/api/deliveries/${forA[0].id}`);
    expect(detail.json.attempts).toEqual([expect.objectContaining({ attempt: 1, ok: true, http_status: 200 })]);
    expect((await call('GET', '/api/deliveries?status=lost')).json.error).toMatchObject({ code: 'request.invalid_parameter', parameter: 'status' });
    expect((await call('GET', '/api/deliveries?target_id=abc')).json.error.parameter).toBe('target_id');
  });

  it('redelivers one delivery, or every failed and dead one of a target', async () => {
    sink.respond(failing(400));
    const a = await call('POST', '/api/targets', { name: 'a', kind: 'webhook', config: { url: sink.url } });
    await h.ingest(h.events(2));
    await eventually(async () => expect((await call('GET', '/api/deliveries?status=dead')).json.deliveries).toHaveLength(2));
    sink.respond(ok);
    const [newest] = (await call('GET', '/api/deliveries')).json.deliveries;
    const one = await call('POST', `/api/deliveries/${newest.id}/redeliver`);
    expect(one.json.delivery).toMatchObject({ id: newest.id, status: 'pending', attempts: 0 });
    await eventually(async () => expect((await call('GET', '/api/deliveries?status=delivered')).json.deliveries).toHaveLength(1));
    const bulk = await call('POST', `/api/targets/${a.json.id}/redeliver`);
    expect(bulk.json).toEqual({ redelivered: 1 });
    await eventually(async () => expect((await call('GET', '/api/deliveries?status=delivered')).json.deliveries).toHaveLength(2));
    expect((await call('POST', '/api/deliveries/4242/redeliver')).json.error.code).toBe('delivery.not_found');
    expect((await call('POST', `/api/targets/${a.json.id}/redeliver`, { statuses: ['delivered'] })).json.error.parameter).toBe('statuses.0');
  });
});
