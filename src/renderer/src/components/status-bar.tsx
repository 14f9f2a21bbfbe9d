import { useSlice, useStores } from '../stores/app-stores';
import { formatCount, formatTime } from '../lib/format';

const LIVE_WORDS = { live: 'live', connecting: 'connecting…', offline: 'offline' } as const;

/** Where the engine is: network, ledgers, lag, gaps, the live stream. */
export function StatusBar() {
  const { health, feed } = useStores();
  const report = useSlice(health, (s) => s.health);
  const reachable = useSlice(health, (s) => s.reachable);
  const liveState = useSlice(feed, (s) => s.liveState);
  if (!reachable) return <div className="statusbar" role="status"><strong className="bad">The engine cannot be reached.</strong> Retrying…</div>;
  if (!report) return <div className="statusbar" role="status">Connecting…</div>;
  const statusClass = report.status === 'ok' ? 'ok' : report.status === 'degraded' ? 'warn' : 'bad';
  return (
    <div className="statusbar" role="status" aria-live="polite">
      <span>Network <strong>{report.network.name}</strong>{report.network.epoch > 0 ? ` (epoch ${report.network.epoch})` : ''}</span>
      <span>Engine <strong className={statusClass}>{report.status}</strong>{report.reason ? ` — ${report.reason}` : ''}</span>
      <span>Ledger <strong>{report.cursor_ledger ?? '—'}</strong> of {report.latest_ledger ?? '—'}</span>
      <span>Lag <strong>{report.lag_ledgers ?? '—'}</strong> ledgers</span>
      <span><strong>{formatCount(report.events_stored)}</strong> events</span>
      {report.gaps.length > 0 ? <span className="warn">{report.gaps.length} gap{report.gaps.length === 1 ? '' : 's'} in history</span> : null}
      {report.last_reset ? <span className="warn">Network reset {formatTime(report.last_reset.detected_at)}</span> : null}
      <span>Stream <strong className={liveState === 'live' ? 'ok' : 'warn'}>{LIVE_WORDS[liveState]}</strong></span>
    </div>
  );
}
