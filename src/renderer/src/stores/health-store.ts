// The engine's health (network, lag, gaps, last reset) and the watched contracts, which every
// page shows somewhere; polled, since both change slowly.
import { createStore } from 'zustand/vanilla';
import type { WatchedContractResponse } from '../../../shared/api/contracts';
import type { HealthReport } from '../../../shared/model';
import { NETWORK_PRESETS, type NetworkName } from '../../../shared/networks';
import { DEMO_CONTRACTS } from '../lib/demo-contracts';
import type { Transport } from '../transport/transport';

export const HEALTH_EVERY_MS = 5_000;

export interface HealthState {
  health: HealthReport | null;
  reachable: boolean;
  contracts: WatchedContractResponse[] | null;
  /** (contract, event type) pairs stored, for filter pickers. */
  eventTypes: { contract_id: string; event_type: string }[];
  refresh(): Promise<void>;
  refreshContracts(): Promise<void>;
  refreshEventTypes(): Promise<void>;
  start(): void;
  stop(): void;
}

/** Where a transaction is shown on an explorer, or null (demo and custom networks have none). */
export function explorerTxUrl(health: HealthReport | null, txHash: string | null): string | null {
  if (!health || !txHash) return null;
  const preset = NETWORK_PRESETS[health.network.name as NetworkName];
  return preset?.explorerTxUrl ? preset.explorerTxUrl + txHash : null;
}

/** The contract's name as stored, else the demo network's name for its contracts, else null. */
export function contractName(contracts: WatchedContractResponse[] | null, id: string): string | null {
  return contracts?.find((c) => c.id === id)?.name ?? DEMO_CONTRACTS.find((c) => c.id === id)?.name ?? null;
}

export function createHealthStore(transport: Transport) {
  let timer: ReturnType<typeof setInterval> | null = null;
  return createStore<HealthState>()((set, get) => ({
    health: null,
    reachable: true,
    contracts: null,
    eventTypes: [],
    refresh: async () => {
      // 503 still carries the report (stalled ingestion, database down).
      const answer = await transport.request<HealthReport>('GET', '/health');
      if (answer.ok) set({ health: answer.body, reachable: true });
      else if (answer.status === 503 && (answer.body as HealthReport | undefined)?.network) set({ health: answer.body as HealthReport, reachable: true });
      else if (answer.status === 503) set({ reachable: true });
      else if (answer.status === 0) set({ reachable: false });
    },
    refreshContracts: async () => {
      const answer = await transport.request<{ contracts: WatchedContractResponse[] }>('GET', '/api/contracts');
      if (answer.ok) set({ contracts: answer.body.contracts });
    },
    refreshEventTypes: async () => {
      const answer = await transport.request<{ pairs: HealthState['eventTypes'] }>('GET', '/api/stats/event-types');
      if (answer.ok) set({ eventTypes: answer.body.pairs });
    },
    start: () => {
      if (timer) return;
      void get().refresh();
      void get().refreshContracts();
      timer = setInterval(() => void get().refresh(), HEALTH_EVERY_MS);
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  }));
}
