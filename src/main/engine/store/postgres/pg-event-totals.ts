// `total` for event lists, cached per filter and kept exact the way SQLite's EventTotals does:
// rows stored since the last count are `seq > cached max` (ingest commits in seq order), and a
// deletion bumps a counter (trigger in 0002) that forces a full recount. Each count reads the
// table state and the rows in one statement, so both come from the same snapshot.
import type pg from 'pg';
import type { EventFilter } from '../event-queries';
import type { Bounds } from '../sqlite/sqlite-event-where';
import { boundsClauses } from './pg-event-bounds';
import { filterClauses, Params, whereText } from './pg-event-where';

const MAX_CACHED_FILTERS = 256;

const STATE = `coalesce((SELECT max(seq) FROM events), 0) AS max_seq, d.count AS deletions, d.deleted_at,
  (SELECT stored_at FROM events ORDER BY seq DESC LIMIT 1) AS last_stored_at`;

interface Cached {
  count: number;
  maxSeq: number;
  deletions: number;
}

export interface TableState {
  maxSeq: number;
  deletions: number;
  lastStoredAt: string | null;
  deletedAt: string | null;
}

export class PgEventTotals {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly pool: pg.Pool) {}

  async state(): Promise<TableState> {
    const { rows } = await this.pool.query(`SELECT ${STATE} FROM event_deletions d WHERE d.id = 1`);
    return toState(rows[0]);
  }

  /** `bounds`: the filter's key bounds (a superset of its rows), so a full count can use a range. */
  async count(filter: EventFilter, bounds: Bounds): Promise<number> {
    const key = JSON.stringify(filter, Object.keys(filter).sort());
    const cached = this.cache.get(key);
    let result = cached ? await this.countWhere(filter, (p) => [`seq > ${p.add(cached.maxSeq)}`]) : null;
    if (cached && result && result.deletions === cached.deletions && result.maxSeq >= cached.maxSeq) {
      result.count += cached.count;
    } else {
      result = await this.countWhere(filter, (p) => boundsClauses(bounds, p));
    }
    this.cache.delete(key);
    this.cache.set(key, result);
    if (this.cache.size > MAX_CACHED_FILTERS) this.cache.delete(this.cache.keys().next().value!);
    return result.count;
  }

  /** Rows matching the filter and `extra`, with the table state they were counted at. */
  private async countWhere(filter: EventFilter, extra: (p: Params) => string[]): Promise<Cached> {
    const p = new Params();
    const clauses = [...filterClauses(filter, p), ...extra(p)];
    const { rows } = await this.pool.query(
      `SELECT ${STATE}, (SELECT count(*) FROM events ${whereText(clauses)}) AS n FROM event_deletions d WHERE d.id = 1`,
      p.values,
    );
    const state = toState(rows[0]);
    return { count: rows[0].n as number, maxSeq: state.maxSeq, deletions: state.deletions };
  }
}

function toState(row: Record<string, unknown>): TableState {
  return {
    maxSeq: row.max_seq as number,
    deletions: row.deletions as number,
    lastStoredAt: (row.last_stored_at as string | null) ?? null,
    deletedAt: (row.deleted_at as string | null) ?? null,
  };
}
