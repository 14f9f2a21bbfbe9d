// The feed's window onto a million rows: pages of PAGE_SIZE fetched on demand, anchored at the
// newest event of the snapshot (`head`), so rows keep their index while new events arrive above.
// Page p > 0 is the page after the previous page's last event when that one is loaded (cheap
// keyset), else `after=head` with an offset (a jump, e.g. dragging the scrollbar).
import type { StoredEvent } from '../../../shared/model';
import { firstCursor } from '../api/event-query';

export const PAGE_SIZE = 100;
/** Pages kept in memory; the ones farthest from where the user is go first. */
export const MAX_PAGES = 60;

export type Pages = ReadonlyMap<number, StoredEvent[]>;

export interface PageRequest {
  after?: string;
  offset?: number;
}

/** Where paging is anchored: the first event of the snapshot that is a cursor, and its row. */
export interface Anchor {
  cursor: string;
  row: number;
}

/**
 * How to ask the API for page `page` (> 0): after the previous page's last event when it is
 * loaded, else after the anchor with an offset, else (no anchor at all) by offset alone.
 */
export function pageRequest(page: number, anchor: Anchor | null, pages: Pages): PageRequest | null {
  if (page === 0) return null;
  const previous = pages.get(page - 1);
  const last = previous && previous.length === PAGE_SIZE ? firstCursor([previous[PAGE_SIZE - 1]!]) : null;
  if (last) return { after: last.cursor };
  if (anchor) return { after: anchor.cursor, offset: page * PAGE_SIZE - 1 - anchor.row };
  return { offset: page * PAGE_SIZE };
}

/** Pages covering snapshot rows [from, to], clipped to the total. */
export function pagesFor(from: number, to: number, total: number): number[] {
  if (total <= 0 || to < 0) return [];
  const first = Math.max(0, Math.floor(from / PAGE_SIZE));
  const last = Math.min(Math.floor((total - 1) / PAGE_SIZE), Math.floor(Math.max(from, to) / PAGE_SIZE));
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/** Adds a page, dropping the farthest ones (never page 0, which holds the head) past MAX_PAGES. */
export function withPage(pages: Pages, page: number, events: StoredEvent[]): Map<number, StoredEvent[]> {
  const next = new Map(pages);
  next.set(page, events);
  if (next.size > MAX_PAGES) {
    const far = [...next.keys()].filter((p) => p !== 0).sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
    for (const p of far.slice(0, next.size - MAX_PAGES)) next.delete(p);
  }
  return next;
}

export function snapshotRow(pages: Pages, row: number): StoredEvent | undefined {
  return pages.get(Math.floor(row / PAGE_SIZE))?.[row % PAGE_SIZE];
}
