import type { AttemptView, DeliveryView } from '../../../../shared/targets';
import { formatTime } from '../../lib/format';

/** One delivery's every attempt: when, how long, the HTTP status and the error. */
export function DeliveryAttempts({ delivery, attempts, onRedeliver, onClose }: { delivery: DeliveryView; attempts: AttemptView[]; onRedeliver(): void; onClose(): void }) {
  return (
    <section className="panel" aria-label={`Delivery ${delivery.id}`}>
      <div className="row">
        <h2 className="grow" style={{ margin: 0 }}>Delivery {delivery.id}</h2>
        <button type="button" onClick={onRedeliver}>Send again</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <dl className="pairs">
        <dt>Event</dt><dd className="mono"><a href={`#/feed/${delivery.event_id}`}>{delivery.event_id}</a></dd>
        <dt>webhook-id</dt><dd className="mono">{delivery.webhook_id}</dd>
        <dt>Status</dt><dd><span className={`badge s-${delivery.status}`}>{delivery.status}</span></dd>
        <dt>Next attempt</dt><dd>{formatTime(delivery.next_attempt_at)}</dd>
        <dt>Delivered</dt><dd>{formatTime(delivery.delivered_at)}</dd>
      </dl>
      <h3>Attempts</h3>
      {attempts.length === 0 ? <p className="muted">No attempt yet.</p> : (
        <table>
          <thead><tr><th scope="col">#</th><th scope="col">Started</th><th scope="col">Took</th><th scope="col">Result</th><th scope="col">Error</th></tr></thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={a.attempt}>
                <td>{a.attempt}</td>
                <td>{formatTime(a.started_at)}</td>
                <td>{Math.round(a.duration_ms)} ms</td>
                <td className={a.ok ? 'ok' : 'bad'}>{a.ok ? 'ok' : 'failed'}{a.http_status ? ` (HTTP ${a.http_status})` : ''}</td>
                <td>{a.error ? <><code>{a.error.code}</code> {a.error.message}</> : null}{a.retry_after_ms ? ` · retry after ${Math.round(a.retry_after_ms / 1000)} s` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
