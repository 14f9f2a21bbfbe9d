// The shell wired to a real runtime (demo network, SQLite file, API on 127.0.0.1) with Electron
// faked: what the user sees in the tray, the window and notifications, and the quit order.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => import('../../unit/shell/fake-electron'));
// The real one loads the real `electron` package; preferences are held in memory here.
vi.mock('electron-store', () => ({ default: class {} }));

import { engineConfigSchema } from '../../../src/shared/config';
import { createLogger } from '../../../src/main/engine/log/logger';
import { openRuntime, type Runtime } from '../../../src/main/engine/runtime';
import { ContractNames } from '../../../src/main/shell/contract-names';
import { startDesktop, type Desktop } from '../../../src/main/shell/desktop';
import { DesktopNotificationRelay } from '../../../src/main/shell/desktop-relay';
import { targetInputSchema, type TargetInput } from '../../../src/shared/targets';
import { systemClock } from '../../../src/main/engine/clock';
import { demoContractIds } from '../../../src/main/engine/stellar/demo/contracts';
import { TargetAdmin } from '../../../src/main/engine/dispatch/target-admin';
import { createNodeSecretBox, keyFileFor } from '../../../src/main/engine/secrets/key-source';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { PreferencesStore } from '../../../src/main/shell/preferences';
import { isAppUrl } from '../../../src/main/shell/renderer-protocol';
import { app, BrowserWindow, clipboard, ipcMain, Notification, resetFakes, Tray } from '../../unit/shell/fake-electron';

const fromApp = { senderFrame: { url: 'app://notifychain/index.html', parent: null } };
const log = createLogger('silent');

let runtime: Runtime;
let desktop: Desktop;
let quit: Mock<() => void>;

function memoryPreferences(values: Record<string, unknown> = {}): PreferencesStore {
  const data = new Map(Object.entries(values));
  return new PreferencesStore({ get: (k) => data.get(k), set: (k, v) => void data.set(k, v) });
}

async function start(prefs: Record<string, unknown> = {}, desktopNotifications?: DesktopNotificationRelay, target?: TargetInput) {
  const dir = mkdtempSync(join(tmpdir(), 'notifychain-desktop-'));
  if (target) {
    // Made before the engine starts, so it decides about every event from the first one.
    const db = join(dir, 'notifychain.db');
    const setup = new SqliteStore(db);
    const box = createNodeSecretBox({ env: {}, keyFile: keyFileFor(db) });
    await new TargetAdmin({ store: setup.dispatch, box, clock: systemClock, changed: async () => {} }).create(target);
    await setup.close();
  }
  const config = engineConfigSchema.parse({ network: 'demo', port: 0, logLevel: 'silent', pollIntervalMs: 500, demo: { ledgerIntervalMs: 300, historyLedgers: 5 } });
  runtime = await openRuntime(config, {
    log,
    defaultDatabasePath: join(dir, 'notifychain.db'),
    ...(desktopNotifications ? { dispatch: { notifyDesktop: desktopNotifications.send } } : {}),
  });
  quit = vi.fn<() => void>();
  desktop = startDesktop({
    runtime,
    preferences: memoryPreferences(prefs),
    names: new ContractNames(new Map(runtime.demo!.contracts.map((id, i) => [id, ['AutoShare', 'Notifications', 'TaskBounty'][i]!]))),
    log,
    resourcesDir: '/app/resources',
    preload: '/app/out/preload/index.cjs',
    rendererUrl: 'app://notifychain/index.html',
    isAppUrl: (url) => isAppUrl(url, undefined),
    getApiToken: () => 'token-abc',
    startHidden: false,
    quit,
    desktopNotifications,
  });
  const window = BrowserWindow.instances[0]!;
  window.webContents.emit('did-finish-load');
  return { window, tray: Tray.instances[0]! };
}

