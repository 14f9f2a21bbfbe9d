// EventQueries on better-sqlite3. Every read is synchronous and short (one page or one chunk),
// so nothing holds the shared connection across an await and ingest is never blocked for long.
import type Database from 'better-sqlite3';
import { formatCursor, type EventKey } from '../../../../shared/api/cursor';
import type { StoredEvent } from '../../../../shared/model';
import { rowToEvent, type EventRow } from '../event-row';
import type {
  EventFilter,
  EventPage,
  EventPageQuery,
  EventQueries,
  EventsVersion,
  FeedPage,
  FeedPosition,
  SortOrder,
} from '../event-queries';
import { EventBoundsFinder } from './sqlite-event-bounds';
import { EventTotals } from './sqlite-event-totals';
import {
  boundsSql,
  filterSql,
  isEmptyRange,
  joinSql,
  orderIndexFor,
  statementCache,
  tighterLower,
  tighterUpper,
  whereText,
  type Bounds,
  type Key,
  type Sql,
} from './sqlite-event-where';

type NotificationRow = Record<string, string | number | null>;

const FEED_WINDOW = 20_000;

export class SqliteEventQueries implements EventQueries {
  private readonly prepare: (text: string) => Database.Statement;
  private readonly bounds: EventBoundsFinder;
  private readonly totals: EventTotals;
  private readonly sql;

  constructor(db: Database.Database) {
    this.prepare = statementCache(db);
    this.bounds = new EventBoundsFinder(db);
    this.totals = new EventTotals(db, this.prepare);
    this.sql = {
      byKey: db.prepare('SELECT * FROM events WHERE event_id = ? AND network_epoch = ?'),
      seqOfKey: db.prepare('SELECT seq FROM events WHERE event_id = ? AND network_epoch = ?'),
      seqBefore: db.prepare(
        'SELECT seq FROM events INDEXED BY events_order WHERE (network_epoch, event_id) < (?, ?) ORDER BY network_epoch DESC, event_id DESC LIMIT 1',
      ),
      maxSeq: db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events'),
      notification: db.prepare('SELECT * FROM notifications WHERE id = ?'),
    };
  }

  async query(q: EventPageQuery): Promise<EventPage> {
    const after = q.after ? this.resolve(q.after) : undefined;
    const bounds = this.withCursor(this.bounds.forFilter(q.filter), q.order, after);
    const afterCursor = after ? formatCursor(after.epoch, after.eventId) : null;
    if (isEmptyRange(bounds)) return { events: [], hasMore: false, nextCursor: afterCursor };
    const rows = this.page(q.filter, bounds, q.order, q.limit + 1, q.offset ?? 0);
    const events = rows.slice(0, q.limit).map(rowToEvent);
    const last = events.at(-1);
    return {
      events,
      hasMore: rows.length > q.limit,
      nextCursor: last ? formatCursor(last.network_epoch, last.id) : afterCursor,
    };
  }

  async count(filter: EventFilter): Promise<number> {
    const bounds = this.bounds.forFilter(filter);
    return isEmptyRange(bounds) ? 0 : this.totals.count(filter, bounds);
  }

  async get(key: EventKey): Promise<StoredEvent | null> {
    const { epoch, eventId } = this.resolve(key);
    const row = this.sql.byKey.get(eventId, epoch) as EventRow | undefined;
    return row ? rowToEvent(row) : null;
  }

  async *export(q: { filter: EventFilter; order: SortOrder; chunkSize?: number }): AsyncIterable<StoredEvent[]> {
    const chunkSize = q.chunkSize ?? 1_000;
    const snapshot = (this.sql.maxSeq.get() as { seq: number }).seq;
    const filterBounds = this.bounds.forFilter(q.filter);
    let after: Key | undefined;
    for (;;) {
      const bounds = this.withCursor(filterBounds, q.order, after);
      if (isEmptyRange(bounds)) return;
      const chunk: StoredEvent[] = [];
      // Iterated to the end within this turn: no statement stays open across the yield.
      for (const row of this.pageStatement(q.filter, bounds, q.order, snapshot).iterate(...this.pageParams(q.filter, bounds, snapshot), chunkSize, 0)) {
        chunk.push(rowToEvent(row as EventRow));
      }
      if (chunk.length > 0) yield chunk;
      if (chunk.length < chunkSize) return;
      const last = chunk.at(-1)!;
      after = { epoch: last.network_epoch, eventId: last.id };
    }
  }

