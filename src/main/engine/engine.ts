// The engine: a plain object with start()/stop() and typed events. Hosts (Electron, `serve`,
// tests) hand it a store, an RPC and a clock; nothing here knows which host runs it.
import { EventEmitter } from 'node:events';
import type { EngineConfig } from '../../shared/config';
import type { HealthReport, StoredEvent } from '../../shared/model';
import { systemClock, type Clock } from './clock';
import { BackfillRunner, type BackfillProgress } from './ingest/backfill-runner';
import { DedupWindow } from './ingest/dedup-window';
import { cursorLedger } from './ingest/fetch-range';
import { IngestPipeline } from './ingest/pipeline';
import { SpecCache } from './ingest/spec-cache';
import { Subscriber, type SubscriberStatus } from './ingest/subscriber';
import type { Logger } from './log/logger';
import { createMetrics, type EngineMetrics } from './metrics';
import { pruneOldEvents } from './retention';
import { planHoleFill } from './archive/fill-holes';
import type { FillHolesResponse } from '../../shared/api/coverage';
import type { Store, WatchedContract } from './store/store';
import type { StellarRpc } from './stellar/rpc-types';
import { Dispatcher } from './dispatch/dispatcher';
import { buildHealth } from './health';
import { createScheduler, type SchedulerHostOptions } from './scheduler/create-scheduler';
import { LifecycleWatcher } from './lifecycle/lifecycle-watcher';
import type { Scheduler } from './scheduler/scheduler';

export interface EngineEvents {
  'events-stored': [events: StoredEvent[]];
  status: [status: SubscriberStatus];
  'contracts-changed': [contracts: WatchedContract[]];
  'backfill-progress': [progress: BackfillProgress];
}

export interface EngineOptions {
  config: EngineConfig;
  store: Store;
  rpc: StellarRpc;
  log: Logger;
  /** The passphrase the RPC must serve (from the network preset or --passphrase). */
  expectedPassphrase: string | null;
  clock?: Clock;
  pageLimit?: number;
  /** Dispatch wiring from the host: SecretBox, desktop notifications, settings (see DispatcherOptions). */
  dispatch?: import('./dispatch/dispatcher').DispatcherHostOptions;
  /** Scheduler wiring from the host: the signing key for on-chain expiry (see SchedulerHostOptions). */
  scheduler?: SchedulerHostOptions;
}

const RETENTION_EVERY_MS = 60 * 60_000;

