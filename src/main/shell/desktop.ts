// Wires a running engine to the desktop: window, tray, notifications, IPC and preferences, and
// returns the one way to take it all down again in order. The Electron entry (src/main/index.ts)
// calls this once the app is ready and the runtime is open.
import { join } from 'node:path';
import { app, clipboard, ipcMain, Notification, shell } from 'electron';
import type { DndMode, Preferences } from '../../shared/ipc';
import type { StoredEvent } from '../../shared/model';
import type { Logger } from '../engine/log/logger';
import type { Runtime } from '../engine/runtime';
import type { SubscriberStatus } from '../engine/ingest/subscriber';
import { createApiForwarder } from './api-forwarder';
import type { DesktopNotificationRelay } from './desktop-relay';
import type { ContractNames } from './contract-names';
import { dndUntil } from './dnd';
import { registerIpcHandlers } from './ipc-handlers';
import { setLaunchAtLogin } from './launch-at-login';
import { MainWindow } from './main-window';
import { Notifier } from './notifications';
import type { PreferencesStore } from './preferences';
import { createShutdown } from './shutdown';
import { TrayController } from './tray';
import type { TrayView } from './tray-state';

export interface DesktopOptions {
  runtime: Runtime;
  preferences: PreferencesStore;
  names: ContractNames;
  log: Logger;
  resourcesDir: string;
  preload: string;
  rendererUrl: string;
  isAppUrl(url: string): boolean;
  getApiToken(): string | null;
  startHidden: boolean;
  /** The last shutdown step: really quit (the entry lets the next before-quit through). */
  quit(): void;
  /** Notifications from the engine's desktop targets (the runtime was given its `send`). */
  desktopNotifications?: DesktopNotificationRelay;
}

/** What the user would see, for the Playwright smoke test and for debugging. */
export interface DesktopSnapshot {
  tray: TrayView | null;
  windowVisible: boolean;
}

export interface Desktop {
  showWindow(): void;
  snapshot(): DesktopSnapshot;
  /** Stop IPC → close windows and tray → runtime.close() → app.quit(); once. */
  shutdown(): Promise<void>;
}

