// Assembles the engine for a host: store, RPC client (or the in-process demo network), engine
// and API server, and closes them in reverse order. `serve` and the Electron app both use it.
import type { EngineConfig } from '../../shared/config';
import { NETWORK_PRESETS } from '../../shared/networks';
import { startApiServer, type RunningApi } from './api/server';
import { defaultDatabasePath } from './data-dir';
import { Engine } from './engine';
import type { Logger } from './log/logger';
import { SqliteStore } from './store/sqlite/sqlite-store';
import type { Store } from './store/store';
import { startDemoRpcServer } from './stellar/demo';
import { RpcClient } from './stellar/rpc-client';

export interface Runtime {
  engine: Engine;
  api: RunningApi;
  store: Store;
  databasePath: string;
  demo: { url: string; contracts: string[]; close(): Promise<void> } | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log: Logger;
  /** The host's data folder database (Electron: userData); default: defaultDatabasePath(). */
  defaultDatabasePath?: string;
}

export async function openRuntime(config: EngineConfig, opts: RuntimeOptions): Promise<Runtime> {
  const preset = NETWORK_PRESETS[config.network];
  let demo: Runtime['demo'] = null;
  let rpcUrls = config.rpcUrls.length > 0 ? config.rpcUrls : preset.rpcUrls;
  if (config.network === 'demo' && config.rpcUrls.length === 0) {
    const server = await startDemoRpcServer({
      host: '127.0.0.1',
      port: 0,
      ledgerIntervalMs: config.demo.ledgerIntervalMs,
      history: { ledgers: config.demo.historyLedgers, eventsPerLedger: 3 },
    });
    server.chain.start();
    demo = { url: server.url, contracts: Object.values(server.chain.contracts), close: () => server.close() };
    rpcUrls = [server.url];
  }

  const databasePath = config.databasePath ?? opts.defaultDatabasePath ?? defaultDatabasePath();
  const store = new SqliteStore(databasePath);
  const withDemoContracts =
    demo && config.contracts.length === 0 && (await store.listContracts()).length === 0
      ? { ...config, contracts: demo.contracts.map((id) => ({ id })) }
      : config;
  const rpc = new RpcClient({ urls: rpcUrls, timeoutMs: config.rpcTimeoutMs });
  const engine = new Engine({
    config: withDemoContracts,
    store,
    rpc,
    log: opts.log,
    expectedPassphrase: config.passphrase ?? preset.passphrase,
  });
  await engine.start();
  let api: RunningApi;
  try {
    api = await startApiServer({ engine, log: opts.log }, config.host, config.port);
  } catch (error) {
    await engine.stop();
    await store.close();
    await demo?.close();
    throw error;
  }

  return {
    engine,
    api,
    store,
    databasePath,
    demo,
    close: async () => {
      await api.close();
      await engine.stop();
      await store.close();
      await demo?.close();
    },
  };
}
