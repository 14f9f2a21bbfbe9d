// The poll loop: checks the network's identity, reads from the stored cursor to the latest
// ledger, records retention gaps, and sleeps until just after the next ledger should close.
import type { StoredEvent } from '../../../shared/model';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { countRpcError, type EngineMetrics } from '../metrics';
import type { Store, WatchedContract } from '../store/store';
import { ledgerOfEventId } from '../stellar/event-id';
import type { StellarRpc } from '../stellar/rpc-types';
import { closeTimeMs, fetchRange, type StartPoint } from './fetch-range';
import { detectNetworkChange, isOutOfRange } from './network-identity';
import type { IngestPipeline, WatchFilter } from './pipeline';
import { PollSchedule } from './poll-schedule';

/** `standby`: another instance holds the ingest lock (PostgreSQL); this one serves the API. */
export type SubscriberState = 'starting' | 'syncing' | 'live' | 'idle' | 'standby' | 'paused' | 'error' | 'stopped';

export interface SubscriberStatus {
  state: SubscriberState;
  latestLedger: number | null;
  cursorLedger: number | null;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  lastError: { code: string; message: string } | null;
}

export interface SubscriberOptions {
  rpc: StellarRpc;
  store: Store;
  pipeline: IngestPipeline;
  log: Logger;
  metrics: EngineMetrics;
  clock: Clock;
  /** The passphrase the user expects; a different one from the RPC is a configuration error. */
  expectedPassphrase: string | null;
  pollIntervalMs: number;
  /** First-run start ledger; default: the latest ledger (watch from now). */
  startLedger?: number;
  pageLimit?: number;
  onStored: (events: StoredEvent[]) => void;
  onStatus?: (status: SubscriberStatus) => void;
}

export class Subscriber {
  private watch: WatchFilter = new Map();
  private readonly schedule: PollSchedule;
  private loop: Promise<void> | null = null;
  private stopController = new AbortController();
  private wakeController = new AbortController();
  private paused = false;
  private failures = 0;
  private readonly current: SubscriberStatus = {
    state: 'starting',
    latestLedger: null,
    cursorLedger: null,
    lastPollAt: null,
    lastSuccessAt: null,
    lastError: null,
  };

  constructor(private readonly opts: SubscriberOptions) {
    this.schedule = new PollSchedule(opts.pollIntervalMs);
  }

  get status(): Readonly<SubscriberStatus> {
    return this.current;
  }

  setWatched(contracts: WatchedContract[]): void {
    this.watch = new Map(contracts.map((c) => [c.id, c.eventTypes.length > 0 ? new Set(c.eventTypes) : null]));
    this.wake();
  }

  start(): void {
    if (this.loop) return;
    this.stopController = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    this.wake();
    await this.loop;
    this.loop = null;
    this.update({ state: 'stopped' });
  }

  pause(paused: boolean): void {
    this.paused = paused;
    this.update({ state: paused ? 'paused' : 'starting' });
    this.wake();
  }

  /** Polls now instead of waiting for the next ledger (e.g. after a contract was added). */
  wake(): void {
    this.wakeController.abort();
  }

  private async run(): Promise<void> {
    const stopSignal = this.stopController.signal;
    while (!stopSignal.aborted) {
      let delay = this.opts.pollIntervalMs;
      if (!this.paused) {
        try {
          await this.pollOnce();
          this.failures = 0;
          delay = this.schedule.nextDelay(this.opts.clock.now());
        } catch (error) {
          delay = this.failed(error);
        }
      }
      if (stopSignal.aborted) break;
      this.wakeController = new AbortController();
      await this.opts.clock.sleep(delay, AbortSignal.any([stopSignal, this.wakeController.signal]));
    }
  }

