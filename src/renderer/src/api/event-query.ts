// The events routes' filter parameters (list, stream, export) as the dashboard builds them, and
// the same filter applied to an event in the page, for events pushed over IPC unfiltered.
import type { Category, Priority, StoredEvent } from '../../../shared/model';

export interface EventQuery {
  contract_id?: string[];
  event_type?: string[];
  category?: Category[];
  priority?: Priority[];
  /** ISO 8601 (toISOString form): ledger closed at or after. */
  since?: string;
  /** ISO 8601: ledger closed before. */
  until?: string;
  ledger_from?: number;
  ledger_to?: number;
}

type Extra = Record<string, string | number | null | undefined>;

/** `contract_id=A,B&since=…` plus extra parameters; empty lists and unset values are left out. */
export function queryString(query: EventQuery, extra: Extra = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  // The IPC path check allows "," unescaped; URLSearchParams would write %2C.
  return text === '' ? '' : `?${text.replace(/%2C/g, ',')}`;
}

export function matchesQuery(event: StoredEvent, q: EventQuery): boolean {
  if (q.contract_id?.length && !q.contract_id.includes(event.contract_id)) return false;
  if (q.event_type?.length && !q.event_type.includes(event.event_type)) return false;
  if (q.category?.length && (event.category === null || !q.category.includes(event.category))) return false;
  if (q.priority?.length && (event.priority === null || !q.priority.includes(event.priority))) return false;
  if (q.since !== undefined && event.created_at < q.since) return false;
  if (q.until !== undefined && event.created_at >= q.until) return false;
  if (q.ledger_from !== undefined && event.ledger_sequence < q.ledger_from) return false;
  if (q.ledger_to !== undefined && event.ledger_sequence > q.ledger_to) return false;
  return true;
}

/** The cursor naming an event, as the API writes them (`<epoch>:<id>` after a network reset). */
export function eventCursor(event: Pick<StoredEvent, 'id' | 'network_epoch'>): string {
  return event.network_epoch === 0 ? event.id : `${event.network_epoch}:${event.id}`;
}

// The API's cursor shape (src/shared/api/cursor.ts, not imported: it brings zod into the first
// chunk; tests/unit/renderer/event-query.test.ts keeps the two in step). An event whose id the
// API would not take back as a cursor is skipped when choosing where paging is anchored.
const CURSOR = /^(?:\d{1,9}:)?(?:\d{19}-\d{10}|local:[A-Za-z0-9_.:-]{1,160})$/;

/** The cursor of the first event in the list that can serve as one, with its index. */
export function firstCursor(events: readonly Pick<StoredEvent, 'id' | 'network_epoch'>[]): { cursor: string; index: number } | null {
  for (let index = 0; index < events.length; index++) {
    const cursor = eventCursor(events[index]!);
    if (CURSOR.test(cursor)) return { cursor, index };
  }
  return null;
}
