// The archive's side of the store: what it holds per contract (coverage) and moving history in
// and out of it (export pages, idempotent import). Coverage is credited by the store itself, in
// the transactions that read the chain (live checkpoints, finished backfills).
import type { ArchiveEvent, ContractCoverage, CoverageSource } from '../../../shared/api/coverage';

export interface ArchiveStore {
  /** Ranges held and holes for one contract in the current network epoch. */
  coverage(contractId: string, eventTypes: string[]): Promise<ContractCoverage>;
  /** Up to `limit` chain events of a contract with ids after `afterId`, in id (ledger) order. */
  exportPage(q: { contractId: string; fromLedger: number; toLedger: number | null; afterId: string | null; limit: number }): Promise<ArchiveEvent[]>;
  /** Stores events not yet held (no outbox rows: history is not news); returns how many were new. */
  importEvents(events: ArchiveEvent[]): Promise<number>;
  addCoverage(contractId: string, fromLedger: number, toLedger: number, source: CoverageSource): Promise<void>;
}
