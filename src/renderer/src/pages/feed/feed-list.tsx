// The virtualised event list: only the rows on screen exist in the DOM, pages are fetched as
// they scroll into view, and new events wait behind the pill while the user is scrolled down.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { StoredEvent } from '../../../../shared/model';
import { eventCursor } from '../../api/event-query';
import { fieldText, formatRowTime, formatTime, plural, shortId } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { rowAt, rowCount } from '../../stores/feed-store';
import { contractName } from '../../stores/health-store';

export const ROW_HEIGHT = 32;

function summary(event: StoredEvent): string {
  const data = event.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fieldText(data);
  return Object.entries(data).slice(0, 4).map(([k, v]) => `${k}=${fieldText(v)}`).join('  ');
}

export function FeedList() {
  const { feed, health } = useStores();
  const count = useSlice(feed, rowCount);
  // Any of these changing changes what rows show.
  useSlice(feed, (s) => s.pages);
  useSlice(feed, (s) => s.live);
  useSlice(feed, (s) => s.search);
  const pending = useSlice(feed, (s) => s.pending.length);
  const selected = useSlice(feed, (s) => s.selected);
  const contracts = useSlice(health, (s) => s.contracts);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    feed.getState().ensureRows(first, last);
  }, [feed, first, last, count]);

  const state = feed.getState();
  const selectedKey = selected ? eventCursor(selected) : null;

  const choose = (index: number) => {
    const clamped = Math.max(0, Math.min(count - 1, index));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    const event = rowAt(feed.getState(), clamped);
    if (event) feed.getState().select(event);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) choose(active + moves[e.key]!);
    else if (e.key === 'Home') choose(0);
    else if (e.key === 'End') choose(count - 1);
    else if (e.key === 'Escape') feed.getState().select(null);
    else return;
    e.preventDefault();
  };

  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 0, display: 'flex' }}>
      {pending > 0 ? (
        <button
          type="button"
          className="pill"
          onClick={() => {
            feed.getState().showPending();
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        >
          {plural(pending, 'new event')}
        </button>
      ) : null}
      <div
        ref={scrollRef}
        className="feed-list"
        role="listbox"
        aria-label="Events, newest first"
        aria-activedescendant={count > 0 ? `feed-row-${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => feed.getState().setFollowing(e.currentTarget.scrollTop < ROW_HEIGHT / 2)}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const event = rowAt(state, item.index);
            const style = { top: item.start, height: ROW_HEIGHT };
            if (!event) {
              return (
                <div key={item.key} id={`feed-row-${item.index}`} className="feed-row placeholder" style={style} role="option" aria-selected={false}>
                  <span>Loading…</span>
                </div>
              );
            }
            const name = contractName(contracts, event.contract_id);
            return (
              <div
                key={item.key}
                id={`feed-row-${item.index}`}
                className="feed-row"
                style={style}
                role="option"
                aria-selected={eventCursor(event) === selectedKey}
                data-event-id={event.id}
                onClick={() => {
                  setActive(item.index);
                  feed.getState().select(event);
                }}
              >
                <span className="muted" title={formatTime(event.created_at)}>{formatRowTime(event.created_at)}</span>
                {/* The browser reports when the first row's text is painted (bench/dashboard.ts reads it). */}
                <span className="type" {...(item.index === 0 ? ({ elementtiming: 'feed-first-row' } as object) : {})}>{event.event_type}</span>
                <span title={event.contract_id}>{name ?? shortId(event.contract_id)}</span>
                <span>{event.category ?? ''}</span>
                <span>{event.priority ? <span className={`badge p-${event.priority}`}>{event.priority}</span> : null}</span>
                <span className="muted mono">{summary(event)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
