// The live feed: a snapshot of the filtered events (paged on demand, see feed-pages.ts), live
// events above it, and the ones that arrived while the user was scrolled down held back behind
// the "N new events" pill so nothing moves under them.
import { createStore } from 'zustand/vanilla';
import type { EventListResponse } from '../../../shared/api/events';
import type { StoredEvent } from '../../../shared/model';
import { eventCursor, firstCursor, queryString } from '../api/event-query';
import { describeFailure } from '../transport/api-failure';
import type { LiveState, Transport } from '../transport/transport';
import { EMPTY_FILTER, filterProblem, matchesText, toEventQuery, type FeedFilter } from './feed-filter';
import { PAGE_SIZE, pageRequest, pagesFor, snapshotRow, withPage, type Anchor, type Pages } from './feed-pages';
import { NEW_SEARCH, searchStep, type SearchState } from './feed-search';

/** Past this many live rows, a following feed takes a fresh snapshot instead of growing. */
export const REBASE_AFTER = 1_000;

export interface FeedState {
  filter: FeedFilter;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The newest event of the snapshot that can anchor paging and the stream. */
  head: Anchor | null;
  total: number;
  pages: Pages;
  /** Newest first, shown above the snapshot. */
  live: StoredEvent[];
  /** Newest first, behind the pill. */
  pending: StoredEvent[];
  /** The list is at its top: new events go straight in. */
  following: boolean;
  liveState: LiveState;
  selected: StoredEvent | null;
  /** Set while a text filter is on. */
  search: SearchState | null;
}

export interface FeedActions {
  /** Loads the first page and opens the stream; resolves once the first page is in. */
  start(): Promise<void>;
  stop(): void;
  setFilter(filter: FeedFilter): void;
  /** Rows [from, to] of the list are on screen (or about to be). */
  ensureRows(from: number, to: number): void;
  setFollowing(following: boolean): void;
  showPending(): void;
  select(event: StoredEvent | null): void;
  selectById(id: string): Promise<void>;
  searchMore(): Promise<void>;
}

export type FeedStore = ReturnType<typeof createFeedStore>;

export function rowCount(s: FeedState): number {
  return s.live.length + (s.search ? s.search.matches.length : s.total);
}

export function rowAt(s: FeedState, index: number): StoredEvent | undefined {
  if (index < s.live.length) return s.live[index];
  const row = index - s.live.length;
  return s.search ? s.search.matches[row] : snapshotRow(s.pages, row);
}

