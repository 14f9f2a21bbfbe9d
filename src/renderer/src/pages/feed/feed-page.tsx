// The live feed: filters, saved views and export above the virtualised list, the selected
// event beside it. With nothing watched it offers the demo network instead.
import { useEffect } from 'react';
import { formatCount } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { rowCount } from '../../stores/feed-store';
import { EventDetail } from './event-detail';
import { FeedFilters } from './feed-filters';
import { FeedList } from './feed-list';
import { FeedViews } from './feed-views';
import { FirstRun } from './first-run';

function Summary() {
  const { feed } = useStores();
  const status = useSlice(feed, (s) => s.status);
  const error = useSlice(feed, (s) => s.error);
  const count = useSlice(feed, rowCount);
  const search = useSlice(feed, (s) => s.search);
  if (status === 'error') return <div className="feed-summary"><span className="error-text" role="alert">{error}</span></div>;
  if (status === 'loading') return <div className="feed-summary" role="status">Loading events…</div>;
  return (
    <div className="feed-summary" role="status">
      <span><strong>{formatCount(count)}</strong> events</span>
      {search ? (
        <>
          <span>matching the text in the newest {formatCount(search.scanned)} read</span>
          {search.busy ? <span>searching…</span> : null}
          {!search.done && !search.busy ? <button type="button" className="small" onClick={() => void feed.getState().searchMore()}>Search further</button> : null}
        </>
      ) : null}
    </div>
  );
}

export function FeedPage() {
  const { feed, health, nav } = useStores();
  const selected = useSlice(feed, (s) => s.selected);
  const contracts = useSlice(health, (s) => s.contracts);
  const param = useSlice(nav, (s) => s.param);

  useEffect(() => {
    if (param && param !== feed.getState().selected?.id) void feed.getState().selectById(param);
  }, [param, feed]);

  if (contracts !== null && contracts.length === 0) return <div className="main"><FirstRun /></div>;
  return (
    <div className="feed">
      <section className="feed-main" aria-label="Event feed">
        <div className="feed-toolbar">
          <FeedFilters />
          <FeedViews />
        </div>
        <Summary />
        <FeedList />
      </section>
      <EventDetail event={selected} />
    </div>
  );
}
