// The seed's environment variables, mapped onto the config schema's fields.
import type { EngineConfigInput } from '../../../shared/config';

type Env = Record<string, string | undefined>;

export const ENV_NAMES: Record<string, string> = {
  network: 'STELLAR_NETWORK',
  rpcUrls: 'STELLAR_RPC_URL',
  passphrase: 'STELLAR_NETWORK_PASSPHRASE',
  contracts: 'CONTRACT_ADDRESSES',
  databasePath: 'DATABASE_PATH',
  databaseUrl: 'DATABASE_URL',
  processorId: 'SCHEDULER_PROCESSOR_ID',
  host: 'API_HOST',
  port: 'API_PORT',
  corsOrigins: 'EVENTS_API_CORS_ORIGIN',
  pollIntervalMs: 'POLLING_INTERVAL_MS',
  startLedger: 'START_LEDGER',
  dedupWindowMs: 'DEDUP_WINDOW_MS',
  retentionDays: 'RETENTION_DAYS',
  ttlWarnLedgers: 'TTL_WARN_LEDGERS',
  schedulerPollIntervalMs: 'SCHEDULER_POLL_INTERVAL_MS',
  notificationRetentionDays: 'NOTIFICATION_RETENTION_DAYS',
  rpcTimeoutMs: 'RPC_TIMEOUT_MS',
  logLevel: 'LOG_LEVEL',
};

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function configFromEnv(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (field === 'rpcUrls' || field === 'corsOrigins') out[field] = list(value);
    else if (field === 'contracts') out.contracts = list(value).map(parseWatchSpec);
    else out[field] = value;
  }
  return out satisfies Partial<Record<keyof EngineConfigInput, unknown>>;
}

/** `CONTRACT_ID[:type,type]` (the --watch flag's form; types separated by commas or pipes). */
export function parseWatchSpec(spec: string): { id: string; eventTypes?: string[] } {
  const [id = '', types] = spec.split(':', 2);
  const eventTypes = types ? types.split(/[,|]/).map((t) => t.trim()).filter(Boolean) : undefined;
  return eventTypes ? { id: id.trim(), eventTypes } : { id: id.trim() };
}
