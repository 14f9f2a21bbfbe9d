// Free-text search. The API filters by contract, type, category, priority and range but not by
// text, so the dashboard reads the filtered events newest first (keyset pages) and keeps the
// matches, a bounded number of rows per step; the user asks for the next step.
import type { EventListResponse } from '../../../shared/api/events';
import type { StoredEvent } from '../../../shared/model';
import { firstCursor, queryString, type EventQuery } from '../api/event-query';
import type { ApiFailure, Transport } from '../transport/transport';
import { matchesText } from './feed-filter';

export const SEARCH_PAGE = 500;
/** Rows read per step before handing back, whatever was found. */
export const SEARCH_BUDGET = 20_000;
/** A step stops early once this many matches are found. */
export const SEARCH_ENOUGH = 200;

export interface SearchState {
  matches: StoredEvent[];
  scanned: number;
  /** Where the next step starts; null before the first. */
  cursor: string | null;
  done: boolean;
  busy: boolean;
  /** The newest event read (matching or not): live events continue after it. */
  newest: string | null;
}

export const NEW_SEARCH: SearchState = { matches: [], scanned: 0, cursor: null, done: false, busy: false, newest: null };

export async function searchStep(
  transport: Transport,
  query: EventQuery,
  text: string,
  from: SearchState,
): Promise<SearchState | ApiFailure> {
  const matches = [...from.matches];
  let { scanned, cursor, newest } = from;
  let found = 0;
  let read = 0;
  while (read < SEARCH_BUDGET && found < SEARCH_ENOUGH) {
    const answer = await transport.request<EventListResponse>('GET', `/api/events${queryString(query, { limit: SEARCH_PAGE, after: cursor })}`);
    if (!answer.ok) return answer;
    const { events, has_more, next_cursor } = answer.body;
    if (newest === null) newest = firstCursor(events)?.cursor ?? null;
    for (const event of events) {
      if (matchesText(event, text)) {
        matches.push(event);
        found++;
      }
    }
    read += events.length;
    scanned += events.length;
    // The last event that is a cursor (the scheduler's `local:` events are not).
    cursor = firstCursor([...events].reverse())?.cursor ?? next_cursor;
    if (!has_more || !next_cursor) return { matches, scanned, cursor, done: true, busy: false, newest };
  }
  return { matches, scanned, cursor, done: false, busy: false, newest };
}
