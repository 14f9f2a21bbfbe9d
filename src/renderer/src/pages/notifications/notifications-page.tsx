// Scheduled notifications by state, and local reminders. An engine without the notifications
// list route shows what will appear here instead of an error.
import '../../lib/zod-jitless';
import { useEffect, useState, type FormEvent } from 'react';
import { EmptyState } from '../../components/empty-state';
import { Field } from '../../components/field';
import { formatTime, shortId, toLocalInput } from '../../lib/format';
import { NOTIFICATION_STATES } from '../../../../shared/api/notifications';
import { useLazyStore, useSlice, useStores } from '../../stores/app-stores';
import { contractName } from '../../stores/health-store';
import { createNotificationsStore, type NotificationsState } from '../../stores/notifications-store';
import type { StoreApi } from 'zustand';

function ReminderForm({ notifications }: { notifications: StoreApi<NotificationsState> }) {
  const [message, setMessage] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(Date.now() + 3_600_000));
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = await notifications.getState().addReminder({ message, when, targetIds: [] });
    setError(problem);
    if (!problem) setMessage('');
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New reminder">
      <h2 style={{ marginTop: 0 }}>Remind me</h2>
      <Field label="Message">{(a11y) => <input {...a11y} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="Rotate the treasury key" />}</Field>
      <Field label="When">{(a11y) => <input {...a11y} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />}</Field>
      <button type="submit" className="primary">Schedule reminder</button>
      {error ? <p className="error-text" role="alert">{error}</p> : null}
    </form>
  );
}

export default function NotificationsPage() {
  const { transport, health } = useStores();
  const contracts = useSlice(health, (h) => h.contracts);
  const notifications = useLazyStore('notifications', () => createNotificationsStore(transport));
  const s = useSlice(notifications, (state) => state);

  useEffect(() => void notifications.getState().refresh(), [notifications]);

  if (!s.available) {
    return (
      <>
        <h1>Notifications</h1>
        <EmptyState title="No scheduled notifications to show yet">
          <p>
            Notifications scheduled by the notification contract (scheduled, due, expired, revoked) and your own local reminders
            will be listed here once this engine's scheduler serves them.
          </p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <h1>Notifications</h1>
      <div className="tabs" role="group" aria-label="State">
        <button type="button" aria-pressed={s.state === null} onClick={() => void s.setState(null)}>All</button>
        {NOTIFICATION_STATES.map((st) => (
          <button key={st} type="button" aria-pressed={s.state === st} onClick={() => void s.setState(st)}>{st}</button>
        ))}
      </div>
      {s.error ? <p className="notice bad" role="alert">{s.error}</p> : null}
      <ReminderForm notifications={notifications} />
      {s.rows.length === 0 ? <EmptyState title={s.loading ? 'Loading…' : 'Nothing here'} /> : (
        <table>
          <thead><tr><th scope="col">Id</th><th scope="col">State</th><th scope="col">From</th><th scope="col">Created by</th><th scope="col">Scheduled for</th><th scope="col">Expires</th><th scope="col">Revoked</th><th scope="col"><span className="skip-link">Actions</span></th></tr></thead>
          <tbody>
            {s.rows.map((n) => {
              const state = n.state;
              return (
                <tr key={n.id}>
                  <td><span className="mono" title={n.id}>{n.id.length > 16 ? `${n.id.slice(0, 12)}…` : n.id}</span>{n.message ? <div className="help">{n.message}</div> : null}</td>
                  <td>{state}</td>
                  <td>{n.local ? 'your reminder' : n.contract_id ? (contractName(contracts, n.contract_id) ?? shortId(n.contract_id)) : '—'}</td>
                  <td className="mono">{n.creator ? shortId(n.creator) : '—'}</td>
                  <td>{formatTime(n.scheduled_for)}</td>
                  <td>{formatTime(n.expires_at)}</td>
                  <td>{n.revoked_at ? `${formatTime(n.revoked_at)} by ${n.revoked_by ? shortId(n.revoked_by) : '?'}` : '—'}</td>
                  <td>{n.local && state === 'scheduled' ? <button type="button" className="small danger" onClick={() => void s.revoke(n.id)}>Cancel</button> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {s.nextCursor ? <p><button type="button" onClick={() => void s.loadMore()}>Older notifications</button></p> : null}
    </>
  );
}