export function startDesktop(opts: DesktopOptions): Desktop {
  const { runtime, preferences, names, log } = opts;
  let quitting = false;

  const window = new MainWindow({
    preload: opts.preload,
    url: opts.rendererUrl,
    icon: join(opts.resourcesDir, 'icon.png'),
    windowState: { get: () => preferences.getWindowState(), set: (state) => preferences.setWindowState(state) },
    isQuitting: () => quitting,
    startHidden: opts.startHidden,
    onSeen: () => tray.dispatch({ type: 'seen' }),
  });

  const setDoNotDisturb = (mode: DndMode) => preferences.update({ doNotDisturbUntil: dndUntil(mode, Date.now()) }).doNotDisturbUntil;
  const setPaused = (paused: boolean) => {
    runtime.engine.subscriber.pause(paused);
    tray.dispatch({ type: 'paused', paused });
  };

  const tray = new TrayController({
    resourcesDir: opts.resourcesDir,
    menuExtras: () => ({ launchAtLogin: preferences.get().launchAtLogin, apiUrl: runtime.api.url, hasApiToken: opts.getApiToken() !== null }),
    actions: {
      openDashboard: () => window.show(),
      openEvent: (eventId) => window.showEvent(eventId),
      setPaused,
      setDoNotDisturb: (mode) => void setDoNotDisturb(mode),
      setLaunchAtLogin: (enabled) => void preferences.update({ launchAtLogin: enabled }),
      copyApiAddress: () => clipboard.writeText(runtime.api.url),
      copyApiToken: () => {
        const token = opts.getApiToken();
        if (token) clipboard.writeText(token);
      },
      quit: () => app.quit(),
    },
  });
  tray.dispatch({ type: 'status', status: { ...runtime.engine.subscriber.status } });
  tray.dispatch({ type: 'dnd', until: preferences.get().doNotDisturbUntil });

  const notifier = new Notifier({
    Notification,
    preferences: () => preferences.get(),
    contractName: (id) => names.name(id),
    onClick: (eventId) => window.showEvent(eventId),
    icon: join(opts.resourcesDir, 'icon.png'),
  });

  // With a desktop target, its rules decide what notifies (through the relay); with none, every
  // stored event at or above the preferred minimum priority does, so a new user is told at once.
  let ruledByTargets = false;
  let targetsVersion: string | null = null;
  const refreshTargetMode = async () => {
    const version = await runtime.store.dispatch.targetsVersion();
    if (version === targetsVersion) return;
    targetsVersion = version;
    ruledByTargets = (await runtime.store.dispatch.listTargets()).some((t) => t.kind === 'desktop' && t.enabled);
  };
  const disconnectRelay = opts.desktopNotifications?.connect(async ({ eventId }) => {
    const event = await runtime.store.getEvent(eventId);
    if (event) notifier.handle([event]);
  });

  const onStored = (events: StoredEvent[]) => {
    void refreshTargetMode()
      .catch((error) => log.warn('could not read the desktop targets', { error }))
      .then(() => {
        if (!ruledByTargets || !opts.desktopNotifications) notifier.handle(events);
      });
    tray.dispatch({
      type: 'events-stored',
      events: events.map((e) => ({ id: e.id, eventType: e.event_type, contractName: names.name(e.contract_id), at: Date.parse(e.stored_at) || Date.now() })),
    });
    if (window.window.isFocused()) tray.dispatch({ type: 'seen' });
    window.send('engine:events-stored', events);
  };
  const onStatus = (status: SubscriberStatus) => {
    tray.dispatch({ type: 'status', status: { ...status } });
    window.send('engine:status', status);
  };
  const onContracts = (contracts: { id: string; name: string | null }[]) => names.update(contracts);
  runtime.engine.on('events-stored', onStored);
  runtime.engine.on('status', onStatus);
  runtime.engine.on('contracts-changed', onContracts);

  const stopPrefs = preferences.onChange((prefs: Preferences) => {
    tray.dispatch({ type: 'dnd', until: prefs.doNotDisturbUntil });
    tray.render();
    window.send('prefs:changed', prefs);
  });
  const stopLoginItem = preferences.onChange(applyLaunchAtLogin(log, preferences.get().launchAtLogin));

  const ipc = registerIpcHandlers({
    ipcMain,
    isAppUrl: opts.isAppUrl,
    forwardApi: createApiForwarder({ baseUrl: () => runtime.api.url, getToken: opts.getApiToken }),
    getPreferences: () => preferences.get(),
    setPreferences: (patch) => preferences.update(patch),
    openExternal: (url) => shell.openExternal(url),
    setDoNotDisturb,
    focusEvent: (eventId) => window.showEvent(eventId),
    appInfo: () => ({ version: app.getVersion(), platform: process.platform }),
    log,
  });

  const shutdown = createShutdown({
    log,
    stopIpc: () => ipc.stop(),
    closeWindows: () => {
      quitting = true;
      runtime.engine.off('events-stored', onStored);
      runtime.engine.off('status', onStatus);
      runtime.engine.off('contracts-changed', onContracts);
      stopPrefs();
      stopLoginItem();
      disconnectRelay?.();
      notifier.dispose();
      tray.destroy();
      window.destroy();
    },
    closeRuntime: () => runtime.close(),
    quit: opts.quit,
  });

  return {
    showWindow: () => window.show(),
    snapshot: () => ({ tray: tray.view, windowVisible: !window.window.isDestroyed() && window.window.isVisible() }),
    shutdown,
  };
}

function applyLaunchAtLogin(log: Logger, initial: boolean): (prefs: Preferences) => void {
  let applied = initial;
  return (prefs) => {
    if (prefs.launchAtLogin === applied) return;
    applied = prefs.launchAtLogin;
    try {
      setLaunchAtLogin(prefs.launchAtLogin, { app, platform: process.platform, env: process.env, execPath: process.execPath });
    } catch (error) {
      log.warn('could not change launch at login', { error });
    }
  };
}
