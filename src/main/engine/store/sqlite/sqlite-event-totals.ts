// `total` for event lists. Counting a filter over a million rows costs tens to hundreds of
// milliseconds, so each filter's count is cached and kept exact cheaply: `seq` only grows, so
// rows stored since the last count are `seq > cached max` (a rowid range, read in microseconds);
// deletions bump a counter (trigger in 0002) and only then is the filter counted again.
import type Database from 'better-sqlite3';
import type { EventFilter } from '../event-queries';
import { boundsSql, filterSql, joinSql, whereText, type Bounds } from './sqlite-event-where';

const MAX_CACHED_FILTERS = 256;

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

export class EventTotals {
  private readonly cache = new Map<string, Cached>();
  private readonly stateSql: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly prepare: (text: string) => Database.Statement,
  ) {
    this.stateSql = db.prepare(
      `SELECT coalesce((SELECT max(seq) FROM events), 0) AS maxSeq, d.count AS deletions, d.deleted_at AS deletedAt,
         (SELECT stored_at FROM events ORDER BY seq DESC LIMIT 1) AS lastStoredAt
       FROM event_deletions d WHERE d.id = 1`,
    );
  }

  state(): TableState {
    return this.stateSql.get() as TableState;
  }

  /** `bounds`: the filter's key bounds (a superset of its rows), so a full count can use a range. */
  count(filter: EventFilter, bounds: Bounds): number {
    const key = JSON.stringify(filter, Object.keys(filter).sort());
    const state = this.state();
    const cached = this.cache.get(key);
    let count: number;
    if (cached && cached.deletions === state.deletions && cached.maxSeq <= state.maxSeq) {
      count = cached.count + (cached.maxSeq === state.maxSeq ? 0 : this.countNew(filter, cached.maxSeq, state.maxSeq));
    } else {
      count = this.countAll(filter, bounds);
    }
    this.cache.delete(key);
    this.cache.set(key, { count, maxSeq: state.maxSeq, deletions: state.deletions });
    if (this.cache.size > MAX_CACHED_FILTERS) this.cache.delete(this.cache.keys().next().value!);
    return count;
  }

  private countAll(filter: EventFilter, bounds: Bounds): number {
    const sql = joinSql(filterSql(filter), boundsSql(bounds));
    return (this.prepare(`SELECT count(*) AS n FROM events ${whereText(sql)}`).get(...sql.params) as { n: number }).n;
  }

  private countNew(filter: EventFilter, fromSeq: number, toSeq: number): number {
    const sql = joinSql({ clauses: ['seq > ?', 'seq <= ?'], params: [fromSeq, toSeq] }, filterSql(filter));
    // NOT INDEXED keeps the rowid range: only the new rows are read.
    return (this.prepare(`SELECT count(*) AS n FROM events NOT INDEXED ${whereText(sql)}`).get(...sql.params) as { n: number }).n;
  }
}
