// `notifychain serve` flags → config-schema fields (validated later by loadConfig).
import { parseArgs } from 'node:util';
import { parseWatchSpec } from '../engine/config/env-config';

export const SERVE_HELP = `Usage: notifychain serve [options]

Watches Soroban contracts, stores their events in SQLite and serves the local API.

Options:
  --network NAME          demo | testnet | futurenet | mainnet | custom (default: demo)
  --rpc-url URL           Stellar RPC URL; repeat for failover (required for mainnet/custom)
  --passphrase TEXT       expected network passphrase (required for custom)
  --watch ID[:t1,t2]      watch a contract (C… strkey), optionally only these event types; repeatable
  --db PATH               SQLite file (default: the data folder's notifychain.db)
  --database-url URL      PostgreSQL instead (postgres://…), for several instances on one database
  --processor-id ID       this instance's id for row leases (default: host name and process id)
  --host HOST             API address (default: 127.0.0.1)
  --port N                API port (default: 8787; 0 = any free port)
  --poll-interval-ms N    longest wait between polls (default: 5000)
  --start-ledger N        first run only: read from this ledger instead of the latest
  --config FILE           JSON config file (same fields as the schema; flags and env win)
  --log-level LEVEL       debug | info | warn | error | silent (default: info)
  -h, --help              show this help

Environment: STELLAR_RPC_URL, STELLAR_NETWORK_PASSPHRASE, STELLAR_NETWORK, CONTRACT_ADDRESSES,
DATABASE_PATH, DATABASE_URL, SCHEDULER_PROCESSOR_ID, POLLING_INTERVAL_MS, DEDUP_WINDOW_MS, RETENTION_DAYS, TTL_WARN_LEDGERS, START_LEDGER, API_HOST,
API_PORT, LOG_LEVEL. Precedence: flags > environment > --config file > defaults.`;

export interface ServeArgs {
  help: boolean;
  configFile?: string;
  flags: Record<string, unknown>;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      network: { type: 'string' },
      'rpc-url': { type: 'string', multiple: true },
      passphrase: { type: 'string' },
      watch: { type: 'string', multiple: true },
      db: { type: 'string' },
      'database-url': { type: 'string' },
      'processor-id': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'poll-interval-ms': { type: 'string' },
      'start-ledger': { type: 'string' },
      config: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const flags: Record<string, unknown> = {};
  const set = (field: string, value: unknown) => {
    if (value !== undefined) flags[field] = value;
  };
  set('network', values.network);
  set('rpcUrls', values['rpc-url']);
  set('passphrase', values.passphrase);
  set('contracts', values.watch?.map(parseWatchSpec));
  set('databasePath', values.db);
  set('databaseUrl', values['database-url']);
  set('processorId', values['processor-id']);
  set('host', values.host);
  set('port', values.port);
  set('pollIntervalMs', values['poll-interval-ms']);
  set('startLedger', values['start-ledger']);
  set('logLevel', values['log-level']);
  return { help: values.help ?? false, configFile: values.config, flags };
}
