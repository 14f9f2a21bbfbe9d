// The dashboard's charts, computed in SQL: events per minute by contract and by type,
// priorities, deliveries per target, and ingest lag (ledger close to stored) with the gaps and
// resets of the range. Buckets are whole multiples of the bucket size in Unix seconds, so a
// chart's points stay put as the range slides.
import type Database from 'better-sqlite3';

export const STATS_RANGES = { '1h': { seconds: 3_600, bucket: 60 }, '24h': { seconds: 86_400, bucket: 900 }, '7d': { seconds: 604_800, bucket: 3_600 } } as const;
export type StatsRange = keyof typeof STATS_RANGES;

/** Series with more keys than this fold the smallest into `other`. */
export const TOP_SERIES = 8;

export interface StatsWindow {
  range: StatsRange;
  /** Unix seconds: the first bucket's start and the range's end. */
  from: number;
  to: number;
  bucket_seconds: number;
}

export interface EventRatePoint { bucket: number; key: string; count: number }
export interface EventStats extends StatsWindow {
  by_contract: EventRatePoint[];
  by_type: EventRatePoint[];
  priorities: { priority: string; count: number }[];
  total: number;
}

export interface TargetDeliveryStats { target_id: number; name: string; kind: string; delivered: number; failed: number; dead: number; pending: number }
export interface DeliveryStats extends StatsWindow { targets: TargetDeliveryStats[] }

export interface LagPoint { bucket: number; events: number; avg_lag_seconds: number; max_lag_seconds: number }
export interface IngestStats extends StatsWindow {
  lag: LagPoint[];
  gaps: { from_ledger: number; to_ledger: number; reason: string; detected_at: string }[];
  resets: { epoch: number; reason: string; detected_at: string }[];
}

/** Unix seconds of an ISO text column. */
const SECONDS = (column: string) => `CAST(strftime('%s', ${column}) AS INTEGER)`;

export class SqliteStats {
  private readonly sql;

  constructor(db: Database.Database) {
    const seriesBy = (column: string) =>
      db.prepare(`
        WITH hits AS (SELECT ${column} AS key, ${SECONDS('created_at')} / CAST(:bucket AS INTEGER) * CAST(:bucket AS INTEGER) AS bucket
                      FROM events WHERE created_at >= :since AND created_at < :until),
             top AS (SELECT key FROM hits GROUP BY key ORDER BY count(*) DESC LIMIT ${TOP_SERIES})
        SELECT bucket, CASE WHEN key IN (SELECT key FROM top) THEN key ELSE 'other' END AS key, count(*) AS count
        FROM hits GROUP BY 1, 2 ORDER BY 1, 2`);
    this.sql = {
      byContract: seriesBy('contract_id'),
      byType: seriesBy('event_type'),
      priorities: db.prepare(
        `SELECT coalesce(priority, 'none') AS priority, count(*) AS count FROM events
         WHERE created_at >= :since AND created_at < :until GROUP BY 1 ORDER BY count DESC`,
      ),
      deliveries: db.prepare(`
        SELECT t.id AS target_id, t.name, t.kind,
          coalesce(sum(d.status = 'delivered'), 0) AS delivered, coalesce(sum(d.status = 'failed'), 0) AS failed,
          coalesce(sum(d.status = 'dead'), 0) AS dead, coalesce(sum(d.status = 'pending'), 0) AS pending
        FROM targets t LEFT JOIN deliveries d ON d.target_id = t.id AND d.created_ms >= :sinceMs AND d.created_ms < :untilMs
        GROUP BY t.id ORDER BY t.id`),
      lag: db.prepare(`
        SELECT ${SECONDS('created_at')} / CAST(:bucket AS INTEGER) * CAST(:bucket AS INTEGER) AS bucket, count(*) AS events,
          avg((julianday(stored_at) - julianday(created_at)) * 86400.0) AS avg_lag_seconds,
          max((julianday(stored_at) - julianday(created_at)) * 86400.0) AS max_lag_seconds
        FROM events WHERE created_at >= :since AND created_at < :until GROUP BY 1 ORDER BY 1`),
      gaps: db.prepare('SELECT from_ledger, to_ledger, reason, detected_at FROM gaps WHERE detected_at >= :since ORDER BY id'),
      resets: db.prepare('SELECT epoch, reason, detected_at FROM network_resets WHERE detected_at >= :since ORDER BY epoch'),
      // Distinct (contract, type) pairs by seeking the index from one pair to the next (a few
      // hundred seeks instead of reading every row): the next type of this contract, else the
      // first type of the next contract. Each is an equality plus a range on the index prefix.
      nextType: db.prepare('SELECT event_type FROM events WHERE contract_id = ? AND event_type > ? ORDER BY event_type LIMIT 1').pluck(),
      nextContract: db.prepare('SELECT contract_id, event_type FROM events WHERE contract_id > ? ORDER BY contract_id, event_type LIMIT 1'),
      lastEvent: db.prepare(
        'SELECT created_at FROM events WHERE contract_id = ? ORDER BY network_epoch DESC, event_id DESC LIMIT 1',
      ),
    };
  }

