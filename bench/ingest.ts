// Ingest benchmarks, one run: raw XDR decode, raw batched insert, the in-process pipeline and
// end-to-end ingest from a local RPC (demo network in fast mode, in its own process).
import { join } from 'node:path';
import { engineConfigSchema } from '../src/shared/config';
import { DedupWindow } from '../src/main/engine/ingest/dedup-window';
import { IngestPipeline } from '../src/main/engine/ingest/pipeline';
import { SpecCache } from '../src/main/engine/ingest/spec-cache';
import { silentLogger } from '../src/main/engine/log/logger';
import { createMetrics } from '../src/main/engine/metrics';
import { Engine } from '../src/main/engine/engine';
import { SqliteStore } from '../src/main/engine/store/sqlite/sqlite-store';
import { PostgresStore } from '../src/main/engine/store/postgres/postgres-store';
import type { Store } from '../src/main/engine/store/store';
import { createDatabase, startPostgres } from '../tests/fixtures/postgres';
import { decodeEvent } from '../src/main/engine/stellar/decode-event';
import { RpcClient } from '../src/main/engine/stellar/rpc-client';
import type { RpcEvent } from '../src/main/engine/stellar/rpc-types';
import { startDemoProcess, type DemoProcess } from './demo-process';
import { addHundredRules } from './rules';
import { demoContractIds } from '../src/main/engine/stellar/demo';
import { perSecond, timed, withTempDir } from './harness';

const PAGE = 10_000;
const EVENTS_PER_LEDGER = 20;

async function readAll(rpc: RpcClient, contracts: string[], startLedger: number): Promise<RpcEvent[]> {
  const events: RpcEvent[] = [];
  const filters = [{ type: 'contract' as const, contractIds: contracts }];
  let page = await rpc.getEvents({ startLedger, filters, pagination: { limit: PAGE } });
  for (;;) {
    events.push(...page.events);
    if (page.events.length < PAGE) return events;
    page = await rpc.getEvents({ filters, pagination: { cursor: page.cursor, limit: PAGE } });
  }
}

async function endToEnd(demo: DemoProcess, store: Store, expected: number, startLedger: number, opts: { dir?: string; hundredRules?: boolean } = {}) {
  const config = engineConfigSchema.parse({
    network: 'custom',
    rpcUrls: [demo.url],
    passphrase: 'x',
    contracts: demo.contracts.map((id) => ({ id })),
    startLedger,
  });
  const engine = new Engine({
    config,
    store,
    rpc: new RpcClient({ urls: [demo.url] }),
    log: silentLogger,
    expectedPassphrase: null,
    pageLimit: PAGE,
    dispatch: { env: {}, notifyDesktop: () => {}, ...(opts.dir ? { secretKeyFile: join(opts.dir, 'secrets.key') } : {}) },
  });
  if (opts.hundredRules) await addHundredRules(engine.dispatcher.targets, demoContractIds(2026));
  let stored = 0;
  const { ms } = await timed(
    () =>
      new Promise<void>((resolve) => {
        engine.on('events-stored', (events) => {
          stored += events.length;
          if (stored >= expected) resolve();
        });
        void engine.start();
      }),
  );
  await engine.stop();
  await store.close();
  return { events: stored, seconds: +(ms / 1000).toFixed(2), events_per_s: perSecond(stored, ms) };
}

export async function benchIngest(opts: { events: number; backfillEvents: number }) {
  const ledgers = Math.ceil(opts.events / EVENTS_PER_LEDGER);
  const demo = await startDemoProcess(ledgers, EVENTS_PER_LEDGER);
  try {
    return await withTempDir(async (dir) => {
      const rpc = new RpcClient({ urls: [demo.url] });
      const health = await rpc.getHealth();
      const events = await readAll(rpc, demo.contracts, health.oldestLedger);

      // Raw XDR decode (with specs, as ingest does).
      const specStore = new SqliteStore(join(dir, 'specs.db'));
      const specs = new SpecCache(specStore, rpc, silentLogger);
      const specByContract = await specs.load(demo.contracts);
      const decode = await timed(() => events.map((e) => decodeEvent(e, specByContract.get(e.contractId) ?? null)));

      // Raw batched insert of already decoded events.
      const insertStore = new SqliteStore(join(dir, 'insert.db'));
      const insert = await timed(async () => {
        for (let i = 0; i < decode.value.length; i += 1000) await insertStore.commitIngest({ events: decode.value.slice(i, i + 1000) });
      });
      await insertStore.close();

      // In-process pipeline: decode → dedup → one transaction per page.
      const pipelineStore = new SqliteStore(join(dir, 'pipeline.db'));
      const pipeline = new IngestPipeline(pipelineStore, new SpecCache(specStore, rpc, silentLogger), new DedupWindow(300_000), createMetrics());
      const watch = new Map(demo.contracts.map((id) => [id, null]));
      const inProcess = await timed(async () => {
        for (let i = 0; i < events.length; i += PAGE) await pipeline.ingest(events.slice(i, i + PAGE), watch, { cursor: events[Math.min(i + PAGE, events.length) - 1]!.id });
      });
      await pipelineStore.close();
      await specStore.close();

      const e2e = await endToEnd(demo, new SqliteStore(join(dir, 'e2e.db')), events.length, health.oldestLedger, { dir });
      const withRules = await endToEnd(demo, new SqliteStore(join(dir, 'e2e-rules.db')), events.length, health.oldestLedger, { dir, hundredRules: true });
      const inProcessRate = perSecond(events.length, inProcess.ms);
      return {
        events: events.length,
        xdr_decode: { events_per_s: perSecond(events.length, decode.ms) },
        raw_insert: { events_per_s: perSecond(events.length, insert.ms), batch: 1000 },
        in_process_pipeline: { events_per_s: inProcessRate, page: PAGE },
        end_to_end: e2e,
        ratio_end_to_end_to_in_process: +(e2e.events_per_s / inProcessRate).toFixed(3),
        end_to_end_with_100_rules: withRules,
        ratio_with_100_rules: +(withRules.events_per_s / inProcessRate).toFixed(3),
        ratio_drop_with_100_rules: +(1 - withRules.events_per_s / e2e.events_per_s).toFixed(3),
      };
    });
  } finally {
    await demo.stop();
  }
}

export async function benchBackfill(totalEvents: number) {
  const demo = await startDemoProcess(Math.ceil(totalEvents / EVENTS_PER_LEDGER), EVENTS_PER_LEDGER);
  try {
    const health = await new RpcClient({ urls: [demo.url] }).getHealth();
    return await withTempDir((dir) => endToEnd(demo, new SqliteStore(join(dir, 'backfill.db')), totalEvents, health.oldestLedger));
  } finally {
    await demo.stop();
  }
}

/** The same end-to-end ingest with PostgreSQL as the store (a local server started for the run). */
export async function benchPostgresIngest(totalEvents: number) {
  const server = await startPostgres();
  const demo = await startDemoProcess(Math.ceil(totalEvents / EVENTS_PER_LEDGER), EVENTS_PER_LEDGER);
  try {
    const health = await new RpcClient({ urls: [demo.url] }).getHealth();
    const store = await PostgresStore.open(await createDatabase(server.url));
    return await endToEnd(demo, store, totalEvents, health.oldestLedger);
  } finally {
    await demo.stop();
    server.stop();
  }
}
