// The events API over each store, both engines reading the same demo network: every answer a
// client can see (events, totals, cursors, export) is the same on PostgreSQL as on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../../../src/main/engine/api/api-token';
import { startApiServer, type RunningApi } from '../../../src/main/engine/api/server';
import { Engine } from '../../../src/main/engine/engine';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { DEMO_PASSPHRASE, startDemoRpcServer, type DemoRpcServer } from '../../../src/main/engine/stellar/demo';
import { RpcClient } from '../../../src/main/engine/stellar/rpc-client';
import { engineConfigSchema } from '../../../src/shared/config';
import { STORE_KINDS, openStore, type StoreUnderTest } from '../../fixtures/stores';

let demo: DemoRpcServer;
let dir: string;
const running: { t: StoreUnderTest; engine: Engine; api: RunningApi }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nc-parity-'));
  demo = await startDemoRpcServer({ autoStart: false, history: { ledgers: 120, eventsPerLedger: 6 } });
  const contracts = Object.values(demo.chain.contracts);
  for (const kind of STORE_KINDS) {
    const t = await openStore(kind);
    const engine = new Engine({
      config: engineConfigSchema.parse({ network: 'demo', contracts: contracts.map((id) => ({ id })), startLedger: demo.chain.oldestLedger, pollIntervalMs: 60_000 }),
      store: t.store,
      rpc: new RpcClient({ urls: [demo.url], baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 2_000 }),
      log: silentLogger,
      expectedPassphrase: DEMO_PASSPHRASE,
      dispatch: { secretKeyFile: join(dir, `${kind}.key`) },
    });
    for (const id of contracts) await engine.watch({ id });
    await engine.subscriber.pollOnce();
    const api = await startApiServer({ engine, log: silentLogger, token: newToken() }, '127.0.0.1', 0);
    running.push({ t, engine, api });
  }
}, 60_000);
afterAll(async () => {
  for (const { t, engine, api } of running) {
    await api.close();
    await engine.stop();
    await t.close();
  }
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The bodies both APIs answer, without stored_at (each store stamps its own). */
async function both(path: string): Promise<{ status: number; body: string }[]> {
  return Promise.all(running.map(async ({ api }) => {
    const res = await fetch(api.url + path);
    const text = await res.text();
    const withoutStoredAt = text
      .replace(/"stored_at":"[^"]*",?/g, '') // JSON
      .replace(/(\d{3}Z),\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/g, '$1,'); // CSV: created_at,stored_at,
    return { status: res.status, body: withoutStoredAt };
  }));
}

describe('the events API on SQLite and on PostgreSQL', () => {
  it('answers every filter, order and page the same', async () => {
    const { autoshare, taskbounty } = demo.chain.contracts;
    const [sqlite] = running;
    const all = await sqlite!.t.allEvents();
    expect(all.length).toBeGreaterThan(500);
    const middle = all[Math.floor(all.length / 2)]!;
    const queries = [
      '', '?order=asc&limit=37', '?limit=500', `?contract_id=${autoshare}`, `?contract_id=${taskbounty},${autoshare}&order=asc`,
      '?event_type=withdrawal', `?contract_id=${taskbounty}&event_type=task_created`, '?category=financial', '?priority=high,critical',
      `?ledger_from=${middle.ledger_sequence}&ledger_to=${middle.ledger_sequence + 10}`, `?since=${middle.created_at}`,
      `?until=${middle.created_at}&order=asc`, `?after=${middle.id}`, `?after=${middle.id}&order=asc&limit=5`, '?offset=250&limit=20',
      '?since=2999-01-01', `?after=${all.at(-1)!.id}&order=asc`,
    ];
    for (const query of queries) {
      const [a, b] = await both(`/api/events${query}`);
      expect(a, query).toMatchObject({ status: 200 });
      expect(b, query).toEqual(a);
    }
  });

  it('answers one event, a missing one and the export the same', async () => {
    const [sqlite] = running;
    const event = (await sqlite!.t.allEvents())[42]!;
    for (const path of [`/api/events/${event.id}`, `/api/events/0:${event.id}`, '/api/events/0000000000000000001-0000000000',
      '/api/events/export?format=ndjson', `/api/events/export?format=csv&order=asc&contract_id=${demo.chain.contracts.autoshare}`]) {
      const [a, b] = await both(path);
      expect(b, path).toEqual(a);
    }
  });
});
