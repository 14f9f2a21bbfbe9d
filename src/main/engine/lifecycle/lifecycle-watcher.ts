// Watches each watched contract's lifecycle on a schedule and soon after a ledger touched it:
// TTLs of its instance and code entries, and the WASM it runs. Alerts travel as local events
// through the outbox like any other; an upgrade makes the spec be fetched again.
import type { StoredEvent } from '../../../shared/model';
import type { ContractLifecycle } from '../../../shared/api/lifecycle';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { StellarRpc } from '../stellar/rpc-types';
import type { Store } from '../store/store';
import { WakeSignal } from '../wake-signal';
import { estimatedExpiry, lifecycleEvents, nextState, type LifecycleState } from './lifecycle-events';
import { readLifecycles } from './read-lifecycle';

export interface LifecycleWatcherOptions {
  rpc: StellarRpc;
  store: Store;
  log: Logger;
  clock: Clock;
  /** Forgets a contract's cached spec (after an upgrade). */
  forgetSpec: (contractId: string) => Promise<void>;
  onStored: (events: StoredEvent[]) => void;
  /** Warn when an entry has this many ledgers left or fewer (default about 7 days of 5 s ledgers). */
  warnWithinLedgers?: number;
  secondsPerLedger?: number;
  refreshEveryMs?: number;
}

export const DEFAULT_WARN_WITHIN_LEDGERS = 120_960;
const settingKey = (contractId: string) => `lifecycle:${contractId}`;

export class LifecycleWatcher {
  private readonly wakeSignal: WakeSignal;
  private stopController = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly warnWithin: number;

  constructor(private readonly opts: LifecycleWatcherOptions) {
    this.wakeSignal = new WakeSignal(opts.clock);
    this.warnWithin = opts.warnWithinLedgers ?? DEFAULT_WARN_WITHIN_LEDGERS;
  }

  start(): void {
    if (this.loop) return;
    this.stopController = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.loop;
    this.loop = null;
  }

  /** A ledger touched a watched contract: look again soon. */
  refreshSoon(): void {
    this.wakeSignal.wake();
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    while (!stop.aborted) {
      try {
        await this.refresh();
      } catch (error) {
        this.opts.log.warn('lifecycle check failed; will retry', { error });
      }
      await this.wakeSignal.sleep(this.opts.refreshEveryMs ?? 10 * 60_000, stop);
    }
  }

  /** One check of every watched contract; returns the alerts stored. */
  async refresh(): Promise<StoredEvent[]> {
    const { store, rpc, clock } = this.opts;
    const contracts = await store.listContracts();
    const seen = await readLifecycles(rpc, contracts.map((c) => c.id));
    const now = clock.now();
    const stored: StoredEvent[] = [];
    for (const observed of seen) {
      const previous = await store.getSetting<LifecycleState>(settingKey(observed.contractId));
      const events = lifecycleEvents(previous, observed, { warnWithinLedgers: this.warnWithin, secondsPerLedger: this.secondsPerLedger(), now });
      if (events.length > 0) stored.push(...(await store.commitIngest({ events })).inserted);
      if (previous?.wasmHash && observed.wasmHash && previous.wasmHash !== observed.wasmHash) {
        this.opts.log.warn('contract upgraded: fetching its spec again', { contractId: observed.contractId, from: previous.wasmHash, to: observed.wasmHash });
        await this.opts.forgetSpec(observed.contractId);
      }
      await store.setSetting(settingKey(observed.contractId), nextState(observed, now));
    }
    if (stored.length > 0) this.opts.onStored(stored);
    return stored;
  }

  /** What was last seen of a contract, in the API's shape; null before its first check. */
  async lifecycle(contractId: string): Promise<ContractLifecycle | null> {
    const state = await this.opts.store.getSetting<LifecycleState>(settingKey(contractId));
    if (!state) return null;
    const ctx = { warnWithinLedgers: this.warnWithin, secondsPerLedger: this.secondsPerLedger(), now: Date.parse(state.checkedAt) };
    const ttl = (liveUntil: number | null) =>
      liveUntil === null || liveUntil < state.checkedLedger
        ? null
        : { live_until_ledger: liveUntil, ledgers_left: liveUntil - state.checkedLedger, estimated_expiry: estimatedExpiry(liveUntil, state.checkedLedger, ctx) };
    const instance = ttl(state.instanceLiveUntil);
    return {
      contract_id: contractId,
      wasm_hash: state.wasmHash,
      instance,
      code: ttl(state.codeLiveUntil),
      archived: instance === null,
      checked_ledger: state.checkedLedger,
      checked_at: state.checkedAt,
      warn_within_ledgers: this.warnWithin,
    };
  }

  private secondsPerLedger(): number {
    return this.opts.secondsPerLedger ?? 5;
  }
}
