import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dndUntil, isDndActive } from '../../../src/main/shell/dnd';
import { autostartFile, setLaunchAtLogin } from '../../../src/main/shell/launch-at-login';

describe('launch at login', () => {
  it('on macOS and Windows the OS login item is set, starting hidden in the tray', () => {
    const app = { setLoginItemSettings: vi.fn() };
    setLaunchAtLogin(true, { app, platform: 'darwin', env: {}, execPath: '/Applications/NotifyChain.app' });
    setLaunchAtLogin(false, { app, platform: 'win32', env: {}, execPath: 'C:\\NotifyChain.exe' });
    expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true, args: ['--hidden'] }], [{ openAtLogin: false, args: ['--hidden'] }]]);
  });

  it('on Linux an autostart entry is written for the AppImage, and removed again', () => {
    const home = mkdtempSync(join(tmpdir(), 'notifychain-home-'));
    const opts = { app: { setLoginItemSettings: vi.fn() }, platform: 'linux' as const, env: { APPIMAGE: '/home/me/Apps/NotifyChain.AppImage' }, execPath: '/tmp/.mount_x/notifychain', home };
    setLaunchAtLogin(true, opts);
    const file = autostartFile(opts.env, home);
    expect(file).toBe(join(home, '.config', 'autostart', 'org.notifychain.app.desktop'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/me/Apps/NotifyChain.AppImage" --hidden');
    setLaunchAtLogin(false, opts);
    expect(existsSync(file)).toBe(false);
    expect(opts.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('do not disturb durations', () => {
  const now = new Date(2026, 10, 25, 22, 30).getTime();
  it('"1 hour" ends an hour from now', () => expect(dndUntil('one-hour', now)).toBe(now + 3_600_000));
  it('"until tomorrow" ends at 08:00 the next morning', () => {
    expect(new Date(dndUntil('until-tomorrow', now)!)).toEqual(new Date(2026, 10, 26, 8, 0));
    expect(new Date(dndUntil('until-tomorrow', new Date(2026, 11, 31, 1, 0).getTime())!)).toEqual(new Date(2027, 0, 1, 8, 0));
  });
  it('"off" ends it', () => {
    expect(dndUntil('off', now)).toBeNull();
    expect(isDndActive(null, now)).toBe(false);
    expect(isDndActive(now + 1, now)).toBe(true);
    expect(isDndActive(now, now)).toBe(false);
  });
});
