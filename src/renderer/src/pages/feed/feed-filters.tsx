// The feed's filters. Edits apply after a short pause, so typing does not query on every key.
import { useEffect, useMemo, useState } from 'react';
import { CATEGORIES, PRIORITIES, type Priority } from '../../../../shared/model';
import { shortId } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { EMPTY_FILTER, filterProblem, type FeedFilter } from '../../stores/feed-filter';
import { contractName } from '../../stores/health-store';

const APPLY_AFTER_MS = 300;

const numberOrNull = (text: string) => (text.trim() === '' || Number.isNaN(Number(text)) ? null : Math.max(0, Math.floor(Number(text))));

export function FeedFilters() {
  const { feed, health } = useStores();
  const applied = useSlice(feed, (s) => s.filter);
  const contracts = useSlice(health, (s) => s.contracts) ?? [];
  const pairs = useSlice(health, (s) => s.eventTypes);
  const [draft, setDraft] = useState<FeedFilter>(applied);

  useEffect(() => setDraft(applied), [applied]);
  const ready = useSlice(feed, (s) => s.status === 'ready');
  // After the first rows: the type picker can wait, the feed cannot.
  useEffect(() => {
    if (ready) void health.getState().refreshEventTypes();
  }, [health, ready]);
  useEffect(() => {
    if (JSON.stringify(draft) === JSON.stringify(feed.getState().filter)) return;
    const timer = setTimeout(() => feed.getState().setFilter(draft), APPLY_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, feed]);

  const types = useMemo(() => {
    const inScope = pairs.filter((p) => draft.contracts.length === 0 || draft.contracts.includes(p.contract_id));
    return [...new Set(inScope.map((p) => p.event_type))].sort();
  }, [pairs, draft.contracts]);

  const patch = (p: Partial<FeedFilter>) => setDraft((d) => ({ ...d, ...p }));
  const minPriority = draft.priorities.length ? draft.priorities[0]! : '';
  const problem = filterProblem(draft);

  return (
    <div role="group" aria-label="Filters" className="feed-filters">
      <div className="row">
        <input
          type="search"
          aria-label="Search text in events"
          placeholder="Search fields, ids, hashes…"
          value={draft.text}
          onChange={(e) => patch({ text: e.target.value })}
        />
        <select aria-label="Contract" value={draft.contracts[0] ?? ''} onChange={(e) => patch({ contracts: e.target.value ? [e.target.value] : [] })}>
          <option value="">All contracts</option>
          {contracts.map((c) => {
            const name = contractName(contracts, c.id);
            return <option key={c.id} value={c.id}>{name ? `${name} (${shortId(c.id)})` : c.id}</option>;
          })}
        </select>
        <select aria-label="Event type" value={draft.types[0] ?? ''} onChange={(e) => patch({ types: e.target.value ? [e.target.value] : [] })}>
          <option value="">All types</option>
          {[...new Set([...types, ...draft.types])].map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <select aria-label="Category" value={draft.categories[0] ?? ''} onChange={(e) => patch({ categories: e.target.value ? [e.target.value as FeedFilter['categories'][number]] : [] })}>
          <option value="">All categories</option>
          {CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <select
          aria-label="Priority at least"
          value={minPriority}
          onChange={(e) => patch({ priorities: e.target.value ? PRIORITIES.slice(PRIORITIES.indexOf(e.target.value as Priority)) : [] })}
        >
          <option value="">Any priority</option>
          {PRIORITIES.map((p) => <option key={p} value={p}>{p} or higher</option>)}
        </select>
        <button type="button" onClick={() => setDraft(EMPTY_FILTER)} disabled={JSON.stringify(draft) === JSON.stringify(EMPTY_FILTER)}>Clear filters</button>
      </div>
      <div className="row">
        <label className="row">From <input type="datetime-local" aria-label="From time" value={draft.since} onChange={(e) => patch({ since: e.target.value })} /></label>
        <label className="row">to <input type="datetime-local" aria-label="To time" value={draft.until} onChange={(e) => patch({ until: e.target.value })} /></label>
        <label className="row">Ledgers
          <input type="number" min={0} aria-label="From ledger" placeholder="from" value={draft.ledgerFrom ?? ''} onChange={(e) => patch({ ledgerFrom: numberOrNull(e.target.value) })} />
          <input type="number" min={0} aria-label="To ledger" placeholder="to" value={draft.ledgerTo ?? ''} onChange={(e) => patch({ ledgerTo: numberOrNull(e.target.value) })} />
        </label>
        {problem ? <span className="error-text" role="alert">{problem}</span> : null}
      </div>
    </div>
  );
}