  /** One poll: identity check, then everything up to the latest ledger. Exposed for tests. */
  async pollOnce(): Promise<void> {
    const { rpc, store, log } = this.opts;
    this.current.lastPollAt = this.opts.clock.now();
    if (!(await store.tryAcquireIngestLock())) {
      this.succeeded('standby');
      return;
    }
    const network = await rpc.getNetwork();
    if (this.opts.expectedPassphrase && network.passphrase !== this.opts.expectedPassphrase) {
      throw Object.assign(
        new Error(`the RPC serves "${network.passphrase}", but the configured network is "${this.opts.expectedPassphrase}"`),
        { code: 'config.network_mismatch' },
      );
    }
    const latest = await rpc.getLatestLedger();
    this.schedule.observe(latest.sequence, closeTimeMs(latest.closeTime));
    let state = await store.getPollingState();
    const change = await detectNetworkChange(rpc, state, network.passphrase, latest);
    if (change) {
      log.warn('network reset detected: keeping old events, starting a new epoch', { reason: change });
      this.opts.metrics.networkResets++;
      state = await store.recordNetworkReset(change, network.passphrase);
    } else if (state.networkPassphrase === null) {
      await store.setNetwork(network.passphrase);
    }
    this.update({ latestLedger: latest.sequence });

    if (this.watch.size === 0) {
      this.succeeded('idle');
      return;
    }
    let start: StartPoint;
    if (state.cursor) start = { cursor: state.cursor };
    else {
      const ledger = state.resumeLedger ?? this.opts.startLedger ?? latest.sequence;
      if (state.resumeLedger === null) await store.setResumeLedger(ledger);
      start = { ledger };
    }
    if ('ledger' in start && start.ledger > latest.sequence) {
      this.succeeded('live'); // the RPC is behind our start point: wait for it
      return;
    }
    this.update({ state: 'syncing' });
    const covered = [...this.watch.keys()]; // what this read covers, whatever is added meanwhile
    const range = await this.readRange(start);
    if (range) {
      await store.commitIngest({ events: [], checkpoint: { ledger: latest.sequence, hash: latest.id, covered } });
      this.schedule.observe(range.latestLedger, range.latestLedgerCloseMs);
      this.update({ latestLedger: Math.max(range.latestLedger, latest.sequence), cursorLedger: safeLedger(range.cursor) });
      log.debug('poll', { latestLedger: range.latestLedger, stored: range.stored, cursor: range.cursor });
    }
    this.opts.metrics.pollsCompleted++;
    this.succeeded('live');
  }

  private async readRange(start: StartPoint) {
    try {
      return await fetchRange({
        rpc: this.opts.rpc,
        pipeline: this.opts.pipeline,
        watch: this.watch,
        start,
        pageLimit: this.opts.pageLimit ?? 1000,
        onStored: this.opts.onStored,
        signal: this.stopController.signal,
      });
    } catch (error) {
      if (!isOutOfRange(error)) throw error;
      await this.recordGap(start);
      return null; // the next poll resumes after the gap
    }
  }

  private async recordGap(start: StartPoint): Promise<void> {
    const health = await this.opts.rpc.getHealth();
    const from = 'cursor' in start ? safeLedger(start.cursor) ?? health.oldestLedger : start.ledger;
    if (from >= health.oldestLedger) {
      // Not a retention problem after all (e.g. the RPC is behind): wait and try again.
      await this.opts.store.setResumeLedger(Math.min(from, health.latestLedger));
      return;
    }
    const gap = await this.opts.store.recordGap({
      fromLedger: from,
      toLedger: health.oldestLedger - 1,
      reason: `the RPC keeps ledgers ${health.oldestLedger}-${health.latestLedger} only`,
    });
    this.opts.metrics.gapsRecorded++;
    this.opts.log.warn('retention gap: events in these ledgers cannot be read', { from: gap.from_ledger, to: gap.to_ledger });
    this.wake();
  }

  private succeeded(state: SubscriberState): void {
    this.current.lastSuccessAt = this.opts.clock.now();
    this.update({ state, lastError: null });
  }

  private failed(error: unknown): number {
    this.failures++;
    const code = (error as { code?: string }).code ?? 'ingest.failed';
    const message = (error as Error).message ?? String(error);
    if (code.startsWith('rpc.')) countRpcError(this.opts.metrics, code);
    this.opts.log.warn('poll failed', { code, message, failures: this.failures });
    this.update({ state: 'error', lastError: { code, message } });
    return Math.min(this.opts.pollIntervalMs, 500 * 2 ** Math.min(this.failures, 6));
  }

  private update(patch: Partial<SubscriberStatus>): void {
    Object.assign(this.current, patch);
    this.opts.onStatus?.(this.current);
  }
}

function safeLedger(cursor: string): number | null {
  try {
    return ledgerOfEventId(cursor);
  } catch {
    return null;
  }
}
