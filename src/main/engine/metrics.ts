// Counters the engine keeps for /health and /metrics. Plain numbers: cheap on the hot path.

export interface EngineMetrics {
  eventsIngested: number;
  dedupHits: number;
  decodeFailures: number;
  pollsCompleted: number;
  pagesFetched: number;
  rpcErrors: Record<string, number>;
  gapsRecorded: number;
  networkResets: number;
}

export function createMetrics(): EngineMetrics {
  return {
    eventsIngested: 0,
    dedupHits: 0,
    decodeFailures: 0,
    pollsCompleted: 0,
    pagesFetched: 0,
    rpcErrors: {},
    gapsRecorded: 0,
    networkResets: 0,
  };
}

export function countRpcError(metrics: EngineMetrics, code: string): void {
  metrics.rpcErrors[code] = (metrics.rpcErrors[code] ?? 0) + 1;
}
