// The scheduler loop. Every SCHEDULER_POLL_INTERVAL_MS (or when woken) it leases a batch of due
// and expiring notifications to this processor, closes them in chunks (each chunk one
// transaction that marks the rows and stores their events with outbox rows, only for rows whose
// lease is still ours), and wakes the dispatcher. A processor that dies keeps its leases until
// they run out; then any processor takes the rows over. With a signing key it also asks the
// contract to expire lapsed on-chain notifications, and with a retention it deletes closed rows.
import { WakeSignal } from '../wake-signal';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { NotificationRecord } from '../store/notification-store';
import type { Store } from '../store/store';
import type { ChainExpirer } from './chain-expiry';
import { completionFor } from './synthetic-event';

export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Lease owner; unique per running instance (SCHEDULER_PROCESSOR_ID). */
  processorId: string;
  pollIntervalMs: number;
  /** Closed rows are deleted this many days after they closed; 0 keeps them. */
  retentionDays: number;
  wakeDispatcher: () => void;
  /** How long a lease holds (default 60 s); a crashed processor's rows wait this long. */
  leaseMs?: number;
  /** Rows leased at once (default 200). */
  batchSize?: number;
  /** Rows closed per transaction (default 50). */
  chunkSize?: number;
  /** Calls expire_notification on chain; absent = off. */
  chain?: ChainExpirer | null;
  /** On-chain attempts per notification before giving up (default 5). */
  maxChainAttempts?: number;
}

export interface TickResult {
  delivered: number;
  expired: number;
  chainExpired: number;
  /** The batch was full: there may be more to do at once. */
  more: boolean;
}

const CLEANUP_EVERY_MS = 60 * 60_000;
const CHAIN_BATCH = 5;
const CHAIN_LEASE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export class Scheduler {
  readonly processorId: string;
  /** The account that signs expire_notification calls; null when on-chain expiry is off. */
  readonly chainAccount: string | null;
  private running = false;
  private halted = false;
  private loop: Promise<void> | null = null;
  private stopping = new AbortController();
  private readonly wakeSignal: WakeSignal;
  private lastCleanup = Number.NEGATIVE_INFINITY;
  private readonly log: Logger;

  constructor(private readonly opts: SchedulerOptions) {
    this.wakeSignal = new WakeSignal(opts.clock);
    this.processorId = opts.processorId;
    this.chainAccount = opts.chain?.account ?? null;
    this.log = opts.log.child({ component: 'scheduler', processor: opts.processorId });
  }

  /** The scheduler's time, for judging states the same way it does. */
  now(): number {
    return this.opts.clock.now();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.halted = false;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  /**
   * Stops after the chunk in hand. `releaseLeases: false` leaves this processor's leases to run
   * out, as a crash would: what it leased waits for the lease, then another processor takes it.
   */
  async stop(opts: { releaseLeases?: boolean } = {}): Promise<void> {
    this.halted = true;
    if (this.running) {
      this.running = false;
      this.stopping.abort();
      await this.loop;
    }
    if (opts.releaseLeases !== false) {
      await this.opts.store.notifications.releaseLeases(this.processorId).catch((error) => this.log.error('releasing leases failed', { error }));
    }
  }

  /** Something may be due now (a reminder was scheduled): look at once instead of at the next tick. */
  wake(): void {
    this.wakeSignal.wake();
  }

  /** One pass: due and expiring rows, on-chain expiry, cleanup. */
  async runOnce(): Promise<TickResult> {
    this.halted = false;
    return this.tick();
  }

  private async run(): Promise<void> {
    const { store } = this.opts;
    // One process per SQLite file: leases left by a killed process are void. Shared stores wait them out.
    if (store.kind === 'sqlite') await store.notifications.releaseLeases(null).catch((error) => this.log.error('releasing leases failed', { error }));
    while (this.running) {
      try {
        const result = await this.tick();
        if (result.more && this.running) continue;
      } catch (error) {
        this.log.error('scheduler pass failed', { error });
      }
      await this.sleep(this.opts.pollIntervalMs);
    }
  }

  private async tick(): Promise<TickResult> {
    const result: TickResult = { delivered: 0, expired: 0, chainExpired: 0, more: false };
    const batchSize = this.opts.batchSize ?? 200;
    const leased = await this.opts.store.notifications.claimDue(this.processorId, {
      now: this.now(),
      leaseMs: this.opts.leaseMs ?? 60_000,
      limit: batchSize,
    });
    result.more = leased.length === batchSize;
    await this.closeLeased(leased, result);
    if (this.opts.chain && !this.halted) result.chainExpired = await this.expireOnChain(this.opts.chain);
    if (this.opts.retentionDays > 0 && !this.halted && this.now() - this.lastCleanup >= CLEANUP_EVERY_MS) await this.cleanup();
    return result;
  }

  private async closeLeased(leased: NotificationRecord[], result: TickResult): Promise<void> {
    const chunk = this.opts.chunkSize ?? 50;
    for (let i = 0; i < leased.length && !this.halted; i += chunk) {
      const nowIso = iso(this.now());
      const completions = leased.slice(i, i + chunk).map((n) => completionFor(n, nowIso));
      const closed = new Set(await this.opts.store.notifications.complete(this.processorId, completions));
      for (const c of completions) if (closed.has(c.id)) result[c.outcome] += 1;
      if (closed.size > 0) this.opts.wakeDispatcher();
      if (closed.size < completions.length) this.log.warn('leases lost to another processor', { lost: completions.length - closed.size });
    }
  }

  private async expireOnChain(chain: ChainExpirer): Promise<number> {
    const { notifications } = this.opts.store;
    const leased = await notifications.claimChainExpiry(this.processorId, { now: this.now(), leaseMs: CHAIN_LEASE_MS, limit: CHAIN_BATCH });
    let expired = 0;
    for (const n of leased) {
      if (this.halted) break;
      const outcome = await chain.expire(n.contractId ?? '', n.id);
      if (outcome.ok) {
        expired += 1;
        this.log.info('expired a notification on chain', { id: n.id, tx: outcome.txHash });
        await notifications.recordChainExpiry(this.processorId, n.id, { ok: true, txHash: outcome.txHash });
        continue;
      }
      const attempt = n.chainExpiry.attempts + 1;
      const retry = outcome.retryable && attempt < (this.opts.maxChainAttempts ?? 5);
      // 30 s, 1 min, 2 min, … capped at an hour: the contract is not going anywhere.
      const retryAt = retry ? this.now() + Math.min(3_600_000, 30_000 * 2 ** (attempt - 1)) : null;
      this.log.warn('on-chain expiry failed', { id: n.id, code: outcome.code, message: outcome.message, retryAt });
      await notifications.recordChainExpiry(this.processorId, n.id, { ok: false, error: `${outcome.code}: ${outcome.message}`, retryAt });
    }
    return expired;
  }

  private async cleanup(): Promise<void> {
    this.lastCleanup = this.now();
    const before = iso(this.now() - this.opts.retentionDays * DAY_MS);
    let removed = 0;
    let batch: number;
    do {
      batch = await this.opts.store.notifications.deleteFinishedBefore(before, 1000);
      removed += batch;
    } while (batch === 1000 && !this.halted);
    if (removed > 0) this.log.info('removed closed notifications past retention', { removed, before });
  }

  private sleep(ms: number): Promise<void> {
    return this.wakeSignal.sleep(ms, this.stopping.signal);
  }

}
