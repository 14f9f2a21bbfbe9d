// Reads a newly watched contract's past events (from the start ledger the user gave up to where
// the live stream was) on its own cursor, one backfill at a time, without holding up the live
// stream. Overlap with the live stream is harmless: the unique key drops repeats.
import type { StoredEvent } from '../../../shared/model';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Backfill, Store } from '../store/store';
import type { StellarRpc } from '../stellar/rpc-types';
import { cursorLedger, fetchRange, type StartPoint } from './fetch-range';
import { isOutOfRange } from './network-identity';
import type { IngestPipeline } from './pipeline';

export interface BackfillProgress extends Backfill {
  ledgersDone: number;
  ledgersTotal: number;
  etaSeconds: number | null;
}

const RETRY_AFTER_FAILURE_MS = 5_000;

export class BackfillRunner {
  private loop: Promise<void> | null = null;
  private stopController = new AbortController();
  private wakeController = new AbortController();
  private readonly rates = new Map<string, { startedAt: number; startLedger: number }>();
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly opts: {
      rpc: StellarRpc;
      store: Store;
      pipeline: IngestPipeline;
      log: Logger;
      clock: Clock;
      pageLimit: number;
      onStored: (events: StoredEvent[]) => void;
      onProgress: (progress: BackfillProgress) => void;
    },
  ) {}

  start(): void {
    if (this.loop) return;
    this.stopController = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    this.wakeController.abort();
    await this.loop;
    this.loop = null;
  }

  wake(): void {
    this.wakeController.abort();
  }

  async progress(): Promise<BackfillProgress[]> {
    return (await this.opts.store.listBackfills()).map((b) => this.describe(b));
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    while (!stop.aborted) {
      const pending = (await this.opts.store.listBackfills()).filter((b) => b.status === 'running');
      let delay = pending.length === 0 ? 60_000 : 0;
      for (const backfill of pending) {
        if (stop.aborted) break;
        const ok = await this.runOne(backfill);
        if (!ok) delay = RETRY_AFTER_FAILURE_MS;
      }
      if (stop.aborted) break;
      if (delay > 0) {
        this.wakeController = new AbortController();
        await this.opts.clock.sleep(delay, AbortSignal.any([stop, this.wakeController.signal]));
      }
    }
  }

  /** Runs one backfill to its end; false when it should be retried later. */
  private async runOne(backfill: Backfill): Promise<boolean> {
    const { store, log } = this.opts;
    const contract = (await store.listContracts()).find((c) => c.id === backfill.contractId);
    if (!contract) {
      await store.finishBackfill(backfill.contractId, 'failed', 'the contract is no longer watched');
      return true;
    }
    const start: StartPoint = backfill.cursor ? { cursor: backfill.cursor } : { ledger: backfill.fromLedger };
    this.rates.set(backfill.contractId, { startedAt: this.opts.clock.now(), startLedger: position(backfill) });
    try {
      await fetchRange({
        rpc: this.opts.rpc,
        pipeline: this.opts.pipeline,
        watch: new Map([[contract.id, contract.eventTypes.length > 0 ? new Set(contract.eventTypes) : null]]),
        start,
        pageLimit: this.opts.pageLimit,
        onStored: this.opts.onStored,
        signal: this.stopController.signal,
        commitPage: (cursor) => ({ backfill: { contractId: contract.id, cursor } }),
        stopAfterLedger: backfill.toLedger,
        onPage: (cursor) => {
          this.positions.set(contract.id, cursorLedger(cursor));
          void this.report(contract.id);
        },
      });
      if (this.stopController.signal.aborted) return true;
      await store.finishBackfill(contract.id, 'done');
      log.info('backfill finished', { contractId: contract.id });
      await this.report(contract.id);
      return true;
    } catch (error) {
      if (isOutOfRange(error) && !backfill.cursor) {
        const health = await this.opts.rpc.getHealth();
        const gap = { fromLedger: backfill.fromLedger, toLedger: health.oldestLedger - 1 };
        log.warn('backfill start is older than the RPC keeps; starting at its oldest ledger', { contractId: contract.id, ...gap });
        await store.startBackfill({ contractId: contract.id, fromLedger: health.oldestLedger, toLedger: backfill.toLedger });
        return true;
      }
      log.warn('backfill interrupted; will retry', { contractId: contract.id, error });
      return false;
    }
  }

  private async report(contractId: string): Promise<void> {
    const backfill = (await this.opts.store.listBackfills()).find((b) => b.contractId === contractId);
    if (backfill) this.opts.onProgress(this.describe(backfill));
  }

  private describe(b: Backfill): BackfillProgress {
    const total = Math.max(1, b.toLedger - b.fromLedger + 1);
    const at = b.status === 'done' ? b.toLedger + 1 : Math.min(this.positions.get(b.contractId) ?? position(b), b.toLedger + 1);
    const done = Math.max(0, at - b.fromLedger);
    const rate = this.rates.get(b.contractId);
    let eta: number | null = null;
    if (b.status === 'running' && rate) {
      const elapsed = (this.opts.clock.now() - rate.startedAt) / 1000;
      const progressed = at - rate.startLedger;
      if (elapsed > 0 && progressed > 0) eta = Math.round(((total - done) / progressed) * elapsed);
    }
    return { ...b, ledgersDone: Math.min(done, total), ledgersTotal: total, etaSeconds: b.status === 'done' ? 0 : eta };
  }
}

function position(b: Backfill): number {
  const ledger = b.cursor ? cursorLedger(b.cursor) : b.fromLedger;
  return Number.isFinite(ledger) ? ledger : b.fromLedger;
}
