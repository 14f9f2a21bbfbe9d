// What the feed shows: the API's filters plus free text, which the API does not search and the
// dashboard matches in the page (see feed-search.ts).
import type { Category, JsonValue, Priority, StoredEvent } from '../../../shared/model';
import type { EventQuery } from '../api/event-query';

export interface FeedFilter {
  contracts: string[];
  types: string[];
  categories: Category[];
  priorities: Priority[];
  /** Local date-time text from the form (`2026-11-25T20:40`), or ''. */
  since: string;
  until: string;
  ledgerFrom: number | null;
  ledgerTo: number | null;
  text: string;
}

export const EMPTY_FILTER: FeedFilter = {
  contracts: [],
  types: [],
  categories: [],
  priorities: [],
  since: '',
  until: '',
  ledgerFrom: null,
  ledgerTo: null,
  text: '',
};

function isoOrUndefined(local: string): string | undefined {
  if (local.trim() === '') return undefined;
  const time = Date.parse(local);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function toEventQuery(f: FeedFilter): EventQuery {
  const q: EventQuery = {};
  if (f.contracts.length) q.contract_id = f.contracts;
  if (f.types.length) q.event_type = f.types;
  if (f.categories.length) q.category = f.categories;
  if (f.priorities.length) q.priority = f.priorities;
  const since = isoOrUndefined(f.since);
  const until = isoOrUndefined(f.until);
  if (since) q.since = since;
  if (until) q.until = until;
  if (f.ledgerFrom !== null) q.ledger_from = f.ledgerFrom;
  if (f.ledgerTo !== null) q.ledger_to = f.ledgerTo;
  return q;
}

/** Problems the API would refuse, said before asking it. */
export function filterProblem(f: FeedFilter): string | null {
  if (f.since && !isoOrUndefined(f.since)) return 'The "from" time is not a date.';
  if (f.until && !isoOrUndefined(f.until)) return 'The "to" time is not a date.';
  if (f.since && f.until && Date.parse(f.since) > Date.parse(f.until)) return 'The time range ends before it starts.';
  if (f.ledgerFrom !== null && f.ledgerTo !== null && f.ledgerFrom > f.ledgerTo) return 'The ledger range ends before it starts.';
  return null;
}

function containsText(value: JsonValue, needle: string): boolean {
  if (value === null) return false;
  if (typeof value === 'object') {
    if (Array.isArray(value)) return value.some((v) => containsText(v, needle));
    return Object.entries(value).some(([k, v]) => k.toLowerCase().includes(needle) || containsText(v, needle));
  }
  return String(value).toLowerCase().includes(needle);
}

/** Free text over what a person reads in a row: type, contract, ids, tx hash and decoded fields. */
export function matchesText(event: StoredEvent, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  return (
    event.event_type.toLowerCase().includes(needle) ||
    event.contract_id.toLowerCase().includes(needle) ||
    event.id.includes(needle) ||
    (event.tx_hash ?? '').toLowerCase().includes(needle) ||
    containsText(event.data, needle) ||
    containsText(event.topics, needle)
  );
}

export function isFiltered(f: FeedFilter): boolean {
  return JSON.stringify(f) !== JSON.stringify(EMPTY_FILTER);
}
