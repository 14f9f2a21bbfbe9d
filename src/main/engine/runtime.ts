// Assembles the engine for a host: store, RPC client (or the in-process demo network), engine
// and API server, and closes them in reverse order. `serve` and the Electron app both use it.
import type { EngineConfig } from '../../shared/config';
import { NETWORK_PRESETS } from '../../shared/networks';
import { loadOrCreateApiToken, type ApiToken } from './api/api-token';
import { startApiServer, type RunningApi } from './api/server';
import { defaultDatabasePath } from './data-dir';
import { Engine } from './engine';
import type { Logger } from './log/logger';
import { openStore } from './store/open-store';
import type { DispatcherHostOptions } from './dispatch/dispatcher';
import { keyFileFor } from './secrets/key-source';
import type { Store } from './store/store';
import { startInProcessDemo, type InProcessDemo } from './demo-network';
import { RpcClient } from './stellar/rpc-client';

export interface Runtime {
  engine: Engine;
  api: RunningApi;
  store: Store;
  /** The SQLite file, or where local files (API token) live when the store is PostgreSQL. */
  databasePath: string;
  /** What the store is, for people: the SQLite path or the PostgreSQL URL without secrets. */
  databaseDescription: string;
  demo: InProcessDemo | null;
  /** The bearer token API writes need, and the file it is kept in. */
  apiToken: ApiToken;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log: Logger;
  /** The host's data folder database (Electron: userData); default: defaultDatabasePath(). */
  defaultDatabasePath?: string;
  /** The built dashboard to serve at `/` (serve: out/renderer). */
  dashboardDir?: string;
  /** What the host adds to the dispatcher (the app: a safeStorage secret box, native notifications). */
  dispatch?: DispatcherHostOptions;
}

export async function openRuntime(config: EngineConfig, opts: RuntimeOptions): Promise<Runtime> {
  const preset = NETWORK_PRESETS[config.network];
  const databasePath = config.databasePath ?? opts.defaultDatabasePath ?? defaultDatabasePath();
  const { store, description: databaseDescription } = await openStore({ databaseUrl: config.databaseUrl, databasePath });
  let demo: InProcessDemo | null = null;
  let api: RunningApi | null = null;
  let engine: Engine | null = null;
  let apiToken: ApiToken;
  try {
    apiToken = loadOrCreateApiToken(databasePath);
    let rpcUrls = config.rpcUrls.length > 0 ? config.rpcUrls : preset.rpcUrls;
    let engineConfig = config;
    if (config.network === 'demo' && config.rpcUrls.length === 0) {
      demo = await startInProcessDemo(config, store);
      rpcUrls = [demo.url];
      const nothingWatched = config.contracts.length === 0 && (await store.listContracts()).length === 0;
      engineConfig = {
        ...config,
        contracts: nothingWatched ? demo.contracts.map((id) => ({ id })) : config.contracts,
        // First run: show the demo's recent history at once rather than waiting for new ledgers.
        startLedger: config.startLedger ?? demo.oldestLedger,
      };
    }
    const rpc = new RpcClient({ urls: rpcUrls, timeoutMs: config.rpcTimeoutMs });
    engine = new Engine({
      config: engineConfig,
      store,
      rpc,
      log: opts.log,
      expectedPassphrase: config.passphrase ?? preset.passphrase,
      dispatch: {
        ...(config.processorId ? { instanceId: config.processorId } : {}),
        // On PostgreSQL there is no database file to keep the key beside: use the local data folder.
        secretKeyFile: keyFileFor(databasePath),
        ...opts.dispatch,
      },
    });
    await engine.start();
    api = await startApiServer(
      { engine, log: opts.log, token: apiToken.value, corsOrigins: config.corsOrigins, dashboardDir: opts.dashboardDir },
      config.host,
      config.port,
    );
  } catch (error) {
    await engine?.stop();
    await store.close();
    await demo?.close();
    throw error;
  }

  const started = { engine, api };
  return {
    ...started,
    store,
    databasePath,
    databaseDescription,
    demo,
    apiToken,
    close: async () => {
      await started.api.close();
      await started.engine.stop();
      await store.close();
      await demo?.close();
    },
  };
}
