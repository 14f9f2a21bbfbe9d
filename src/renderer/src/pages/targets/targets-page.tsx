// Targets: where notifications go. Create or change any kind, send a test, delete.
import '../../lib/zod-jitless';
import { useEffect, useState } from 'react';
import type { TargetView } from '../../../../shared/targets';
import { shortId } from '../../lib/format';
import { useLazyStore, useSlice, useStores } from '../../stores/app-stores';
import { createTargetsStore } from '../../stores/targets-store';
import { KIND_LABELS } from './kind-fields';
import { fromView, newDraft, type TargetDraft } from './target-draft';
import { TargetForm } from './target-form';

function ruleSummary(t: TargetView): string {
  const r = t.rule;
  const parts = [
    r.contracts.length ? `${r.contracts.length} contract${r.contracts.length === 1 ? '' : 's'} (${r.contracts.map(shortId).join(', ')})` : 'all contracts',
    r.event_types.length ? r.event_types.join(', ') : 'all types',
  ];
  if (r.categories.length) parts.push(r.categories.join(', '));
  if (r.min_priority) parts.push(`${r.min_priority} or higher`);
  return parts.join(' · ');
}

export default function TargetsPage() {
  const { transport, nav } = useStores();
  const store = useLazyStore('targets', () => createTargetsStore(transport));
  const state = useSlice(store, (s) => s);
  const [editing, setEditing] = useState<TargetDraft | null>(null);

  useEffect(() => void store.getState().load(), [store]);

  return (
    <>
      <h1>Targets</h1>
      {editing ? (
        <TargetForm key={editing.id ?? 'new'} initial={editing} store={state} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
      ) : (
        <p><button type="button" className="primary" onClick={() => setEditing(newDraft('webhook'))}>New target</button></p>
      )}
      {state.error ? <p className="notice bad" role="alert">{state.error}</p> : null}
      {state.targets === null ? <p className="muted">Loading…</p> : state.targets.length === 0 ? (
        <p className="muted">No targets yet. A target is a Discord or Slack channel, a Telegram chat, an HTTP endpoint, an e-mail address or this desktop.</p>
      ) : (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Rule</th><th scope="col">Test</th><th scope="col"><span className="skip-link">Actions</span></th></tr></thead>
          <tbody>
            {state.targets.map((t) => {
              const test = state.tests[t.id];
              return (
                <tr key={t.id} data-target-id={t.id}>
                  <td><strong>{t.name}</strong>{t.enabled ? null : <span className="muted"> (disabled)</span>}</td>
                  <td>{KIND_LABELS[t.kind]}</td>
                  <td className="help">{ruleSummary(t)}{t.rule.template ? ' · template' : ''}</td>
                  <td role="status">
                    {!test ? null : 'delivered' in test
                      ? <span className={test.delivered ? 'ok' : 'bad'}>{test.delivered ? 'Delivered' : `Failed: ${test.error?.message ?? ''}`}{test.http_status ? ` (HTTP ${test.http_status})` : ''}, {Math.round(test.duration_ms)} ms</span>
                      : <span className="muted">{test.error}</span>}
                  </td>
                  <td><div className="row">
                    <button type="button" className="small" onClick={() => void store.getState().sendTest(t.id)} aria-label={`Send a test event to ${t.name}`}>Send test</button>
                    <button type="button" className="small" onClick={() => setEditing(fromView(t))} aria-label={`Change ${t.name}`}>Change</button>
                    <button type="button" className="small" onClick={() => nav.getState().go('deliveries', String(t.id))} aria-label={`Deliveries of ${t.name}`}>Deliveries</button>
                    <button type="button" className="small danger" aria-label={`Delete ${t.name}`}
                      onClick={() => window.confirm(`Delete target ${t.name}? Its delivery log goes with it.`) && void store.getState().remove(t.id)}>Delete</button>
                  </div></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
