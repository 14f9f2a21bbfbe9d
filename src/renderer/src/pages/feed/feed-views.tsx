// Saved views (named filters, kept in this browser or app) and export of what the feed shows.
import { useState } from 'react';
import { queryString } from '../../api/event-query';
import { useSlice, useStores } from '../../stores/app-stores';
import { toEventQuery } from '../../stores/feed-filter';
import { describeFailure } from '../../transport/api-failure';

export function FeedViews() {
  const { feed, views, transport } = useStores();
  const saved = useSlice(views, (s) => s.views);
  const filter = useSlice(feed, (s) => s.filter);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [format, setFormat] = useState<'csv' | 'ndjson'>('csv');

  const save = () => {
    const problem = views.getState().save(name, filter);
    setMessage(problem ? { text: problem, bad: true } : { text: `Saved "${name.trim()}".`, bad: false });
    if (!problem) setName('');
  };

  const exportView = async () => {
    setMessage({ text: 'Preparing the export…', bad: false });
    const path = `/api/events/export${queryString(toEventQuery(filter), { format })}`;
    const answer = await transport.download(path, `notifychain-events.${format}`);
    setMessage(answer.ok
      ? { text: filter.text ? 'Exported (the text search is not applied to exports).' : 'Export started.', bad: false }
      : { text: describeFailure(answer), bad: true });
  };

  return (
    <div className="row" role="group" aria-label="Saved views and export">
      <select
        className="view-pick"
        aria-label="Open a saved view"
        value=""
        onChange={(e) => {
          const view = saved.find((v) => v.name === e.target.value);
          if (view) feed.getState().setFilter(view.filter);
        }}
      >
        <option value="">{saved.length ? 'Saved views…' : 'No saved views'}</option>
        {saved.map((v) => <option key={v.name} value={v.name}>{v.name}</option>)}
      </select>
      <input className="view-name" aria-label="Name for this view" placeholder="Name this view" value={name} onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && save()} />
      <button type="button" onClick={save}>Save view</button>
      {saved.length ? (
        <select className="view-pick" aria-label="Delete a saved view" value="" onChange={(e) => e.target.value && views.getState().remove(e.target.value)}>
          <option value="">Delete a view…</option>
          {saved.map((v) => <option key={v.name} value={v.name}>{v.name}</option>)}
        </select>
      ) : null}
      <span className="grow" />
      <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'ndjson')}>
        <option value="csv">CSV</option>
        <option value="ndjson">NDJSON</option>
      </select>
      <button type="button" onClick={exportView} aria-label="Export this view">Export</button>
      {message ? <span className={message.bad ? 'error-text' : 'muted'} role="status">{message.text}</span> : null}
    </div>
  );
}
