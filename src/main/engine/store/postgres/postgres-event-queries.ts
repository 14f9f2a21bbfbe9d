// EventQueries on PostgreSQL, answering exactly as SQLite's: the same order, cursors, filters,
// totals and feed positions. Every call is a few short statements on pooled connections; nothing
// (export included) holds a connection or a transaction between calls or chunks.
import type pg from 'pg';
import { formatCursor, type EventKey } from '../../../../shared/api/cursor';
import type { StoredEvent } from '../../../../shared/model';
import { rowToEvent, type EventRow } from '../event-row';
import type { EventFilter, EventPage, EventPageQuery, EventQueries, EventsVersion, FeedPage, FeedPosition, SortOrder } from '../event-queries';
import { isEmptyRange, tighterLower, tighterUpper, type Bounds } from '../sqlite/sqlite-event-where';
import { EVENT_COLUMNS } from './event-columns';
import { boundsClauses, hasRangeConditions, PgEventBounds } from './pg-event-bounds';
import { PgEventTotals } from './pg-event-totals';
import { filterClauses, Params, whereText, type Key } from './pg-event-where';
import { toNotification } from './pg-notification-row';

/** Sequence numbers one feed read may walk, so a selective filter over a long backlog is read in steps. */
const FEED_WINDOW = 20_000;

export class PostgresEventQueries implements EventQueries {
  private readonly bounds: PgEventBounds;
  private readonly totals: PgEventTotals;

  constructor(private readonly pool: pg.Pool) {
    this.bounds = new PgEventBounds(pool);
    this.totals = new PgEventTotals(pool);
  }

  async query(q: EventPageQuery): Promise<EventPage> {
    const after = q.after ? await this.resolve(q.after) : undefined;
    const bounds = withCursor(await this.boundsFor(q.filter), q.order, after);
    const afterCursor = after ? formatCursor(after.epoch, after.eventId) : null;
    if (isEmptyRange(bounds)) return { events: [], hasMore: false, nextCursor: afterCursor };
    const rows = await this.page(q.filter, bounds, q.order, q.limit + 1, { offset: q.offset ?? 0 });
    const events = rows.slice(0, q.limit).map(rowToEvent);
    const last = events.at(-1);
    return { events, hasMore: rows.length > q.limit, nextCursor: last ? formatCursor(last.network_epoch, last.id) : afterCursor };
  }

  async count(filter: EventFilter): Promise<number> {
    const bounds = await this.boundsFor(filter);
    return isEmptyRange(bounds) ? 0 : this.totals.count(filter, bounds);
  }

  async get(key: EventKey): Promise<StoredEvent | null> {
    const { epoch, eventId } = await this.resolve(key);
    const { rows } = await this.pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1 AND network_epoch = $2`, [eventId, epoch]);
    return rows[0] ? rowToEvent(rows[0]) : null;
  }

  /** Keyset chunks up to the seq stored when the call began: constant memory, no open cursor. */
  async *export(q: { filter: EventFilter; order: SortOrder; chunkSize?: number }): AsyncIterable<StoredEvent[]> {
    const chunkSize = q.chunkSize ?? 1_000;
    const upToSeq = (await this.feedEnd()).seq;
    const filterBounds = await this.boundsFor(q.filter);
    let after: Key | undefined;
    for (;;) {
      const bounds = withCursor(filterBounds, q.order, after);
      if (isEmptyRange(bounds)) return;
      const chunk = (await this.page(q.filter, bounds, q.order, chunkSize, { upToSeq })).map(rowToEvent);
      if (chunk.length > 0) yield chunk;
      if (chunk.length < chunkSize) return;
      const last = chunk.at(-1)!;
      after = { epoch: last.network_epoch, eventId: last.id };
    }
  }

  async feedPositionAfter(key: EventKey): Promise<FeedPosition> {
    const { epoch, eventId } = await this.resolve(key);
    const { rows } = await this.pool.query(
      `SELECT coalesce(
         (SELECT seq FROM events WHERE event_id = $2 AND network_epoch = $1),
         (SELECT seq FROM events WHERE (network_epoch, event_id) < ($1::int, $2::text) ORDER BY network_epoch DESC, event_id DESC LIMIT 1),
         0) AS seq`,
      [epoch, eventId],
    );
    return { seq: rows[0].seq as number };
  }

  async feedEnd(): Promise<FeedPosition> {
    const { rows } = await this.pool.query('SELECT coalesce(max(seq), 0) AS seq FROM events');
    return { seq: rows[0].seq as number };
  }

  async readFeed(from: FeedPosition, filter: EventFilter, limit: number): Promise<FeedPage> {
    const end = (await this.feedEnd()).seq;
    const upTo = Math.min(end, from.seq + FEED_WINDOW);
    const p = new Params();
    const clauses = [`seq > ${p.add(from.seq)}`, `seq <= ${p.add(upTo)}`, ...filterClauses(filter, p)];
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events ${whereText(clauses)} ORDER BY seq LIMIT ${p.add(limit)}`,
      p.values,
    );
    const position = rows.length === limit ? rows.at(-1)!.seq : upTo;
    return { events: rows.map(rowToEvent), position: { seq: position }, caughtUp: position >= end };
  }

  async version(): Promise<EventsVersion> {
    const state = await this.totals.state();
    const times = [state.lastStoredAt, state.deletedAt].filter((t): t is string => t !== null).sort();
    return { lastModified: times.at(-1) ?? null, tag: `${state.maxSeq}.${state.deletions}` };
  }

  async getNotification(id: string) {
    const { rows } = await this.pool.query('SELECT * FROM notifications WHERE id = $1', [id]);
    return rows[0] ? toNotification(rows[0]) : null;
  }

  /** A bare event id is the oldest epoch's event with that id (epoch 0 when none has it). */
  private async resolve(key: EventKey): Promise<Key> {
    if (key.epoch !== null) return { epoch: key.epoch, eventId: key.eventId };
    const { rows } = await this.pool.query('SELECT min(network_epoch) AS epoch FROM events WHERE event_id = $1', [key.eventId]);
    return { epoch: (rows[0].epoch as number | null) ?? 0, eventId: key.eventId };
  }

  /** Without time or ledger conditions there is nothing to narrow: no probes. */
  private boundsFor(filter: EventFilter): Promise<Bounds> | Bounds {
    return hasRangeConditions(filter) ? this.bounds.forFilter(filter) : {};
  }

  private async page(
    filter: EventFilter,
    bounds: Bounds,
    order: SortOrder,
    limit: number,
    opts: { offset?: number; upToSeq?: number },
  ): Promise<EventRow[]> {
    const p = new Params();
    const clauses = [...filterClauses(filter, p), ...boundsClauses(bounds, p)];
    if (opts.upToSeq !== undefined) clauses.push(`seq <= ${p.add(opts.upToSeq)}`);
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const offset = opts.offset ? ` OFFSET ${p.add(opts.offset)}` : '';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events ${whereText(clauses)} ORDER BY network_epoch ${dir}, event_id ${dir} LIMIT ${p.add(limit)}${offset}`,
      p.values,
    );
    return rows;
  }
}

function withCursor(bounds: Bounds, order: SortOrder, after: Key | undefined): Bounds {
  if (!after) return bounds;
  const cursor = { key: after, inclusive: false };
  return order === 'asc' ? { ...bounds, lower: tighterLower(bounds.lower, cursor) } : { ...bounds, upper: tighterUpper(bounds.upper, cursor) };
}
