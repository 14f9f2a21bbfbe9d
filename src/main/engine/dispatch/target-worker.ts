// One loop per enabled target: claims the due head of its queue, sends in order, records every
// attempt. A failed head waits for its retry before anything behind it goes (order per target);
// other targets have their own loops, so a slow or dead target only delays itself.
import type { DispatchSettings } from '../../../shared/targets';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { AttemptOutcome, ClaimedDelivery, DispatchStore } from '../store/dispatch-store';
import type { LoadedTarget } from './loaded-target';
import { buildPayload, type PayloadContext } from './payload';
import { RateLimiter } from './rate-limiter';
import { nextStep } from './retry-policy';
import { fail, type SendContext, type SendResult, type Target } from './target';
import { redact } from './target-secrets';

export interface WorkerDeps {
  store: DispatchStore;
  clock: Clock;
  log: Logger;
  owner: string;
  settings: DispatchSettings;
  send: Omit<SendContext, 'signal'>;
  payload: PayloadContext;
}

const CLAIM_LIMIT = 50;
const FLUSH_EVERY_MS = 200;

type Settled = AttemptOutcome & { attempt: number };

export class TargetWorker {
  readonly limiter: RateLimiter;
  private readonly stopping = new AbortController();
  private sleeping: AbortController | null = null;
  private woken = false;
  private loop: Promise<void> | null = null;

  constructor(
    private target: LoadedTarget,
    private readonly deps: WorkerDeps,
  ) {
    this.limiter = new RateLimiter(limitOf(target, deps.settings), deps.clock);
  }

  start(): void {
    this.loop ??= this.run();
  }

  update(target: LoadedTarget): void {
    this.target = target;
    this.limiter.setLimit(limitOf(target, this.deps.settings));
    this.wake();
  }

  wake(): void {
    this.woken = true;
    this.sleeping?.abort();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake();
    await this.loop;
  }

  /** Sends now through this target's limiter (the "send test event" path); nothing is stored. */
  async sendNow(messages: Parameters<Target['send']>[0]): Promise<SendResult> {
    await this.limiter.acquire(this.stopping.signal);
    return this.sendVia(this.target, messages);
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let wait: number | null;
      try {
        wait = await this.step();
      } catch (error) {
        this.deps.log.error('delivery loop failed', { target: this.target.id, error });
        wait = 1_000;
      }
      if (wait !== 0) await this.sleep(wait);
    }
  }

  /** Delivers what is due; returns how long to wait: 0 = go on, null = until woken. */
  private async step(): Promise<number | null> {
    const { store, clock, owner, settings } = this.deps;
    const target = this.target;
    const now = clock.now();
    const limit = target.module.batches ? settings.batchSize : CLAIM_LIMIT;
    const claim = await store.claimDue(target.id, owner, { limit, now, leaseMs: settings.leaseMs });
    const due = claim.deliveries;
    if (due.length === 0) return claim.nextAt === null ? null : Math.max(1, claim.nextAt - now);
    if (target.module.batches) {
      // A first try waits (up to the batch timeout from its creation) for more events to share one message.
      const deadline = due[0]!.createdAt + settings.batchTimeoutMs;
      if (due.length < settings.batchSize && due.every((d) => d.attempts === 0) && now < deadline) return deadline - now;
      const outcomes = await this.attempt(target, due);
      if (outcomes) await this.record(target, outcomes);
      return 0;
    }
    const settled: Settled[] = [];
    let flushedAt = performance.now();
    try {
      for (const delivery of due) {
        // Re-claim rather than send on a lease that could lapse mid-request.
        if (this.stopping.signal.aborted || clock.now() > delivery.leaseExpiresAt - settings.requestTimeoutMs) break;
        // Results are written in groups, but never held while this target waits.
        if (settled.length > 0 && (this.limiter.wouldWait() || performance.now() - flushedAt > FLUSH_EVERY_MS)) {
          await this.record(target, settled.splice(0));
          flushedAt = performance.now();
        }
        const outcomes = await this.attempt(target, [delivery]);
        if (!outcomes) break;
        settled.push(...outcomes);
        if (outcomes.some((o) => o.next.state === 'retry')) break;
      }
    } finally {
      // A crash before this write only means a repeat, with the same webhook-id.
      if (settled.length > 0) await this.record(target, settled);
    }
    return 0;
  }

  /** One send; null when stopped mid-request (no verdict: the delivery stays open for the next start). */
  private async attempt(target: LoadedTarget, deliveries: ClaimedDelivery[]): Promise<Settled[] | null> {
    const { clock, settings } = this.deps;
    await this.limiter.acquire(this.stopping.signal);
    if (this.stopping.signal.aborted) return null;
    const messages = deliveries.map((d) => ({
      webhookId: d.webhookId,
      event: d.event,
      payload: buildPayload(d.event, target.rule.template, this.deps.payload),
    }));
    const startedAt = clock.now();
    const started = performance.now();
    const result = await this.sendVia(target, messages);
    const durationMs = performance.now() - started;
    if (!result.ok && this.stopping.signal.aborted) return null;
    this.limiter.observe(result.rateHint, result.ok ? undefined : result.error.retryAfterMs);
    const now = clock.now();
    const error = result.ok ? null : { code: result.error.code, message: redact(result.error.message, target.secrets) };
    return deliveries.map((d) => ({
      deliveryId: d.id,
      attempt: d.attempts + 1,
      startedAt,
      durationMs,
      httpStatus: (result.ok ? result.httpStatus : result.error.httpStatus) ?? null,
      error,
      retryAfterMs: result.ok ? null : (result.error.retryAfterMs ?? null),
      next: nextStep(result, d.attempts, now, settings),
    }));
  }

  private async record(target: LoadedTarget, settled: Settled[]): Promise<void> {
    const { store, clock, log } = this.deps;
    await store.recordAttempts(settled, clock.now());
    for (const o of settled) {
      const fields = { target: target.id, kind: target.kind, delivery: o.deliveryId, attempt: o.attempt, status: o.httpStatus, ms: Math.round(o.durationMs) };
      if (o.next.state === 'delivered') log.debug('delivered', fields);
      else if (o.next.state === 'retry') log.warn('delivery failed, will retry', { ...fields, error: o.error, retryAt: new Date(o.next.at).toISOString() });
      else log.error('delivery dead-lettered', { ...fields, error: o.error });
    }
  }

  private async sendVia(target: LoadedTarget, messages: Parameters<Target['send']>[0]): Promise<SendResult> {
    if (!target.config) return fail('target.misconfigured', target.configError ?? 'the target cannot be read');
    try {
      return await target.module.send(messages, target.config, { ...this.deps.send, signal: this.stopping.signal });
    } catch (error) {
      // A target module should return errors, but a throw must not kill the loop.
      return fail('target.unreachable', `unexpected error: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private async sleep(ms: number | null): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const controller = new AbortController();
    this.sleeping = controller;
    // Nothing queued: look again now and then anyway, for deliveries another instance left behind.
    await this.deps.clock.sleep(ms ?? this.deps.settings.pollIntervalMs * 5, AbortSignal.any([controller.signal, this.stopping.signal]));
    this.sleeping = null;
    this.woken = false;
  }
}

function limitOf(target: LoadedTarget, settings: DispatchSettings) {
  return target.config ? target.module.rateLimit(target.config as never, settings) : null;
}