/** The real relay, recording what the dispatcher hands it and what the shell had shown by then. */
function spyingRelay() {
  const relay = new DesktopNotificationRelay();
  const seen = { received: [] as string[], shownBefore: Number.POSITIVE_INFINITY };
  const connect = relay.connect.bind(relay);
  relay.connect = (handler) =>
    connect(async (notification) => {
      if (seen.received.length === 0) seen.shownBefore = Notification.shown.length;
      seen.received.push(notification.eventId);
      await handler(notification);
    });
  return Object.assign(relay, { seen });
}

/** The event a shown notification opens when clicked. */
function clickedEventId(index: number): string {
  const window = BrowserWindow.instances[0]!;
  Notification.shown[index]!.emit('click');
  return (window.webContents.sent.at(-1) as { payload: { eventId: string } }).payload.eventId;
}

const menuItem = (tray: Tray, label: string) => tray.menu!.template.find((i: { label?: string }) => i.label === label);
const invoke = (channel: string, request?: unknown) => ipcMain.handlers.get(channel)!(fromApp, request);

describe('the desktop app on a running engine', () => {
  beforeEach(() => resetFakes());
  afterEach(async () => {
    await desktop?.shutdown();
  });

  it('events the engine stores show in the tray, reach the window and raise a notification', async () => {
    const { window, tray } = await start({ minNotificationPriority: 'any' });
    await vi.waitFor(() => expect(Notification.shown.length).toBeGreaterThan(0), { timeout: 10_000, interval: 100 });
    expect(Notification.shown[0]!.options.title).toMatch(/ from (AutoShare|Notifications|TaskBounty|\d contracts)$|· (AutoShare|Notifications|TaskBounty)$/);
    expect(tray.tooltip).toMatch(/^NotifyChain: \d+ new events?\n/);
    expect(tray.tooltip).not.toContain('Last event: none yet');
    expect(menuItem(tray, 'Recent events')).toBeDefined();
    expect(window.webContents.sent.some((s) => s.channel === 'engine:events-stored')).toBe(true);
    expect(window.webContents.sent.some((s) => s.channel === 'engine:status')).toBe(true);
  });

  it('with a desktop target made before start, only the events its rule selects raise a notification', async () => {
    const relay = spyingRelay();
    const taskBounty = demoContractIds(2026).taskbounty;
    await start({ minNotificationPriority: 'any' }, relay, targetInputSchema.parse({ name: 'desk', kind: 'desktop', rule: { contracts: [taskBounty] } }));
    // The positive signal: the rule let a TaskBounty event through the relay and it was shown.
    await vi.waitFor(() => expect(Notification.shown.length).toBeGreaterThan(0), { timeout: 15_000, interval: 50 });
    const shownEventId = clickedEventId(0);
    expect(relay.seen.received).toContain(shownEventId);
    expect(Notification.shown[0]!.options.title).toMatch(/(· TaskBounty| from TaskBounty)$/);
    // Other contracts' events were stored before it, so the rule (not a quiet chain) kept them out.
    const stored = (runtime.store as SqliteStore).db.prepare('SELECT event_id, contract_id FROM events ORDER BY rowid').all() as { event_id: string; contract_id: string }[];
    const upTo = stored.slice(0, stored.findIndex((e) => e.event_id === shownEventId));
    expect(upTo.some((e) => e.contract_id !== taskBounty)).toBe(true);
    for (const id of relay.seen.received) expect((await runtime.store.getEvent(id))?.contract_id).toBe(taskBounty);
  });

  it('a desktop target created while running takes over: what it selects reaches the native notifier', async () => {
    const relay = spyingRelay();
    const { window } = await start({ minNotificationPriority: 'any' }, relay);
    await runtime.engine.dispatcher.targets.create(targetInputSchema.parse({ name: 'desk', kind: 'desktop', rule: { min_priority: 'critical' } }));
    // Critical notifications have no cooldown, so the relayed event shows within the burst window.
    await vi.waitFor(() => {
      const fromRelay = Notification.shown.findIndex((n, i) => i >= relay.seen.shownBefore && n.options.urgency === 'critical');
      expect(fromRelay).toBeGreaterThanOrEqual(0);
      expect(relay.seen.received).toContain(clickedEventId(fromRelay));
    }, { timeout: 20_000, interval: 50 });
    for (const id of relay.seen.received) expect((await runtime.store.getEvent(id))?.priority).toBe('critical');
    expect(window.visible).toBe(true);
  });

  it('clicking a notification opens the window on that event', async () => {
    const { window } = await start({ minNotificationPriority: 'any' });
    await vi.waitFor(() => expect(Notification.shown.length).toBeGreaterThan(0), { timeout: 10_000, interval: 100 });
    window.hide();
    Notification.shown[0]!.emit('click');
    expect(window.visible).toBe(true);
    expect(window.webContents.sent.at(-1)).toMatchObject({ channel: 'window:show-event', payload: { eventId: expect.stringMatching(/^\d{19}-\d{10}$/) } });
  });

  it('pause in the tray menu stops watching, and resume starts it again', async () => {
    const { tray } = await start();
    menuItem(tray, 'Pause watching').click();
    expect(runtime.engine.subscriber.status.state).toBe('paused');
    expect(tray.image).toEqual({ path: '/app/resources/tray/paused.png' });
    menuItem(tray, 'Resume watching').click();
    expect(runtime.engine.subscriber.status.state).not.toBe('paused');
  });

  it('do not disturb set from the dashboard mutes the tray and tells the window', async () => {
    const { window, tray } = await start();
    const answer = await invoke('dnd:set', { mode: 'one-hour' });
    expect(answer).toMatchObject({ ok: true, value: { until: expect.any(Number) } });
    const dnd = tray.menu!.template.find((i: { label?: string }) => i.label?.startsWith('Do not disturb'));
    expect(dnd.label).toMatch(/^Do not disturb \(until \d\d:\d\d\)$/);
    expect(window.webContents.sent.find((s) => s.channel === 'prefs:changed')?.payload).toMatchObject({ doNotDisturbUntil: expect.any(Number) });
  });

  it('the dashboard\'s REST calls reach the real local API', async () => {
    await start();
    const answer = await invoke('api:request', { method: 'GET', path: '/health' });
    expect(answer).toMatchObject({ ok: true, value: { status: 200, body: { network: { name: 'demo' } } } });
  });

  it('copy API address puts the URL on the clipboard', async () => {
    const { tray } = await start();
    menuItem(tray, 'Copy API address').click();
    menuItem(tray, 'Copy API token').click();
    expect(clipboard.writeText.mock.calls).toEqual([[runtime.api.url], ['token-abc']]);
  });

  it('quitting stops IPC, closes the window and tray, closes API → engine → store, then quits', async () => {
    const { window, tray } = await start();
    const order: string[] = [];
    const removeHandler = ipcMain.removeHandler.bind(ipcMain);
    vi.spyOn(ipcMain, 'removeHandler').mockImplementation((channel) => {
      if (!order.includes('ipc')) order.push('ipc');
      removeHandler(channel);
    });
    const destroyWindow = window.destroy.bind(window);
    vi.spyOn(window, 'destroy').mockImplementation(() => (order.push('window'), destroyWindow()));
    const destroyTray = tray.destroy.bind(tray);
    vi.spyOn(tray, 'destroy').mockImplementation(() => (order.push('tray'), destroyTray()));
    for (const [name, target, method] of [['api', runtime.api, 'close'], ['engine', runtime.engine, 'stop'], ['store', runtime.store, 'close']] as const) {
      const original = (target as any)[method].bind(target);
      vi.spyOn(target as any, method).mockImplementation(async () => {
        order.push(name);
        return original();
      });
    }
    quit.mockImplementation(() => void order.push('quit'));
    const url = runtime.api.url;

    await desktop.shutdown();
    expect(order).toEqual(['ipc', 'tray', 'window', 'api', 'engine', 'store', 'quit']);
    expect(ipcMain.handlers.size).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(app.quit).not.toHaveBeenCalled(); // the entry's quit, handed in, is what quits
  });

  it('closing the window while running only hides it: the engine keeps watching', async () => {
    const { window } = await start();
    window.show();
    expect(window.userClose()).toBe(false);
    expect(runtime.engine.subscriber.status.state).not.toBe('stopped');
  });
});
