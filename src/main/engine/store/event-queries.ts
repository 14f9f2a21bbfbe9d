// Reading stored events for the API: filters, offset and keyset paging, totals, the insertion-
// ordered feed behind the live stream, and chunked export. The ingest path does not use it.
//
// Order: (network epoch, event id), which is the chain's order within an epoch. The live feed
// is different on purpose: it follows insertion order (`seq`), because a backfill stores older
// events after newer ones and a stream must still deliver them.
import type { Category, Priority, StoredEvent } from '../../../shared/model';
import type { EventKey } from '../../../shared/api/cursor';
import type { Notification } from '../../../shared/api/notifications';

export interface EventFilter {
  contractIds?: string[];
  eventTypes?: string[];
  categories?: Category[];
  priorities?: Priority[];
  /** ISO 8601 (`toISOString()` form): ledger closed at or after. */
  since?: string;
  /** ISO 8601: ledger closed before. */
  until?: string;
  ledgerFrom?: number;
  ledgerTo?: number;
}

export type SortOrder = 'asc' | 'desc';

export interface EventPageQuery {
  filter: EventFilter;
  order: SortOrder;
  limit: number;
  offset?: number;
  /** Keyset: the page after this event in `order`. */
  after?: EventKey;
}

export interface EventPage {
  events: StoredEvent[];
  hasMore: boolean;
  /** The last event's cursor; the `after` cursor when the page is empty; else null. */
  nextCursor: string | null;
}

/** A place in the insertion-ordered feed. */
export interface FeedPosition {
  seq: number;
}

export interface FeedPage {
  events: StoredEvent[];
  /** Where the next read starts (past filtered-out rows too). */
  position: FeedPosition;
  /** Nothing stored after `position` yet; false: read again at once. */
  caughtUp: boolean;
}

/** What changes the answer of every events query: for Last-Modified and ETag. */
export interface EventsVersion {
  /** When an event was last stored or deleted; null for an empty table. */
  lastModified: string | null;
  /** Opaque; changes whenever lastModified would. */
  tag: string;
}

export interface EventQueries {
  query(q: EventPageQuery): Promise<EventPage>;
  /** Events matching the filter; cached per filter and kept exact as rows come and go. */
  count(filter: EventFilter): Promise<number>;
  /** By key; a bare id (epoch null) is the oldest epoch's event with that id. */
  get(key: EventKey): Promise<StoredEvent | null>;
  /** Every matching event in `order`, in chunks, as of the call (later inserts are left out). */
  export(q: { filter: EventFilter; order: SortOrder; chunkSize?: number }): AsyncIterable<StoredEvent[]>;
  /** The feed position just past this event (or, if it is gone, past its predecessor). */
  feedPositionAfter(key: EventKey): Promise<FeedPosition>;
  /** The current end of the feed: only events stored from now on come after it. */
  feedEnd(): Promise<FeedPosition>;
  /** Matching events stored after `from`, in insertion order; a bounded amount of work per call. */
  readFeed(from: FeedPosition, filter: EventFilter, limit: number): Promise<FeedPage>;
  version(): Promise<EventsVersion>;
  /** The seed's notification shape (moves to the scheduler's store once it has one). */
  getNotification(id: string): Promise<(Notification & { updated_at: string }) | null>;
}