  window(range: StatsRange, nowMs: number): StatsWindow & { since: string; until: string } {
    const { seconds, bucket } = STATS_RANGES[range];
    const to = Math.floor(nowMs / 1000);
    const from = Math.floor((to - seconds) / bucket) * bucket;
    return { range, from, to, bucket_seconds: bucket, since: new Date(from * 1000).toISOString(), until: new Date((to + 1) * 1000).toISOString() };
  }

  events(range: StatsRange, nowMs: number): EventStats {
    const { since, until, ...window } = this.window(range, nowMs);
    const params = { since, until, bucket: window.bucket_seconds };
    const priorities = this.sql.priorities.all({ since, until }) as EventStats['priorities'];
    return {
      ...window,
      by_contract: this.sql.byContract.all(params) as EventRatePoint[],
      by_type: this.sql.byType.all(params) as EventRatePoint[],
      priorities,
      total: priorities.reduce((sum, p) => sum + p.count, 0),
    };
  }

  deliveries(range: StatsRange, nowMs: number): DeliveryStats {
    const { since: _since, until: _until, ...window } = this.window(range, nowMs);
    const targets = this.sql.deliveries.all({ sinceMs: window.from * 1000, untilMs: (window.to + 1) * 1000 }) as TargetDeliveryStats[];
    return { ...window, targets };
  }

  ingest(range: StatsRange, nowMs: number): IngestStats {
    const { since, until, ...window } = this.window(range, nowMs);
    const round = (n: number) => Math.round(n * 100) / 100;
    const lag = (this.sql.lag.all({ since, until, bucket: window.bucket_seconds }) as LagPoint[]).map((p) => ({
      ...p,
      avg_lag_seconds: round(p.avg_lag_seconds),
      max_lag_seconds: round(p.max_lag_seconds),
    }));
    return {
      ...window,
      lag,
      gaps: this.sql.gaps.all({ since }) as IngestStats['gaps'],
      resets: this.sql.resets.all({ since }) as IngestStats['resets'],
    };
  }

  /** Every (contract, event type) pair stored (at most `max`), for filter pickers. */
  eventTypes(max = 5_000): { contract_id: string; event_type: string }[] {
    const pairs: { contract_id: string; event_type: string }[] = [];
    let pair = this.sql.nextContract.get('') as { contract_id: string; event_type: string } | undefined;
    while (pair && pairs.length < max) {
      pairs.push(pair);
      const type = this.sql.nextType.get(pair.contract_id, pair.event_type) as string | undefined;
      pair = type !== undefined ? { contract_id: pair.contract_id, event_type: type } : (this.sql.nextContract.get(pair.contract_id) as typeof pair);
    }
    return pairs;
  }

  lastEventAt(contractId: string): string | null {
    return (this.sql.lastEvent.pluck().get(contractId) as string | undefined) ?? null;
  }
}
