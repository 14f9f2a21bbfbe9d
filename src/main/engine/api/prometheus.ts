// /metrics: the engine's counters and health as Prometheus series, plus HTTP latency by route.
// Engine numbers are read at scrape time (collect callbacks), so nothing is kept twice; one
// health report per scrape feeds every gauge that needs it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HealthReport } from '../../../shared/model';
import type { Engine } from '../engine';
import type { EngineMetrics } from '../metrics';
import { registerRuleMetrics } from '../rules/rule-metrics';

export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Renders the exposition text (reads health once). */
  render(): Promise<string>;
}

type CounterField = Exclude<keyof EngineMetrics, 'rpcErrors'>;

const COUNTERS: Array<[name: string, help: string, field: CounterField]> = [
  ['notifychain_events_ingested_total', 'Events stored (new, after dedup)', 'eventsIngested'],
  ['notifychain_dedup_hits_total', 'Events dropped as duplicates', 'dedupHits'],
  ['notifychain_decode_failures_total', 'Events stored raw because their XDR could not be decoded', 'decodeFailures'],
  ['notifychain_polls_total', 'Completed polls of the RPC', 'pollsCompleted'],
  ['notifychain_rpc_pages_total', 'getEvents pages fetched', 'pagesFetched'],
  ['notifychain_gaps_total', 'Ledger ranges recorded as gaps (older than the RPC retention window)', 'gapsRecorded'],
  ['notifychain_network_resets_total', 'Network resets detected (new epochs)', 'networkResets'],
];

export function createApiMetrics(engine: Engine, streams: () => number): ApiMetrics {
  const registry = new Registry();
  let health: HealthReport | null = null;
  const registers = [registry];

  for (const [name, help, field] of COUNTERS) {
    new Counter({ name, help, registers, collect() { this.reset(); this.inc(engine.metrics[field]); } });
  }
  new Counter({
    name: 'notifychain_rpc_errors_total',
    help: 'RPC errors by code',
    labelNames: ['code'],
    registers,
    collect() {
      this.reset();
      for (const [code, count] of Object.entries(engine.metrics.rpcErrors)) this.inc({ code }, count);
    },
  });
  const gauge = (name: string, help: string, read: (h: HealthReport) => number | null) =>
    new Gauge({ name, help, registers, collect() { this.set(health ? (read(health) ?? Number.NaN) : Number.NaN); } });
  gauge('notifychain_ingest_lag_ledgers', 'Ledgers between the RPC tip and the cursor', (h) => h.lag_ledgers);
  gauge('notifychain_latest_ledger', 'Latest ledger the RPC reported', (h) => h.latest_ledger);
  gauge('notifychain_cursor_ledger', 'Last ledger fully ingested', (h) => h.cursor_ledger);
  gauge('notifychain_events_stored', 'Events in the database', (h) => h.events_stored);
  gauge('notifychain_network_epoch', 'Current network epoch', (h) => h.network.epoch);
  gauge('notifychain_database_up', '1 when the database answers', (h) => (h.database_ok ? 1 : 0));
  new Gauge({
    name: 'notifychain_health_status',
    help: 'Health: 1 for the current status',
    labelNames: ['status'],
    registers,
    collect() {
      for (const status of ['ok', 'degraded', 'error'] as const) this.set({ status }, health?.status === status ? 1 : 0);
    },
  });
  new Gauge({ name: 'notifychain_sse_clients', help: 'Open event streams', registers, collect() { this.set(streams()); } });
  registerRuleMetrics(registers, () => engine.dispatcher.rules, () => health);
  const httpDuration = new Histogram({
    name: 'notifychain_http_request_duration_seconds',
    help: 'API request latency until the response starts, by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  collectDefaultMetrics({ register: registry, prefix: 'notifychain_' });

  return {
    registry,
    httpDuration,
    render: async () => {
      health = await engine.health().catch(() => null);
      try {
        // prom-client writes NaN as "Nan" (e.g. the event-loop lag before its first sample);
        // the exposition format spells it "NaN", and scrapers reject anything else.
        return (await registry.metrics()).replace(/ Nan$/gm, ' NaN');
      } finally {
        health = null;
      }
    },
  };
}
