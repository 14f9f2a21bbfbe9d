// Watched contracts: add one, see per contract its events, whether its spec was found and a
// backfill's progress, change its event types, or stop watching it.
import '../../lib/zod-jitless';
import { useEffect, useState } from 'react';
import type { ContractStats } from '../../../../main/engine/api/routes/stats';
import { formatCount, formatDuration, formatTime } from '../../lib/format';
import { useLazyStore, useSlice, useStores } from '../../stores/app-stores';
import { createContractsStore } from '../../stores/contracts-store';
import { contractName } from '../../stores/health-store';
import { ContractForm } from './contract-form';

const SPEC_WORDS = { found: 'spec found: fields are named', none: 'no spec: fields named by position', pending: 'spec not looked up yet' };

function Backfill({ stats }: { stats: ContractStats }) {
  const b = stats.backfill;
  if (!b) return null;
  const percent = Math.round((b.ledgers_done / Math.max(1, b.ledgers_total)) * 100);
  return (
    <div>
      <div className="progress" role="progressbar" aria-label={`Backfill of ${stats.id}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${percent}%` }} />
      </div>
      <div className="help">
        {b.status === 'done' ? 'Backfill done' : b.status === 'failed' ? <span className="bad">Backfill failed: {b.error}</span> : `Backfill ${percent}%`}
        {' · '}{formatCount(b.ledgers_done)} of {formatCount(b.ledgers_total)} ledgers ({b.from_ledger}–{b.to_ledger}) · {formatCount(b.events)} events
        {b.status === 'running' ? ` · ${formatDuration(b.eta_seconds)} left` : ''}
      </div>
    </div>
  );
}

export default function ContractsPage() {
  const { health, transport } = useStores();
  const store = useLazyStore('contracts', () => createContractsStore(transport, () => void health.getState().refreshContracts()));
  const contracts = useSlice(health, (s) => s.contracts);
  const { stats, busy, error, save, remove } = useSlice(store, (s) => s);
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    store.getState().start();
    return () => store.getState().stop();
  }, [store]);

  return (
    <>
      <h1>Contracts</h1>
      <section className="panel" aria-labelledby="add-contract">
        <h2 id="add-contract" style={{ marginTop: 0 }}>Add a contract</h2>
        <ContractForm save={save} busy={busy} />
      </section>
      <section className="panel" aria-labelledby="watched">
        <h2 id="watched" style={{ marginTop: 0 }}>Watched</h2>
        {error ? <p className="error-text" role="alert">{error}</p> : null}
        {contracts === null ? <p className="muted">Loading…</p> : contracts.length === 0 ? <p className="muted">No contracts are watched.</p> : (
          <table>
            <thead><tr><th scope="col">Contract</th><th scope="col">Event types</th><th scope="col">Events</th><th scope="col">Spec and backfill</th><th scope="col"><span className="skip-link">Actions</span></th></tr></thead>
            <tbody>
              {contracts.map((c) => {
                const s = stats[c.id];
                const label = contractName(contracts, c.id) ?? c.id;
                return (
                  <tr key={c.id} data-contract-id={c.id}>
                    <td><strong>{contractName(contracts, c.id) ?? 'unnamed'}</strong><div className="mono help">{c.id}</div><div className="help">added {formatTime(c.added_at)}</div></td>
                    <td>{c.event_types.length ? c.event_types.join(', ') : <span className="muted">all</span>}</td>
                    <td>{s ? formatCount(s.events) : '…'}<div className="help">{s?.last_event_at ? `last ${formatTime(s.last_event_at)}` : ''}</div></td>
                    <td>{s ? <><div>{SPEC_WORDS[s.spec]}</div><Backfill stats={s} /></> : '…'}
                      {editing === c.id ? (
                        <ContractForm editing busy={busy} save={save} onDone={() => setEditing(null)}
                          initial={{ id: c.id, name: c.name ?? '', eventTypes: c.event_types.join(', '), startLedger: '' }} />
                      ) : null}
                    </td>
                    <td><div className="row">
                      <button type="button" className="small" onClick={() => setEditing(editing === c.id ? null : c.id)} aria-label={`Change ${label}`}>
                        {editing === c.id ? 'Cancel' : 'Change'}
                      </button>
                      <button type="button" className="small danger" aria-label={`Stop watching ${label}`}
                        onClick={() => window.confirm(`Stop watching ${label}? Its stored events stay.`) && void remove(c.id)}>
                        Remove
                      </button>
                    </div></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
