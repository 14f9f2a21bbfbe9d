// The delivery log: every event's delivery to every target, its attempts, and sending failed
// ones again, one or all of a target's.
import '../../lib/zod-jitless';
import { useEffect, useState } from 'react';
import { DELIVERY_STATUSES, type DeliveryStatus, type TargetView } from '../../../../shared/targets';
import { formatTime } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { DeliveryAttempts } from './delivery-attempts';

const REFRESH_EVERY_MS = 5_000;

export default function DeliveriesPage() {
  const { deliveries, transport, nav } = useStores();
  const s = useSlice(deliveries, (state) => state);
  const param = useSlice(nav, (n) => n.param);
  const [targets, setTargets] = useState<TargetView[]>([]);

  useEffect(() => {
    void transport.request<{ targets: TargetView[] }>('GET', '/api/targets').then((a) => a.ok && setTargets(a.body.targets));
    const targetId = param && /^\d+$/.test(param) ? Number(param) : null;
    void deliveries.getState().setFilter({ targetId });
    const timer = setInterval(() => void deliveries.getState().refresh(), REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [deliveries, transport, param]);

  const targetName = (id: number) => targets.find((t) => t.id === id)?.name ?? `target ${id}`;
  const { filter } = s;

  return (
    <>
      <h1>Deliveries</h1>
      <div className="row" role="group" aria-label="Filters">
        <select aria-label="Target" value={filter.targetId ?? ''} onChange={(e) => void s.setFilter({ targetId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">All targets</option>
          {targets.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
        <select aria-label="Status" value={filter.status ?? ''} onChange={(e) => void s.setFilter({ status: (e.target.value || null) as DeliveryStatus | null })}>
          <option value="">Any status</option>
          {DELIVERY_STATUSES.map((st) => <option key={st} value={st}>{st}</option>)}
        </select>
        <input aria-label="Event id" placeholder="Event id" className="mono" value={filter.eventId} onChange={(e) => void s.setFilter({ eventId: e.target.value })} />
        <button type="button" onClick={() => void s.refresh()}>Refresh</button>
        {filter.targetId !== null ? (
          <button type="button" className="primary" onClick={() => void s.redeliverTarget(filter.targetId!)}>Send all failed again</button>
        ) : null}
      </div>
      {s.notice ? <p className="notice" role="status">{s.notice}</p> : null}
      {s.error ? <p className="notice bad" role="alert">{s.error}</p> : null}
      {s.open ? (
        <DeliveryAttempts delivery={s.open.delivery} attempts={s.open.attempts} onRedeliver={() => void s.redeliver(s.open!.delivery.id)} onClose={() => void s.openDelivery(null)} />
      ) : null}
      {s.deliveries.length === 0 ? <p className="muted">{s.loading ? 'Loading…' : 'No deliveries match.'}</p> : (
        <table>
          <thead><tr><th scope="col">Id</th><th scope="col">Target</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Created</th><th scope="col"><span className="skip-link">Actions</span></th></tr></thead>
          <tbody>
            {s.deliveries.map((d) => (
              <tr key={d.id} data-delivery-id={d.id} data-status={d.status} className={s.open?.delivery.id === d.id ? "open" : undefined}>
                <td><button type="button" className="small" onClick={() => void s.openDelivery(d.id)} aria-label={`Attempts of delivery ${d.id}`}>{d.id}</button></td>
                <td>{targetName(d.target_id)}</td>
                <td className="mono">{d.event_id}</td>
                <td><span className={`badge s-${d.status}`}>{d.status}</span></td>
                <td>{d.attempts}</td>
                <td>{d.last_error ? `${d.last_error.code}${d.last_error.http_status ? ` (HTTP ${d.last_error.http_status})` : ''}` : ''}</td>
                <td>{formatTime(d.created_at)}</td>
                <td>{d.status === 'failed' || d.status === 'dead' ? (
                  <button type="button" className="small" onClick={() => void s.redeliver(d.id)} aria-label={`Send delivery ${d.id} again`}>Send again</button>
                ) : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.nextBefore !== null ? <p><button type="button" onClick={() => void s.loadMore()}>Older deliveries</button></p> : null}
    </>
  );
}
