// Key bounds on (network_epoch, event_id) for a filter's time and ledger conditions, found with
// a few index probes, exactly as SQLite's EventBoundsFinder finds them (see its notes on why
// close times allow it). PostgreSQL's planner cannot know that close times grow with event ids,
// so without them a time filter reads every row before the first match.
import type pg from 'pg';
import { makeEventId } from '../../stellar/event-id';
import type { EventFilter } from '../event-queries';
import { tighterLower, tighterUpper, type Bound, type Bounds } from '../sqlite/sqlite-event-where';
import { Params } from './pg-event-where';

const MIN_ID = '';
/** Sorts after every event id (digits and '-'); event_id is COLLATE "C" (0002). */
const MAX_ID = '~';
/** Ledgers from here on have TOIDs wider than 19 digits; no bound is needed below it. */
const LEDGER_BOUND_LIMIT = 2 ** 31;

const ledgerStart = (ledger: number) => makeEventId(ledger, 0, 0, 0);

/** Whether the filter has conditions that bounds can narrow; without them no probe is needed. */
export function hasRangeConditions(filter: EventFilter): boolean {
  return filter.since !== undefined || filter.until !== undefined || filter.ledgerFrom !== undefined || filter.ledgerTo !== undefined;
}

export class PgEventBounds {
  constructor(private readonly pool: pg.Pool) {}

  async forFilter(filter: EventFilter): Promise<Bounds> {
    const { rows } = await this.pool.query('SELECT min(network_epoch) AS min, max(network_epoch) AS max FROM events');
    const range = rows[0] as { min: number | null; max: number | null };
    if (range.min === null || range.max === null) return { empty: true };
    let lower: Bound | undefined;
    let upper: Bound | undefined;
    if (filter.ledgerFrom !== undefined) {
      lower = { key: { epoch: range.min, eventId: ledgerStart(filter.ledgerFrom) }, inclusive: true };
    }
    if (filter.ledgerTo !== undefined && filter.ledgerTo + 1 < LEDGER_BOUND_LIMIT) {
      upper = { key: { epoch: range.max, eventId: ledgerStart(filter.ledgerTo + 1) }, inclusive: false };
    }
    if (filter.since !== undefined) {
      const since = await this.sinceBound(filter.since);
      if (!since) return { empty: true };
      lower = tighterLower(lower, since);
    }
    if (filter.until !== undefined) {
      const until = await this.untilBound(filter.until);
      if (!until) return { empty: true };
      upper = tighterUpper(upper, until);
    }
    return { lower, upper };
  }

  /** Null: no event closed at or after `since`. */
  private async sinceBound(since: string): Promise<Bound | null> {
    const first = await this.one<{ e: number; l: number }>(
      'SELECT network_epoch AS e, ledger_sequence AS l FROM events WHERE created_at >= $1 ORDER BY created_at LIMIT 1',
      [since],
    );
    if (!first) return null;
    let bound: Bound = { key: { epoch: first.e, eventId: ledgerStart(first.l) }, inclusive: true };
    for (let e = await this.epochBefore(first.e); e !== null; e = await this.epochBefore(e)) {
      const last = await this.one<{ t: string }>('SELECT created_at AS t FROM events WHERE network_epoch = $1 ORDER BY event_id DESC LIMIT 1', [e]);
      if (last && last.t >= since) bound = { key: { epoch: e, eventId: MIN_ID }, inclusive: true };
    }
    return bound;
  }

  /** Null: no event closed before `until`. */
  private async untilBound(until: string): Promise<Bound | null> {
    const last = await this.one<{ e: number; l: number }>(
      'SELECT network_epoch AS e, ledger_sequence AS l FROM events WHERE created_at < $1 ORDER BY created_at DESC LIMIT 1',
      [until],
    );
    if (!last) return null;
    let bound: Bound = { key: { epoch: last.e, eventId: ledgerStart(last.l + 1) }, inclusive: false };
    for (let e = await this.epochAfter(last.e); e !== null; e = await this.epochAfter(e)) {
      const first = await this.one<{ t: string }>('SELECT created_at AS t FROM events WHERE network_epoch = $1 ORDER BY event_id LIMIT 1', [e]);
      if (first && first.t < until) bound = { key: { epoch: e, eventId: MAX_ID }, inclusive: true };
    }
    return bound;
  }

  private async epochBefore(epoch: number): Promise<number | null> {
    return (await this.one<{ e: number | null }>('SELECT max(network_epoch) AS e FROM events WHERE network_epoch < $1', [epoch]))!.e;
  }

  private async epochAfter(epoch: number): Promise<number | null> {
    return (await this.one<{ e: number | null }>('SELECT min(network_epoch) AS e FROM events WHERE network_epoch > $1', [epoch]))!.e;
  }

  private async one<T>(sql: string, values: unknown[]): Promise<T | undefined> {
    return (await this.pool.query(sql, values)).rows[0] as T | undefined;
  }
}

/** Row-value bounds, which PostgreSQL turns into an index range. */
export function boundsClauses(bounds: Bounds, p: Params): string[] {
  const clauses: string[] = [];
  const key = (b: Bound) => `(${p.add(b.key.epoch)}::int, ${p.add(b.key.eventId)}::text)`;
  if (bounds.lower) clauses.push(`(network_epoch, event_id) ${bounds.lower.inclusive ? '>=' : '>'} ${key(bounds.lower)}`);
  if (bounds.upper) clauses.push(`(network_epoch, event_id) ${bounds.upper.inclusive ? '<=' : '<'} ${key(bounds.upper)}`);
  return clauses;
}
