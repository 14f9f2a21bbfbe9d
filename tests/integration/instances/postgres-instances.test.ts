// Several `serve` instances on one PostgreSQL database: one ingests, all serve the API, and
// killing the ingesting one (twice) loses nothing, repeats nothing and hands ingestion over fast.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ruleSchema } from '../../../src/shared/targets';
import { systemClock } from '../../../src/main/engine/clock';
import { TargetAdmin } from '../../../src/main/engine/dispatch/target-admin';
import { createNodeSecretBox } from '../../../src/main/engine/secrets/key-source';
import { PostgresStore } from '../../../src/main/engine/store/postgres/postgres-store';
import { DEMO_PASSPHRASE, startDemoRpcServer, type DemoRpcServer } from '../../../src/main/engine/stellar/demo';
import { createDatabase } from '../../fixtures/postgres';
import { spawnServe, type ServeProcess } from '../../fixtures/serve-process';
import { startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';

interface Instance {
  name: string;
  serve: ServeProcess;
  url: string;
  token: string;
}

let demo: DemoRpcServer;
let sink: HttpSink;
let dbUrl: string;
let dir: string;
const instances: Instance[] = [];
const SECRET_KEY = 'ab'.repeat(32);

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function start(name: string): Promise<Instance> {
  const serve = spawnServe(
    [
      '--network', 'custom', '--rpc-url', demo.url, '--passphrase', DEMO_PASSPHRASE,
      ...Object.values(demo.chain.contracts).flatMap((id) => ['--watch', id]),
      '--start-ledger', String(demo.chain.oldestLedger), '--database-url', dbUrl, '--processor-id', name,
      '--port', '0', '--poll-interval-ms', '1000',
    ],
    {
      NOTIFYCHAIN_HOME: join(dir, name),
      NOTIFYCHAIN_SECRET_KEY: SECRET_KEY,
      DISPATCH_LEASE_MS: '3000',
      NOTIFICATION_TIMEOUT_MS: '1000',
      SCHEDULER_POLL_INTERVAL_MS: '500',
    },
  );
  const url = await serve.apiUrl;
  const token = await until(async () => /token:\s+(\S+)/.exec(serve.output())?.[1], 10_000, `${name}'s token`);
  const instance = { name, serve, url, token };
  instances.push(instance);
  return instance;
}

async function health(instance: Instance): Promise<{ ingest_state: string }> {
  return (await fetch(`${instance.url}/health`)).json() as Promise<{ ingest_state: string }>;
}

async function ingesting(alive: Instance[]): Promise<Instance | null> {
  for (const instance of alive) {
    const state = (await health(instance)).ingest_state;
    if (state === 'live' || state === 'syncing') return instance;
  }
  return null;
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const chainIds = () => [...demo.chain.events()].map((e) => e.id).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nc-instances-'));
  dbUrl = await createDatabase(inject('postgresUrl'));
  sink = await startHttpSink();
  demo = await startDemoRpcServer({ history: { ledgers: 60, eventsPerLedger: 4 }, eventsPerLedger: [1, 3], ledgerIntervalMs: 400 });
});

afterAll(async () => {
  for (const instance of instances) instance.serve.child.kill('SIGKILL');
  await Promise.all(instances.map((i) => i.serve.exited));
  await demo?.close();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('three instances on one PostgreSQL', () => {
  it('survive losing the ingesting instance twice: every event stored once, delivered, and reminders sent once', async () => {
    // The target exists before any instance reads the chain, so every event is for it.
    const setup = await PostgresStore.open(dbUrl);
    const admin = new TargetAdmin({ store: setup.dispatch, box: createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: SECRET_KEY } }), clock: systemClock, changed: async () => {} });
    await admin.create({ kind: 'webhook', name: 'sink', enabled: true, rule: ruleSchema.parse({}), config: { url: `${sink.url}/in`, method: 'POST', headers: {}, auth: { type: 'none' } } });
    await setup.close();

    const all = [await start('p1'), await start('p2'), await start('p3')];
    const write = (instance: Instance, path: string, body: unknown) =>
      fetch(`${instance.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${instance.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const when = new Date(Date.now() + 4_000).toISOString();
    const reminders: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await write(all[i % 3]!, '/api/notifications', { message: `reminder ${i}`, when });
      expect(res.status).toBe(201);
      reminders.push(((await res.json()) as { id: string }).id);
    }

    let alive = [...all];
    for (let kill = 0; kill < 2; kill++) {
      const leader = await until(() => ingesting(alive), 20_000, 'an ingesting instance');
      await until(async () => (await query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n > 50 * (kill + 1), 20_000, 'events');
      leader.serve.child.kill('SIGKILL');
      await leader.serve.exited;
      const killedAt = Date.now();
      alive = alive.filter((i) => i !== leader);
      // Ingestion resumes elsewhere: an event of a ledger closed after the kill is stored.
      const ledgerAtKill = demo.chain.latestLedger;
      await until(
        async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE ledger_sequence > ${ledgerAtKill + 1}`))[0]!.n > 0,
        15_000,
        'ingestion to resume',
      );
      expect(Date.now() - killedAt).toBeLessThan(10_000);
    }

    demo.chain.stop();
    const served = chainIds();
    await until(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE event_id NOT LIKE 'local:%'`))[0]!.n >= served.length, 30_000, 'every served event');
    const stored = await query<{ event_id: string; n: number }>(
      `SELECT event_id, count(*)::int AS n FROM events WHERE event_id NOT LIKE 'local:%' GROUP BY event_id ORDER BY event_id`,
    );
    expect(stored.map((r) => r.event_id)).toEqual(served);
    expect(stored.every((r) => r.n === 1)).toBe(true);

    // Reminders: each sent exactly once, whichever instance leased it.
    await until(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE delivered`))[0]!.n >= reminders.length, 30_000, 'reminders');
    for (const id of reminders) {
      const due = await query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE event_id LIKE 'local:${id}:%'`);
      expect(due[0]!.n).toBe(1);
    }

    // Every event reached the sink at least once, and repeats carry one webhook-id.
    const everything = await query<{ event_id: string }>('SELECT event_id FROM events');
    const undelivered = () => {
      const seen = new Set(sink.requests.map((r) => (r.json as { data: { id: string } }).data.id));
      return everything.filter((e) => !seen.has(e.event_id)).map((e) => e.event_id);
    };
    try {
      await until(async () => undelivered().length === 0, 60_000, 'every delivery');
    } catch (error) {
      const states = await query('SELECT status, lease_owner, count(*)::int AS n FROM deliveries GROUP BY status, lease_owner');
      const outbox = await query('SELECT count(*)::int AS n FROM outbox');
      throw new Error(`${(error as Error).message}: ${undelivered().length} of ${everything.length} missing, e.g. ${undelivered().slice(0, 3)}; deliveries ${JSON.stringify(states)}; outbox ${JSON.stringify(outbox)}\n${instances.map((i) => `--- ${i.name}\n${i.serve.output().slice(-3000)}`).join('\n')}`);
    }
    const idsByEvent = new Map<string, Set<string>>();
    for (const request of sink.requests) {
      const eventId = (request.json as { data: { id: string } }).data.id;
      idsByEvent.set(eventId, (idsByEvent.get(eventId) ?? new Set()).add(request.headers['webhook-id']!));
    }
    for (const [eventId, ids] of idsByEvent) expect(ids.size, eventId).toBe(1);
  }, 180_000);
});