  async feedPositionAfter(key: EventKey): Promise<FeedPosition> {
    const { epoch, eventId } = this.resolve(key);
    const row = (this.sql.seqOfKey.get(eventId, epoch) ?? this.sql.seqBefore.get(epoch, eventId)) as { seq: number } | undefined;
    return { seq: row?.seq ?? 0 };
  }

  async feedEnd(): Promise<FeedPosition> {
    return { seq: (this.sql.maxSeq.get() as { seq: number }).seq };
  }

  async readFeed(from: FeedPosition, filter: EventFilter, limit: number): Promise<FeedPage> {
    const end = (this.sql.maxSeq.get() as { seq: number }).seq;
    // A window of rowids per call: a selective filter over a long backlog is read in steps,
    // not in one scan that would hold the connection (and ingest) for seconds.
    const upTo = Math.min(end, from.seq + FEED_WINDOW);
    const sql = joinSql({ clauses: ['seq > ?', 'seq <= ?'], params: [from.seq, upTo] }, filterSql(filter));
    // NOT INDEXED: walk the rowid range of what is new, whatever the filter.
    const rows = this.prepare(`SELECT * FROM events NOT INDEXED ${whereText(sql)} ORDER BY seq LIMIT ?`).all(...sql.params, limit) as EventRow[];
    const position = rows.length === limit ? rows.at(-1)!.seq : upTo;
    return { events: rows.map(rowToEvent), position: { seq: position }, caughtUp: position >= end };
  }

  async version(): Promise<EventsVersion> {
    const state = this.totals.state();
    const times = [state.lastStoredAt, state.deletedAt].filter((t): t is string => t !== null).sort();
    return { lastModified: times.at(-1) ?? null, tag: `${state.maxSeq}.${state.deletions}` };
  }

  async getNotification(id: string) {
    const row = this.sql.notification.get(id) as NotificationRow | undefined;
    if (!row) return null;
    const text = (column: string) => (row[column] === null || row[column] === undefined ? null : String(row[column]));
    return {
      id: String(row.id),
      creator: text('creator'),
      created_at: String(row.created_at),
      expires_at: text('expires_at'),
      revoked_by: text('revoked_by'),
      revoked_at: text('revoked_at'),
      scheduled_for: text('scheduled_for'),
      delivered: Number(row.delivered) !== 0,
      delivered_at: text('delivered_at'),
      updated_at: String(row.updated_at),
    };
  }

  private resolve(key: EventKey): Key {
    return { epoch: key.epoch ?? this.bounds.resolveEpoch(key.eventId), eventId: key.eventId };
  }

  private withCursor(bounds: Bounds, order: SortOrder, after: Key | undefined): Bounds {
    if (!after) return bounds;
    const cursor = { key: after, inclusive: false };
    return order === 'asc'
      ? { ...bounds, lower: tighterLower(bounds.lower, cursor) }
      : { ...bounds, upper: tighterUpper(bounds.upper, cursor) };
  }

  private page(filter: EventFilter, bounds: Bounds, order: SortOrder, limit: number, offset: number): EventRow[] {
    return this.pageStatement(filter, bounds, order).all(...this.pageParams(filter, bounds), limit, offset) as EventRow[];
  }

  private pageWhere(filter: EventFilter, bounds: Bounds, snapshot?: number): Sql {
    const upTo: Sql = snapshot === undefined ? { clauses: [], params: [] } : { clauses: ['seq <= ?'], params: [snapshot] };
    return joinSql(filterSql(filter), boundsSql(bounds), upTo);
  }

  private pageParams(filter: EventFilter, bounds: Bounds, snapshot?: number): unknown[] {
    return this.pageWhere(filter, bounds, snapshot).params;
  }

  private pageStatement(filter: EventFilter, bounds: Bounds, order: SortOrder, snapshot?: number): Database.Statement {
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const where = whereText(this.pageWhere(filter, bounds, snapshot));
    return this.prepare(
      `SELECT * FROM events INDEXED BY ${orderIndexFor(filter)} ${where} ORDER BY network_epoch ${dir}, event_id ${dir} LIMIT ? OFFSET ?`,
    );
  }
}