export function createFeedStore(transport: Transport) {
  let generation = 0;
  let unsubscribe: (() => void) | null = null;
  const inFlight = new Set<number>();
  const known = new Set<string>();

  return createStore<FeedState & FeedActions>()((set, get) => {
    const fail = (message: string) => set({ status: 'error', error: message });

    function subscribe(after: string | null) {
      unsubscribe?.();
      const { filter } = get();
      unsubscribe = transport.live(
        toEventQuery(filter),
        { onEvents: (events) => arrive(events), onState: (liveState) => set({ liveState }) },
        after,
      );
    }

    function arrive(events: StoredEvent[]) {
      const { filter, following, live } = get();
      const fresh: StoredEvent[] = [];
      for (const event of events) {
        const key = eventCursor(event);
        if (known.has(key) || !matchesText(event, filter.text)) continue;
        known.add(key);
        fresh.unshift(event);
      }
      if (fresh.length === 0) return;
      if (!following) return set((s) => ({ pending: [...fresh, ...s.pending] }));
      if (live.length + fresh.length > REBASE_AFTER && !filter.text) return void load(false);
      set((s) => ({ live: [...fresh, ...s.live] }));
    }

    async function load(showLoading = true) {
      const gen = ++generation;
      const { filter } = get();
      const problem = filterProblem(filter);
      if (problem) return fail(problem);
      if (showLoading) set({ status: 'loading', error: null });
      inFlight.clear();
      const query = toEventQuery(filter);
      if (filter.text.trim() !== '') {
        known.clear();
        set({ search: { ...NEW_SEARCH, busy: true }, live: [], pending: [], pages: new Map(), total: 0, head: null });
        const result = await searchStep(transport, query, filter.text, NEW_SEARCH);
        if (gen !== generation) return;
        if ('ok' in result) return fail(describeFailure(result));
        set({ search: result, status: 'ready', head: result.newest ? { cursor: result.newest, row: 0 } : null });
        for (const e of result.matches) known.add(eventCursor(e));
        return subscribe(result.newest);
      }
      const answer = await transport.request<EventListResponse>('GET', `/api/events${queryString(query, { limit: PAGE_SIZE })}`);
      if (gen !== generation) return;
      if (!answer.ok) return fail(describeFailure(answer));
      const { events, total } = answer.body;
      known.clear();
      for (const e of events) known.add(eventCursor(e));
      const first = firstCursor(events);
      const head = first ? { cursor: first.cursor, row: first.index } : null;
      set({ status: 'ready', error: null, head, total, pages: new Map([[0, events]]), live: [], pending: [], search: null });
      subscribe(head?.cursor ?? null);
    }

    async function fetchPage(page: number) {
      const { head, pages, filter } = get();
      const req = pageRequest(page, head, pages);
      if (!req || inFlight.has(page)) return;
      inFlight.add(page);
      const gen = generation;
      const answer = await transport.request<EventListResponse>(
        'GET',
        `/api/events${queryString(toEventQuery(filter), { limit: PAGE_SIZE, after: req.after, offset: req.offset })}`,
      );
      inFlight.delete(page);
      if (gen !== generation) return;
      if (!answer.ok) return fail(describeFailure(answer));
      set((s) => ({ pages: withPage(s.pages, page, answer.body.events) }));
    }

    return {
      filter: EMPTY_FILTER,
      status: 'loading',
      error: null,
      head: null,
      total: 0,
      pages: new Map(),
      live: [],
      pending: [],
      following: true,
      liveState: 'connecting',
      selected: null,
      search: null,

      start: () => load(),
      stop: () => {
        generation++;
        unsubscribe?.();
        unsubscribe = null;
      },
      setFilter: (filter) => {
        // A copy: the filter form re-reads the store's filter by identity, even when it is unchanged.
        set({ filter: { ...filter }, selected: null });
        void load();
      },
      ensureRows: (from, to) => {
        const s = get();
        if (s.status !== 'ready') return;
        if (s.search) {
          if (to >= rowCount(s) - 20 && !s.search.done && !s.search.busy) void get().searchMore();
          return;
        }
        const lo = Math.max(0, from - s.live.length);
        const hi = to - s.live.length;
        for (const page of pagesFor(lo, hi, s.total)) if (!s.pages.has(page)) void fetchPage(page);
      },
      setFollowing: (following) => {
        if (following === get().following) return;
        set({ following });
        // Back at the top with nothing held back: a long-grown live list is folded into a fresh snapshot.
        if (following && get().live.length > REBASE_AFTER && !get().filter.text) void load(false);
      },
      showPending: () => set((s) => ({ live: [...s.pending, ...s.live], pending: [], following: true })),
      select: (selected) => set({ selected }),
      selectById: async (id) => {
        const answer = await transport.request<StoredEvent>('GET', `/api/events/${encodeURIComponent(id)}`);
        if (answer.ok) set({ selected: answer.body });
      },
      searchMore: async () => {
        const { search, filter } = get();
        if (!search || search.done || search.busy) return;
        const gen = generation;
        set({ search: { ...search, busy: true } });
        const result = await searchStep(transport, toEventQuery(filter), filter.text, search);
        if (gen !== generation) return;
        if ('ok' in result) return fail(describeFailure(result));
        set({ search: result });
      },
    };
  });
}
