// Electron entry: one instance, the engine on a SQLite file in the app's data folder, a window.
// Kept thin: everything the app does lives in the engine (src/main/engine) or the shell.
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { loadConfig } from './engine/config/load-config';
import { createLogger } from './engine/log/logger';
import { openRuntime, type Runtime } from './engine/runtime';
import { createMainWindow } from './shell/main-window';

let runtime: Runtime | null = null;
let window: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.whenReady().then(start, (error) => fail(error));
  app.on('before-quit', (event) => {
    if (!runtime) return;
    event.preventDefault();
    const closing = runtime;
    runtime = null;
    void closing.close().finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  try {
    const config = loadConfig({ env: process.env });
    const log = createLogger(config.logLevel);
    runtime = await openRuntime(config, { log, defaultDatabasePath: join(app.getPath('userData'), 'notifychain.db') });
    window = createMainWindow();
  } catch (error) {
    fail(error);
  }
}

function fail(error: unknown): void {
  process.stderr.write(`NotifyChain could not start: ${(error as Error)?.message ?? String(error)}\n`);
  app.exit(1);
}
