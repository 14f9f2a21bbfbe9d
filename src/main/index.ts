// Electron entry: one instance, the engine on a SQLite file in the app's data folder with its
// local API, then the desktop shell (window, tray, notifications, IPC). Kept to the app's
// lifecycle: what the app does lives in the engine (src/main/engine) and the shell.
import { join, sep } from 'node:path';
import { app, dialog, protocol, safeStorage, session, shell } from 'electron';
import { loadConfig } from './engine/config/load-config';
import { createLogger, type Logger } from './engine/log/logger';
import { openRuntime, type Runtime } from './engine/runtime';
import { createNodeSecretBox, keyFileFor } from './engine/secrets/key-source';
import { createDesktopSecretBox } from './shell/secrets';
import { DesktopNotificationRelay } from './shell/desktop-relay';
import { demoContractIds } from './engine/stellar/demo/contracts';
import { ContractNames } from './shell/contract-names';
import { startDesktop, type Desktop } from './shell/desktop';
import { HIDDEN_FLAG } from './shell/launch-at-login';
import { openPreferences } from './shell/preferences';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl, rendererEntryUrl, serveRendererRequest } from './shell/renderer-protocol';
import { registerSecurity } from './shell/security';
import { claimSingleInstance } from './shell/single-instance';

// The dev server is trusted only when running from source, never in a packaged app.
const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
const isAppPage = (url: string) => isAppUrl(url, devServerUrl);

let desktop: Desktop | null = null;
let starting: Promise<void> | null = null;
let showWhenReady = false;
let finished = false;

// Before anything reads it (the single-instance lock lives there too): the same folder from a
// source checkout as from an installer, whose package.json carries the product name.
app.setPath('userData', join(app.getPath('appData'), 'NotifyChain'));
// Must happen before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (claimSingleInstance(app, () => (desktop ? desktop.showWindow() : (showWhenReady = true)))) {
  // The app lives in the tray: no window open is not a reason to quit.
  app.on('window-all-closed', () => {});
  app.on('activate', () => desktop?.showWindow());
  app.on('before-quit', (event) => {
    if (finished || !starting) return;
    event.preventDefault();
    void starting.finally(() => (desktop ? desktop.shutdown() : quitNow()));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  starting = app.whenReady().then(start);
}

async function start(): Promise<void> {
  let log: Logger = createLogger('info');
  let runtime: Runtime | null = null;
  try {
    const config = loadConfig({ env: process.env });
    log = createLogger(config.logLevel);
    if (process.platform === 'win32') app.setAppUserModelId('org.notifychain.app');
    // Packaged, resources/ is unpacked next to app.asar so the OS can read the icons.
    const resourcesDir = join(app.getAppPath(), 'resources').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
    const rendererDir = join(import.meta.dirname, '../renderer');

    registerSecurity(app, session.defaultSession, { isAppUrl: isAppPage, openExternal: (url) => void shell.openExternal(url), dev: Boolean(devServerUrl) });
    if (!devServerUrl) protocol.handle(APP_SCHEME, (request) => serveRendererRequest(rendererDir, request));

    const preferences = openPreferences();
    const databasePath = config.databasePath ?? join(app.getPath('userData'), 'notifychain.db');
    const secretBox = createDesktopSecretBox({
      safeStorage,
      platform: process.platform,
      fallback: createNodeSecretBox({ keyFile: keyFileFor(databasePath) }),
    });
    const desktopNotifications = new DesktopNotificationRelay();
    runtime = await openRuntime(config, { log, defaultDatabasePath: databasePath, dispatch: { secretBox, notifyDesktop: desktopNotifications.send } });
    const apiToken = runtime.apiToken;
    const names = new ContractNames(demoNames(runtime.demo?.contracts ?? []));
    names.update(await runtime.store.listContracts());

    desktop = startDesktop({
      runtime,
      preferences,
      names,
      log,
      resourcesDir,
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      rendererUrl: rendererEntryUrl(devServerUrl),
      isAppUrl: isAppPage,
      getApiToken: () => apiToken.value,
      startHidden: process.argv.includes(HIDDEN_FLAG) && !showWhenReady,
      quit: quitNow,
      desktopNotifications,
    });
    // The Playwright smoke test reads what the tray shows from here (there is no API to list trays).
    if (process.env.NOTIFYCHAIN_E2E === '1') Object.assign(globalThis, { notifychainDesktop: desktop });
    if (!safeStorage.isEncryptionAvailable()) log.warn('the system keychain is not available: target secrets use the key file');
    log.info('NotifyChain is running', { database: runtime.databaseDescription, api: runtime.api.url });
  } catch (error) {
    log.error('NotifyChain could not start', { error });
    await runtime?.close().catch(() => {});
    dialog.showErrorBox('NotifyChain could not start', (error as Error)?.message ?? String(error));
    finished = true;
    app.exit(1);
  }
}

function quitNow(): void {
  finished = true;
  app.quit();
}

/** The in-process demo network's contracts by their names (only ids the demo really runs). */
function demoNames(running: string[]): Map<string, string> {
  const labels = { autoshare: 'AutoShare', notifications: 'Notifications', taskbounty: 'TaskBounty' } as const;
  const ids = demoContractIds(2026);
  return new Map(
    (Object.keys(labels) as (keyof typeof labels)[]).filter((k) => running.includes(ids[k])).map((k) => [ids[k], labels[k]]),
  );
}
