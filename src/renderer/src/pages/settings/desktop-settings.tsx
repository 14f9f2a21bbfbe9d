// The desktop app's own settings (window.notifychain preferences); not shown in the browser.
import { NOTIFY_MIN_PRIORITIES, type Preferences } from '../../../../shared/ipc';
import { formatTime } from '../../lib/format';
import { useStores } from '../../stores/app-stores';

export function DesktopSettings({ preferences }: { preferences: Preferences }) {
  const { settings } = useStores();
  const set = settings.getState().setPreferences;
  const dndUntil = preferences.doNotDisturbUntil;
  const dndOn = dndUntil !== null && dndUntil > Date.now();
  return (
    <section className="panel" aria-labelledby="desktop-settings">
      <h2 id="desktop-settings" style={{ marginTop: 0 }}>This computer</h2>
      <label className="row"><input type="checkbox" checked={preferences.notificationsEnabled} onChange={(e) => void set({ notificationsEnabled: e.target.checked })} /> Show native notifications</label>
      <label className="row">Notify for
        <select value={preferences.minNotificationPriority} onChange={(e) => void set({ minNotificationPriority: e.target.value as Preferences['minNotificationPriority'] })}>
          {NOTIFY_MIN_PRIORITIES.map((p) => <option key={p} value={p}>{p === 'any' ? 'every event' : `${p} priority or higher`}</option>)}
        </select>
      </label>
      <fieldset>
        <legend>Do not disturb</legend>
        <p className="help" role="status">{dndOn ? `On until ${formatTime(new Date(dndUntil).toISOString())}.` : 'Off.'}</p>
        <div className="row">
          <button type="button" onClick={() => void settings.getState().setDoNotDisturb('one-hour')}>For 1 hour</button>
          <button type="button" onClick={() => void settings.getState().setDoNotDisturb('until-tomorrow')}>Until tomorrow 08:00</button>
          <button type="button" onClick={() => void settings.getState().setDoNotDisturb('off')} disabled={!dndOn}>Turn off</button>
        </div>
        <label className="row"><input type="checkbox" checked={preferences.allowCriticalDuringDnd} onChange={(e) => void set({ allowCriticalDuringDnd: e.target.checked })} /> Critical events still notify</label>
      </fieldset>
      <label className="row"><input type="checkbox" checked={preferences.launchAtLogin} onChange={(e) => void set({ launchAtLogin: e.target.checked })} /> Launch at login (starts in the tray)</label>
    </section>
  );
}
