import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// electron-store is conf plus Electron's data folder; the test gives conf a folder of its own.
const folder = vi.hoisted(() => ({ path: '' }));
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf {
      constructor(options: Record<string, unknown>) {
        const { name, ...rest } = options;
        super({ ...rest, configName: name as string, cwd: folder.path });
      }
    },
  };
});

import { DEFAULT_PREFERENCES } from '../../../src/shared/ipc';
import { openPreferences } from '../../../src/main/shell/preferences';

const file = () => join(folder.path, 'preferences.json');

describe('preferences', () => {
  beforeEach(() => {
    folder.path = mkdtempSync(join(tmpdir(), 'notifychain-prefs-'));
  });

  it('a first launch has the defaults: system theme, no autostart, notifications for high and critical, no do not disturb', () => {
    expect(openPreferences().get()).toEqual({
      theme: 'system',
      launchAtLogin: false,
      notificationsEnabled: true,
      minNotificationPriority: 'high',
      doNotDisturbUntil: null,
      allowCriticalDuringDnd: false,
    });
    expect(openPreferences().getWindowState()).toBeNull();
  });

  it('changes survive a restart, in preferences.json in the data folder', () => {
    openPreferences().update({ theme: 'dark', allowCriticalDuringDnd: true, doNotDisturbUntil: 1_800_000_000_000 });
    openPreferences().setWindowState({ x: 1, y: 2, width: 900, height: 700, maximized: true });
    const again = openPreferences();
    expect(again.get()).toMatchObject({ theme: 'dark', allowCriticalDuringDnd: true, doNotDisturbUntil: 1_800_000_000_000 });
    expect(again.getWindowState()).toEqual({ x: 1, y: 2, width: 900, height: 700, maximized: true });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ theme: 'dark' });
  });

  it('an invalid change is refused and changes nothing', () => {
    const prefs = openPreferences();
    expect(() => prefs.update({ theme: 'neon' as never })).toThrow();
    expect(() => prefs.update({ doNotDisturbUntil: -5 })).toThrow();
    expect(prefs.get()).toEqual(DEFAULT_PREFERENCES);
  });

  it('a hand-edited file with bad values falls back to the defaults for those fields only', () => {
    openPreferences();
    writeFileSync(file(), JSON.stringify({ theme: 'dark', launchAtLogin: 'yes', minNotificationPriority: 'urgent', window: { x: 'left' } }));
    const prefs = openPreferences();
    expect(prefs.get()).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark' });
    expect(prefs.getWindowState()).toBeNull();
  });

  it('a file that is not JSON at all is replaced with the defaults instead of stopping the app', () => {
    openPreferences();
    writeFileSync(file(), '{ this is not json');
    expect(openPreferences().get()).toEqual(DEFAULT_PREFERENCES);
  });

  it('listeners hear about real changes only', () => {
    const prefs = openPreferences();
    const heard: string[] = [];
    const stop = prefs.onChange((p) => heard.push(p.theme));
    prefs.update({ theme: 'light' });
    prefs.update({ theme: 'light' });
    stop();
    prefs.update({ theme: 'dark' });
    expect(heard).toEqual(['light']);
  });
});
