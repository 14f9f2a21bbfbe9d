// Settings: theme, the network the engine watches, this computer's notification settings (app
// only) and the API token.
import { useSlice, useStores } from '../../stores/app-stores';
import type { Theme } from '../../stores/settings-store';
import { DesktopSettings } from './desktop-settings';
import { TokenSettings } from './token-settings';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export default function SettingsPage() {
  const { settings, health } = useStores();
  const theme = useSlice(settings, (s) => s.theme);
  const preferences = useSlice(settings, (s) => s.preferences);
  const report = useSlice(health, (s) => s.health);

  return (
    <>
      <h1>Settings</h1>
      <section className="panel" aria-labelledby="appearance">
        <h2 id="appearance" style={{ marginTop: 0 }}>Appearance</h2>
        <fieldset>
          <legend>Theme</legend>
          <div className="checks">
            {THEMES.map((t) => (
              <label key={t.value}>
                <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => void settings.getState().setTheme(t.value)} /> {t.label}
              </label>
            ))}
          </div>
        </fieldset>
      </section>
      <section className="panel" aria-labelledby="network">
        <h2 id="network" style={{ marginTop: 0 }}>Network</h2>
        {report ? (
          <dl className="pairs">
            <dt>Network</dt><dd>{report.network.name}</dd>
            <dt>Passphrase</dt><dd className="mono">{report.network.passphrase}</dd>
            <dt>Network epoch</dt><dd>{report.network.epoch}</dd>
            <dt>Latest ledger</dt><dd>{report.latest_ledger ?? '—'}</dd>
            <dt>Contracts watched</dt><dd>{report.contracts_watched}</dd>
          </dl>
        ) : <p className="muted">Loading…</p>}
        <p className="help">
          The network, RPC URLs, polling interval and retention are set when the engine starts: <code>--network</code>,{' '}
          <code>--rpc-url</code> (repeat for failover), <code>--poll-interval-ms</code> and <code>RETENTION_DAYS</code>, or the same
          fields in a <code>--config</code> file (in the app: the environment variables <code>STELLAR_NETWORK</code>,{' '}
          <code>STELLAR_RPC_URL</code>, <code>POLLING_INTERVAL_MS</code>, <code>RETENTION_DAYS</code>).
        </p>
      </section>
      {preferences ? <DesktopSettings preferences={preferences} /> : null}
      <TokenSettings />
    </>
  );
}
