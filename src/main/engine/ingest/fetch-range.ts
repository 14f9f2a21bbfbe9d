// Reads every watched contract's events from a starting point up to the RPC's latest ledger,
// page by page, committing each page (events + outbox + cursor) before asking for the next.
// The RPC takes at most 5 filters of 5 contract ids per request: larger sets are read in groups,
// and then the shared cursor only advances once every group has passed it.
import type { StoredEvent } from '../../../shared/model';
import { ledgerOfEventId } from '../stellar/event-id';
import type { EventFilter, GetEventsParams, StellarRpc } from '../stellar/rpc-types';
import type { IngestPipeline, PageCommit, WatchFilter } from './pipeline';

export const IDS_PER_FILTER = 5;
export const FILTERS_PER_REQUEST = 5;

export type StartPoint = { cursor: string } | { ledger: number };

export interface RangeResult {
  /** Where the next poll starts. */
  cursor: string;
  latestLedger: number;
  latestLedgerCloseMs: number | null;
  stored: number;
}

export function filterGroups(contractIds: string[]): EventFilter[][] {
  const filters: EventFilter[] = [];
  for (let i = 0; i < contractIds.length; i += IDS_PER_FILTER) {
    filters.push({ type: 'contract', contractIds: contractIds.slice(i, i + IDS_PER_FILTER) });
  }
  const groups: EventFilter[][] = [];
  for (let i = 0; i < filters.length; i += FILTERS_PER_REQUEST) groups.push(filters.slice(i, i + FILTERS_PER_REQUEST));
  return groups;
}

export interface RangeOptions {
  rpc: StellarRpc;
  pipeline: IngestPipeline;
  watch: WatchFilter;
  start: StartPoint;
  pageLimit: number;
  onStored: (events: StoredEvent[]) => void;
  signal?: AbortSignal;
  /** What each page commits besides its events; default: the live stream's cursor. */
  commitPage?: (cursor: string) => PageCommit;
  /** Stop once the cursor has passed this ledger (a backfill's end). */
  stopAfterLedger?: number;
  onPage?: (cursor: string) => void;
}

export async function fetchRange(opts: RangeOptions): Promise<RangeResult> {
  const groups = filterGroups([...opts.watch.keys()]);
  const single = groups.length === 1;
  const commitPage = single ? (opts.commitPage ?? ((cursor: string) => ({ cursor }))) : () => ({});
  const results: RangeResult[] = [];
  for (const filters of groups) results.push(await fetchGroup(opts, filters, commitPage));
  if (results.length === 0) throw new Error('fetchRange needs at least one watched contract');
  // The groups may have stopped at different points: the earliest is safe for all of them.
  const earliest = results.reduce((a, b) => (b.cursor < a.cursor ? b : a));
  const result = { ...earliest, stored: results.reduce((n, r) => n + r.stored, 0) };
  if (!single) await opts.pipeline.ingest([], opts.watch, { cursor: result.cursor });
  return result;
}

async function fetchGroup(opts: RangeOptions, filters: EventFilter[], commitPage: (cursor: string) => PageCommit): Promise<RangeResult> {
  let start: StartPoint = opts.start;
  let stored = 0;
  for (;;) {
    const params: GetEventsParams =
      'cursor' in start
        ? { filters, pagination: { cursor: start.cursor, limit: opts.pageLimit } }
        : { startLedger: start.ledger, filters, pagination: { limit: opts.pageLimit } };
    const page = await opts.rpc.getEvents(params);
    const inserted = await opts.pipeline.ingest(page.events, opts.watch, commitPage(page.cursor));
    stored += inserted.length;
    if (inserted.length > 0) opts.onStored(inserted);
    opts.onPage?.(page.cursor);

    const previous = 'cursor' in start ? start.cursor : null;
    // A full page may have more events in the same ledger behind it; a short page ends the
    // range once its cursor has reached the latest ledger (the RPC bounds each scan).
    const caughtUp = page.events.length < opts.pageLimit && cursorLedger(page.cursor) >= page.latestLedger;
    const stuck = page.cursor === previous;
    const pastEnd = opts.stopAfterLedger !== undefined && cursorLedger(page.cursor) > opts.stopAfterLedger;
    if (caughtUp || stuck || pastEnd || opts.signal?.aborted) {
      return {
        cursor: page.cursor,
        latestLedger: page.latestLedger,
        latestLedgerCloseMs: closeTimeMs(page.latestLedgerCloseTime),
        stored,
      };
    }
    start = { cursor: page.cursor };
  }
}

export function cursorLedger(cursor: string): number {
  try {
    return ledgerOfEventId(cursor);
  } catch {
    return Number.POSITIVE_INFINITY; // an opaque cursor: trust the page size to tell we are done
  }
}

export function closeTimeMs(value: string | number | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  if (Number.isFinite(n)) return n * 1000;
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : parsed;
}
