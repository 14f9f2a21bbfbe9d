// The /health report: the seed's fields plus network, ledgers, lag, gaps and resets.
// "error" (HTTP 503) when the database is down or ingestion has stalled.
import type { EngineConfig } from '../../shared/config';
import type { HealthReport } from '../../shared/model';
import type { SubscriberStatus } from './ingest/subscriber';
import { decoderHealth, emptyDecoderHealth } from './rules/decoder-health';
import { ruleTotals } from './rules/rule-totals';
import type { Store } from './store/store';

/** Ingestion is stalled when no poll has succeeded for this many poll intervals (and 30 s). */
const STALL_INTERVALS = 6;
const LAG_DEGRADED_LEDGERS = 10;

export async function buildHealth(input: {
  store: Store;
  status: Readonly<SubscriberStatus>;
  config: EngineConfig;
  uptimeMs: number;
  now: number;
}): Promise<HealthReport> {
  const { store, status, config } = input;
  const databaseOk = await store.ping();
  const [state, contracts, lastEvent, count, gaps, reset] = databaseOk
    ? await Promise.all([
        store.getPollingState(),
        store.listContracts(),
        store.lastEventTime(),
        store.events.count({}), // cached and kept exact: count(*) costs ~300 ms at 1M rows
        store.listGaps(20),
        store.lastReset(),
      ])
    : [null, [], null, 0, [], null];
  const [rules, decoder] = databaseOk
    ? await Promise.all([store.rules.load().then(ruleTotals), decoderHealth(store)])
    : [ruleTotals(new Map()), emptyDecoderHealth()];

  const cursorLedger = status.cursorLedger ?? state?.checkpointLedger ?? null;
  const lag = status.latestLedger !== null && cursorLedger !== null ? Math.max(0, status.latestLedger - cursorLedger) : null;
  const stallAfter = Math.max(30_000, STALL_INTERVALS * config.pollIntervalMs);
  const lastProgress = status.lastSuccessAt ?? null;
  const stalled = status.state !== 'paused' && input.uptimeMs > stallAfter && (lastProgress === null || input.now - lastProgress > stallAfter);

  let health: Pick<HealthReport, 'status' | 'reason'> = { status: 'ok', reason: null };
  if (!databaseOk) health = { status: 'error', reason: 'the database is unavailable' };
  else if (stalled) {
    health = { status: 'error', reason: `ingestion stalled: ${status.lastError?.message ?? 'no successful poll'}` };
  } else if (status.state === 'error') health = { status: 'degraded', reason: status.lastError?.message ?? 'last poll failed' };
  else if (lag !== null && lag > LAG_DEGRADED_LEDGERS) health = { status: 'degraded', reason: `catching up: ${lag} ledgers behind` };

  return {
    ...health,
    uptime_seconds: Math.floor(input.uptimeMs / 1000),
    contracts_watched: contracts.length,
    last_event_time: lastEvent,
    database_ok: databaseOk,
    network: { name: config.network, passphrase: state?.networkPassphrase ?? '', epoch: state?.networkEpoch ?? 0 },
    latest_ledger: status.latestLedger,
    cursor_ledger: cursorLedger,
    lag_ledgers: lag,
    events_stored: count,
    gaps,
    last_reset: reset,
    ingest_state: status.state,
    rules,
    decoder,
  };
}