export class Engine extends EventEmitter<EngineEvents> {
  readonly metrics: EngineMetrics = createMetrics();
  readonly subscriber: Subscriber;
  readonly pipeline: IngestPipeline;
  readonly dispatcher: Dispatcher;
  readonly backfills: BackfillRunner;
  readonly scheduler: Scheduler;
  readonly lifecycle: LifecycleWatcher;
  private readonly clock: Clock;
  private readonly startedAt: number;
  private retentionTimer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly opts: EngineOptions) {
    super();
    this.clock = opts.clock ?? systemClock;
    this.startedAt = this.clock.now();
    const specs = new SpecCache(opts.store, opts.rpc, opts.log, () => this.clock.now());
    const dedup = new DedupWindow(opts.config.dedupWindowMs, 200_000, () => this.clock.now());
    this.pipeline = new IngestPipeline(opts.store, specs, dedup, this.metrics);
    this.subscriber = new Subscriber({
      rpc: opts.rpc,
      store: opts.store,
      pipeline: this.pipeline,
      log: opts.log,
      metrics: this.metrics,
      clock: this.clock,
      expectedPassphrase: opts.expectedPassphrase,
      pollIntervalMs: opts.config.pollIntervalMs,
      startLedger: opts.config.startLedger,
      pageLimit: opts.pageLimit,
      onStored: (events) => {
        this.dispatcher.wake();
        this.emit('events-stored', events);
      },
      onStatus: (status) => this.emit('status', status),
    });
    this.backfills = new BackfillRunner({
      rpc: opts.rpc,
      store: opts.store,
      pipeline: this.pipeline,
      log: opts.log,
      clock: this.clock,
      pageLimit: opts.pageLimit ?? 1000,
      onStored: (events) => {
        this.dispatcher.wake();
        this.emit('events-stored', events);
      },
      onProgress: (progress) => this.emit('backfill-progress', progress),
    });
    this.dispatcher = new Dispatcher({ store: opts.store, log: opts.log, clock: this.clock, network: opts.config.network, ...opts.dispatch });
    this.lifecycle = new LifecycleWatcher({
      rpc: opts.rpc, store: opts.store, log: opts.log, clock: this.clock,
      forgetSpec: async (contractId) => specs.forget(contractId),
      onStored: (events) => {
        this.dispatcher.wake();
        this.emit('events-stored', events);
      },
      warnWithinLedgers: opts.config.ttlWarnLedgers,
    });
    // A ledger that touched a watched contract may have extended, upgraded or archived it.
    this.on('events-stored', (events) => {
      if (events.some((e) => !e.id.startsWith('local:'))) this.lifecycle.refreshSoon();
    });
    this.scheduler = createScheduler({
      config: opts.config, store: opts.store, rpc: opts.rpc, clock: this.clock, log: opts.log,
      wakeDispatcher: () => this.dispatcher.wake(), host: opts.scheduler,
    });
  }

  get store(): Store {
    return this.opts.store;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    for (const contract of this.opts.config.contracts) {
      await this.opts.store.upsertContract({ id: contract.id, name: contract.name ?? null, eventTypes: contract.eventTypes ?? [] });
    }
    await this.refreshWatched();
    this.subscriber.start();
    this.backfills.start();
    this.lifecycle.start();
    this.dispatcher.start();
    this.scheduler.start();
    // Runs even with RETENTION_DAYS=0: a contract may have its own retention.
    const prune = () => void pruneOldEvents(this.opts.store, this.opts.config.retentionDays, this.clock, this.opts.log).catch(
      (error) => this.opts.log.error('retention cleanup failed', { error }),
    );
    prune();
    this.retentionTimer = setInterval(prune, RETENTION_EVERY_MS);
    this.retentionTimer.unref();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.subscriber.stop();
    await this.backfills.stop();
    await this.lifecycle.stop();
    await this.scheduler.stop();
    await this.dispatcher.stop();
  }

  /**
   * Watches a contract from now on; with a start ledger before where the live stream is, its
   * past events are read back by a backfill while the live stream goes on.
   */
  async watch(contract: { id: string; name?: string | null; eventTypes?: string[]; startLedger?: number | null; retentionDays?: number | null }): Promise<WatchedContract> {
    const saved = await this.opts.store.upsertContract(contract);
    if (contract.startLedger) await this.planBackfill(contract.id, contract.startLedger);
    await this.refreshWatched();
    return saved;
  }

  private async planBackfill(contractId: string, fromLedger: number): Promise<void> {
    const state = await this.opts.store.getPollingState();
    const live = state.cursor ? cursorLedger(state.cursor) : (state.resumeLedger ?? state.checkpointLedger);
    if (live === null || !Number.isFinite(live)) {
      // The live stream has not started: it will start early enough to cover this contract.
      if (state.resumeLedger === null || fromLedger < state.resumeLedger) await this.opts.store.setResumeLedger(fromLedger);
      return;
    }
    if (fromLedger > live) return;
    await this.opts.store.startBackfill({ contractId, fromLedger, toLedger: live });
    this.backfills.wake();
  }

  /** Starts one backfill over the contract's holes that the RPC still keeps. */
  async fillHoles(contract: WatchedContract): Promise<FillHolesResponse> {
    const { start, ...plan } = await planHoleFill(this.opts.store, this.opts.rpc, contract.id, contract.eventTypes);
    if (start && plan.backfill) {
      await this.opts.store.startBackfill({ contractId: contract.id, fromLedger: plan.backfill.from_ledger, toLedger: plan.backfill.to_ledger });
      this.backfills.wake();
    }
    return plan;
  }

  async unwatch(contractId: string): Promise<boolean> {
    const removed = await this.opts.store.removeContract(contractId);
    await this.refreshWatched();
    return removed;
  }

  async health(): Promise<HealthReport> {
    return buildHealth({
      store: this.opts.store,
      status: this.subscriber.status,
      config: this.opts.config,
      uptimeMs: this.clock.now() - this.startedAt,
      now: this.clock.now(),
    });
  }

  private async refreshWatched(): Promise<void> {
    const contracts = await this.opts.store.listContracts();
    this.subscriber.setWatched(contracts);
    this.emit('contracts-changed', contracts);
  }
}
