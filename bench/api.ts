// API latency at 1M stored events: fills a store straight through commitIngest from the demo
// catalogue's templates, then times /api/events over real HTTP on 127.0.0.1 (keep-alive, one
// request at a time, until the last body byte).
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { engineConfigSchema } from '../src/shared/config';
import { newToken } from '../src/main/engine/api/api-token';
import { startApiServer, type RunningApi } from '../src/main/engine/api/server';
import { Engine } from '../src/main/engine/engine';
import { silentLogger } from '../src/main/engine/log/logger';
import { decodeEvent, dedupKeyOf } from '../src/main/engine/stellar/decode-event';
import type { DecodedEvent } from '../src/main/engine/stellar/decoded-event';
import { demoContractIds } from '../src/main/engine/stellar/demo';
import { templatePool } from '../src/main/engine/stellar/demo/template-pool';
import { makeEventId } from '../src/main/engine/stellar/event-id';
import { RpcClient } from '../src/main/engine/stellar/rpc-client';
import { SqliteStore } from '../src/main/engine/store/sqlite/sqlite-store';
import type { Store } from '../src/main/engine/store/store';
import { timed, withTempDir } from './harness';

const EVENTS_PER_LEDGER = 20;
const GENESIS = Date.UTC(2026, 0, 1);
const closedAt = (ledger: number) => new Date(GENESIS + ledger * 5_000).toISOString();

/** Stores `total` demo events (20 per ledger, 5 s apart) in batches. */
export async function fillStore(store: Store, total: number, opts: { batch?: number; firstLedger?: number } = {}) {
  const contracts = demoContractIds(1);
  const templates = templatePool(1).map((t) =>
    decodeEvent({ type: 'contract', ledger: 1, ledgerClosedAt: closedAt(1), contractId: contracts[t.emitter], id: makeEventId(1, 1, 0, 0), topic: [...t.topic], value: t.value }),
  );
  const batch = opts.batch ?? 5_000;
  const firstLedger = opts.firstLedger ?? 1_000;
  for (let start = 0; start < total; start += batch) {
    const events: DecodedEvent[] = [];
    for (let i = start; i < Math.min(total, start + batch); i++) {
      const template = templates[i % templates.length]!;
      const ledger = firstLedger + Math.floor(i / EVENTS_PER_LEDGER);
      const eventId = makeEventId(ledger, 1 + (i % EVENTS_PER_LEDGER), 0, 0);
      const dedupKey = dedupKeyOf(template.contractId, eventId, template.eventType, ledger);
      events.push({ ...template, eventId, ledger, closedAt: closedAt(ledger), txHash: null, dedupKey });
    }
    await store.commitIngest({ events });
  }
  return { contracts, firstLedger, lastLedger: firstLedger + Math.floor((total - 1) / EVENTS_PER_LEDGER) };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const REQUESTS = 1_000;

function get(api: RunningApi, path: string): Promise<{ ms: number; status: number; body: string }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: api.port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    })
      .on('error', reject)
      .end();
  });
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (p: number) => +sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(3);
  return { p50_ms: at(50), p99_ms: at(99), max_ms: +sorted.at(-1)!.toFixed(3), requests: samples.length };
}

async function measure(api: RunningApi, path: string | (() => string), requests: number) {
  const next = typeof path === 'string' ? () => path : path;
  for (let i = 0; i < 50; i++) await get(api, next()); // warm up: statement cache, totals, pages
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const res = await get(api, next());
    if (res.status !== 200) throw new Error(`${next()} answered ${res.status}: ${res.body.slice(0, 200)}`);
    samples.push(res.ms);
  }
  return percentiles(samples);
}

/** Follows next_cursor for `pages` pages; every page's latency counts. */
async function keysetWalk(api: RunningApi, pages: number) {
  const samples: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const res = await get(api, `/api/events?limit=100${cursor ? `&after=${cursor}` : ''}`);
    samples.push(res.ms);
    cursor = (JSON.parse(res.body) as { next_cursor: string | null }).next_cursor;
  }
  return { ...percentiles(samples), last_page_ms: +samples.at(-1)!.toFixed(3), depth_events: pages * 100 };
}

export async function benchApi(opts: { events: number; requests?: number }) {
  const requests = opts.requests ?? REQUESTS;
  return withTempDir(async (dir) => {
    const store = new SqliteStore(join(dir, 'api.db'));
    const fill = await timed(() => fillStore(store, opts.events));
    const { contracts, firstLedger, lastLedger } = fill.value;
    // Steady state, as a running app has it: the fill's WAL folded into the database file.
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const engine = new Engine({
      config: engineConfigSchema.parse({ network: 'demo' }),
      store,
      rpc: new RpcClient({ urls: ['http://127.0.0.1:9'] }),
      log: silentLogger,
      expectedPassphrase: null,
    });
    const api = await startApiServer({ engine, log: silentLogger, token: newToken() }, '127.0.0.1', 0);
    try {
      const midTime = closedAt(Math.floor((firstLedger + lastLedger) / 2));
      const deep = store.db.prepare('SELECT event_id FROM events ORDER BY network_epoch DESC, event_id DESC LIMIT 1 OFFSET ?').pluck();
      const deepCursors = [0.5, 0.9, 0.99].map((f) => deep.get(Math.floor(opts.events * f)) as string);
      let jump = 0;
      const firstCount = await timed(() => store.events.count({ categories: ['financial'], priorities: ['high'] }));
      // One pass over every query first, so the first scenario does not pay for a cold cache.
      await keysetWalk(api, 100);
      const result = {
        stored_events: opts.events,
        fill_seconds: +(fill.ms / 1000).toFixed(1),
        unfiltered: await measure(api, '/api/events?limit=100', requests),
        contract_and_type: await measure(api, `/api/events?limit=100&contract_id=${contracts.autoshare}&event_type=group_activated`, requests),
        contract_only: await measure(api, `/api/events?limit=100&contract_id=${contracts.taskbounty}`, requests),
        since: await measure(api, `/api/events?limit=100&since=${midTime}`, requests),
        since_oldest_first: await measure(api, `/api/events?limit=100&since=${midTime}&order=asc`, requests),
        keyset_walk_1000_pages: await keysetWalk(api, 1000),
        keyset_jump_deep: await measure(api, () => `/api/events?limit=100&after=${deepCursors[jump++ % deepCursors.length]}`, requests),
        offset_page_1000_for_comparison: await measure(api, '/api/events?limit=100&offset=99900', Math.min(requests, 100)),
        first_total_uncached_ms: +firstCount.ms.toFixed(1),
        target_p99_ms: 10,
      };
      return result;
    } finally {
      await api.close();
      await store.close();
    }
  });
}
