import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { MainWindow } from '../../../src/main/shell/main-window';
import type { WindowState } from '../../../src/main/shell/window-state';
import { BrowserWindow, resetFakes, screen } from './fake-electron';

function open(over: { saved?: WindowState | null; quitting?: () => boolean; startHidden?: boolean } = {}) {
  let saved = over.saved ?? null;
  const onSeen = vi.fn();
  const main = new MainWindow({
    preload: '/app/out/preload/index.cjs',
    url: 'app://notifychain/index.html',
    windowState: { get: () => saved, set: (state) => (saved = state) },
    isQuitting: over.quitting ?? (() => false),
    startHidden: over.startHidden ?? false,
    onSeen,
  });
  const fake = BrowserWindow.instances.at(-1)!;
  return { main, fake, onSeen, saved: () => saved };
}

describe('the dashboard window', () => {
  beforeEach(() => resetFakes());
  afterEach(() => vi.useRealTimers());

  it('is created with the secure preferences, hidden until ready, and loads the app', () => {
    const { fake } = open();
    expect(fake.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, preload: '/app/out/preload/index.cjs' });
    expect(fake.options.show).toBe(false);
    expect(fake.loadedUrls).toEqual(['app://notifychain/index.html']);
    fake.emit('ready-to-show');
    expect(fake.visible).toBe(true);
  });

  it('started at login it stays in the tray until asked', () => {
    const { main, fake } = open({ startHidden: true });
    fake.emit('ready-to-show');
    expect(fake.visible).toBe(false);
    main.show();
    expect(fake.visible && fake.focused).toBe(true);
  });

  it('closing the window hides it to the tray; it really closes only when quitting', () => {
    let quitting = false;
    const { fake } = open({ quitting: () => quitting });
    fake.show();
    expect(fake.userClose()).toBe(false);
    expect(fake.visible).toBe(false);
    quitting = true;
    expect(fake.userClose()).toBe(true);
  });

  it('comes back where it was left, and remembers where it is moved to', () => {
    vi.useFakeTimers();
    const { fake, saved } = open({ saved: { x: 300, y: 200, width: 1000, height: 700, maximized: false } });
    expect(fake.options).toMatchObject({ x: 300, y: 200, width: 1000, height: 700 });
    fake.bounds = { x: 50, y: 60, width: 900, height: 650 };
    fake.emit('move');
    fake.emit('resize');
    vi.advanceTimersByTime(1_000);
    expect(saved()).toEqual({ x: 50, y: 60, width: 900, height: 650, maximized: false });
  });

  it('a window last seen on a monitor that is gone opens on the remaining one', () => {
    screen.getAllDisplays.mockReturnValueOnce([{ workArea: { x: 0, y: 0, width: 1440, height: 900 } }]);
    const { fake } = open({ saved: { x: 2500, y: 100, width: 1000, height: 700, maximized: true } });
    expect(fake.options.x).toBeUndefined();
    expect(fake.options).toMatchObject({ width: 1000, height: 700 });
    expect(fake.maximized).toBe(true);
  });

  it('quitting saves the bounds before the window goes', () => {
    const { main, fake, saved } = open();
    fake.bounds = { x: 10, y: 20, width: 800, height: 600 };
    main.destroy();
    expect(saved()).toEqual({ x: 10, y: 20, width: 800, height: 600, maximized: false });
    expect(fake.destroyed).toBe(true);
  });

  it('"show this event" brings the window forward and tells the dashboard, even before it has loaded', () => {
    const { main, fake } = open();
    main.showEvent('0000004294967296000-0000000001');
    expect(fake.visible).toBe(true);
    expect(fake.webContents.sent).toEqual([]);
    fake.webContents.emit('did-finish-load');
    expect(fake.webContents.sent).toEqual([{ channel: 'window:show-event', payload: { eventId: '0000004294967296000-0000000001' } }]);
    main.showEvent('0000004294967296000-0000000002');
    expect(fake.webContents.sent).toHaveLength(2);
  });

  it('a restored minimised window is un-minimised, and focusing it counts as seen', () => {
    const { main, fake, onSeen } = open();
    fake.minimized = true;
    main.show();
    expect(fake.minimized).toBe(false);
    expect(onSeen).toHaveBeenCalled();
  });

  it('pushed events wait for the page and are dropped once the window is gone', () => {
    const { main, fake } = open();
    main.send('engine:status', { state: 'live', latestLedger: 1, cursorLedger: 1, lastPollAt: null, lastSuccessAt: null, lastError: null });
    fake.webContents.emit('did-finish-load');
    main.send('prefs:changed', { theme: 'dark', launchAtLogin: false, notificationsEnabled: true, minNotificationPriority: 'high', doNotDisturbUntil: null, allowCriticalDuringDnd: false });
    main.destroy();
    main.send('engine:events-stored', []);
    expect(fake.webContents.sent.map((s) => s.channel)).toEqual(['prefs:changed']);
  });
});
