// GET /api/stats/…: what the dashboard's charts and contracts page show, computed in SQL
// (sqlite-stats.ts): events per minute, deliveries per target, ingest lag with gaps and resets,
// the stored (contract, event type) pairs, and per contract its events, spec and backfill.
import { Hono } from 'hono';
import { z } from 'zod';
import type { RouteContext } from '../context';
import { apiError } from '../errors';
import { validQuery } from '../middleware/validate';
import { STATS_RANGES, SqliteStats, type StatsRange } from '../../store/sqlite/sqlite-stats';
import type Database from 'better-sqlite3';

export interface BackfillView {
  from_ledger: number;
  to_ledger: number;
  ledgers_done: number;
  ledgers_total: number;
  events: number;
  eta_seconds: number | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
}

export interface ContractStats {
  id: string;
  events: number;
  last_event_at: string | null;
  /** `pending`: not looked up yet; `none`: the contract has no SEP-48 event spec. */
  spec: 'found' | 'none' | 'pending';
  backfill: BackfillView | null;
}

const rangeQuery = z.strictObject({
  range: z.enum(Object.keys(STATS_RANGES) as [StatsRange, ...StatsRange[]]).default('1h').describe('1h, 24h or 7d'),
});
const noQuery = z.strictObject({});

export function statsRoutes({ engine }: RouteContext, now: () => number = Date.now): Hono {
  // The SQLite store's connection; a type-only look so this file loads without the store's migrations.
  const db = engine.store.kind === 'sqlite' ? (engine.store as unknown as { db: Database.Database }).db : null;
  const sqlite = db ? new SqliteStats(db) : null;
  const app = new Hono();
  app.use('/api/stats/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    if (!sqlite && c.req.path !== '/api/stats/contracts') {
      return c.json({ error: { code: 'stats.unsupported', message: 'charts are computed on SQLite stores only' } }, 501);
    }
    await next();
  });
  return app
    .get('/api/stats/events', validQuery(rangeQuery), (c) => c.json(sqlite!.events(c.req.valid('query').range, now())))
    .get('/api/stats/deliveries', validQuery(rangeQuery), (c) => c.json(sqlite!.deliveries(c.req.valid('query').range, now())))
    .get('/api/stats/ingest', validQuery(rangeQuery), (c) => c.json(sqlite!.ingest(c.req.valid('query').range, now())))
    .get('/api/stats/event-types', validQuery(noQuery), (c) => c.json({ pairs: sqlite!.eventTypes() }))
    .get('/api/stats/contracts', validQuery(noQuery), async (c) => {
      const [contracts, backfills] = await Promise.all([engine.store.listContracts(), engine.backfills.progress()]);
      const byContract = new Map(backfills.map((b) => [b.contractId, b]));
      const stats: ContractStats[] = [];
      for (const contract of contracts) {
        const spec = await engine.store.getSpec(contract.id);
        const b = byContract.get(contract.id);
        stats.push({
          id: contract.id,
          events: await engine.store.events.count({ contractIds: [contract.id] }),
          last_event_at: sqlite ? sqlite.lastEventAt(contract.id) : null,
          spec: spec === null ? 'pending' : spec.entries === null ? 'none' : 'found',
          backfill: b
            ? {
                from_ledger: b.fromLedger,
                to_ledger: b.toLedger,
                ledgers_done: b.ledgersDone,
                ledgers_total: b.ledgersTotal,
                events: b.events,
                eta_seconds: b.etaSeconds,
                status: b.status,
                error: b.error,
              }
            : null,
        });
      }
      return c.json({ contracts: stats });
    })
    .all('/api/stats/*', (c) => apiError(c, 404, 'route.not_found', `no route for ${c.req.method} ${c.req.path}`));
}
