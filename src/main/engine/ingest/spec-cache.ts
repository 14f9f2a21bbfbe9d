// Contract specs, fetched once per contract and cached in the store; a failed fetch is retried
// later, and until then the contract's events decode positionally.
import type { contract } from '@stellar/stellar-sdk';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { fetchContractSpec, specFromEntries } from '../stellar/contract-spec';
import type { StellarRpc } from '../stellar/rpc-types';

const RETRY_FAILED_FETCH_MS = 5 * 60_000;

export class SpecCache {
  private readonly specs = new Map<string, contract.Spec | null>();
  private readonly failedAt = new Map<string, number>();
  /** Contracts whose stored spec is out of date (upgraded): fetched again on next use. */
  private readonly stale = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly rpc: StellarRpc,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Specs for these contracts, loading what is missing. Never throws. */
  async load(contractIds: Iterable<string>): Promise<Map<string, contract.Spec | null>> {
    const result = new Map<string, contract.Spec | null>();
    for (const id of new Set(contractIds)) result.set(id, await this.get(id));
    return result;
  }

  async get(contractId: string): Promise<contract.Spec | null> {
    if (this.specs.has(contractId)) return this.specs.get(contractId)!;
    const cached = this.stale.has(contractId) ? null : await this.store.getSpec(contractId);
    if (cached) return this.remember(contractId, cached.entries);
    const failed = this.failedAt.get(contractId);
    if (failed !== undefined && this.now() - failed < RETRY_FAILED_FETCH_MS) return null;
    try {
      const fetched = await fetchContractSpec(this.rpc, contractId);
      await this.store.putSpec({ contractId, ...fetched, fetchedAt: new Date(this.now()).toISOString() });
      this.stale.delete(contractId);
      this.log.debug('contract spec loaded', { contractId, named: fetched.entries !== null });
      return this.remember(contractId, fetched.entries);
    } catch (error) {
      this.failedAt.set(contractId, this.now());
      this.log.warn('contract spec could not be fetched; decoding positionally for now', { contractId, error });
      return null;
    }
  }

  /** The contract now runs another WASM: its next event fetches the spec again. */
  forget(contractId: string): void {
    this.specs.delete(contractId);
    this.failedAt.delete(contractId);
    this.stale.add(contractId);
  }

  private remember(contractId: string, entries: string[] | null): contract.Spec | null {
    let spec: contract.Spec | null = null;
    try {
      spec = entries && entries.length > 0 ? specFromEntries(entries) : null;
    } catch {
      spec = null;
    }
    this.specs.set(contractId, spec);
    return spec;
  }
}
