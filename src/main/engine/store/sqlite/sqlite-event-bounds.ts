// Turns a filter's time and ledger conditions into key bounds, with a few O(log n) probes.
// It relies on one chain fact: within a network epoch, ledger close times never go back
// (Stellar requires each ledger's close time to exceed its predecessor's), so the events of an
// epoch closed at or after a time are a suffix of that epoch in event-id order. Epochs can
// overlap in time (a network switched, then backfilled); then the bound covers the whole
// overlapping epoch and the exact conditions do the rest.
import type Database from 'better-sqlite3';
import { makeEventId } from '../../stellar/event-id';
import type { EventFilter } from '../event-queries';
import { tighterLower, tighterUpper, type Bound, type Bounds } from './sqlite-event-where';

const MIN_ID = '';
/** Sorts after every event id (digits and '-'). */
const MAX_ID = '~';
/** Ledgers from here on have TOIDs wider than 19 digits; no bound is needed below it. */
const LEDGER_BOUND_LIMIT = 2 ** 31;

const ledgerStart = (ledger: number) => makeEventId(ledger, 0, 0, 0);

interface EpochRange {
  min: number;
  max: number;
}

export class EventBoundsFinder {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      minEpoch: db.prepare('SELECT min(network_epoch) AS e FROM events'),
      maxEpoch: db.prepare('SELECT max(network_epoch) AS e FROM events'),
      epochBefore: db.prepare('SELECT max(network_epoch) AS e FROM events WHERE network_epoch < ?'),
      epochAfter: db.prepare('SELECT min(network_epoch) AS e FROM events WHERE network_epoch > ?'),
      firstAtOrAfter: db.prepare(
        'SELECT network_epoch AS e, ledger_sequence AS l FROM events INDEXED BY events_created_at WHERE created_at >= ? ORDER BY created_at LIMIT 1',
      ),
      lastBefore: db.prepare(
        'SELECT network_epoch AS e, ledger_sequence AS l FROM events INDEXED BY events_created_at WHERE created_at < ? ORDER BY created_at DESC LIMIT 1',
      ),
      firstOfEpoch: db.prepare('SELECT created_at AS t FROM events INDEXED BY events_order WHERE network_epoch = ? ORDER BY event_id LIMIT 1'),
      lastOfEpoch: db.prepare('SELECT created_at AS t FROM events INDEXED BY events_order WHERE network_epoch = ? ORDER BY event_id DESC LIMIT 1'),
      oldestEpochOf: db.prepare('SELECT network_epoch AS e FROM events WHERE event_id = ? ORDER BY network_epoch LIMIT 1'),
    };
  }

  /** The oldest epoch holding this event id; epoch 0 when none does. */
  resolveEpoch(eventId: string): number {
    return (this.sql.oldestEpochOf.get(eventId) as { e: number } | undefined)?.e ?? 0;
  }

  forFilter(filter: EventFilter): Bounds {
    const range = this.epochRange();
    if (!range) return { empty: true };
    let lower: Bound | undefined;
    let upper: Bound | undefined;
    if (filter.ledgerFrom !== undefined) {
      lower = { key: { epoch: range.min, eventId: ledgerStart(filter.ledgerFrom) }, inclusive: true };
    }
    if (filter.ledgerTo !== undefined && filter.ledgerTo + 1 < LEDGER_BOUND_LIMIT) {
      upper = { key: { epoch: range.max, eventId: ledgerStart(filter.ledgerTo + 1) }, inclusive: false };
    }
    if (filter.since !== undefined) {
      const since = this.sinceBound(filter.since);
      if (!since) return { empty: true };
      lower = tighterLower(lower, since);
    }
    if (filter.until !== undefined) {
      const until = this.untilBound(filter.until);
      if (!until) return { empty: true };
      upper = tighterUpper(upper, until);
    }
    return { lower, upper };
  }

  private epochRange(): EpochRange | null {
    const min = (this.sql.minEpoch.get() as { e: number | null }).e;
    const max = (this.sql.maxEpoch.get() as { e: number | null }).e;
    return min === null || max === null ? null : { min, max };
  }

  /** Null: no event closed at or after `since`. */
  private sinceBound(since: string): Bound | null {
    const first = this.sql.firstAtOrAfter.get(since) as { e: number; l: number } | undefined;
    if (!first) return null;
    let bound: Bound = { key: { epoch: first.e, eventId: ledgerStart(first.l) }, inclusive: true };
    for (let e = this.neighbour(this.sql.epochBefore, first.e); e !== null; e = this.neighbour(this.sql.epochBefore, e)) {
      const last = this.sql.lastOfEpoch.get(e) as { t: string } | undefined;
      if (last && last.t >= since) bound = { key: { epoch: e, eventId: MIN_ID }, inclusive: true };
    }
    return bound;
  }

  /** Null: no event closed before `until`. */
  private untilBound(until: string): Bound | null {
    const last = this.sql.lastBefore.get(until) as { e: number; l: number } | undefined;
    if (!last) return null;
    let bound: Bound = { key: { epoch: last.e, eventId: ledgerStart(last.l + 1) }, inclusive: false };
    for (let e = this.neighbour(this.sql.epochAfter, last.e); e !== null; e = this.neighbour(this.sql.epochAfter, e)) {
      const first = this.sql.firstOfEpoch.get(e) as { t: string } | undefined;
      if (first && first.t < until) bound = { key: { epoch: e, eventId: MAX_ID }, inclusive: true };
    }
    return bound;
  }

  private neighbour(statement: Database.Statement, epoch: number): number | null {
    return (statement.get(epoch) as { e: number | null }).e;
  }
}
