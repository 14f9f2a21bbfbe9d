// A token bucket per target on the dispatcher's clock, plus what the service says about its own
// budget: `remaining: 0` or a 429 holds every request to that target until the reset.
import type { Clock } from '../clock';
import type { RateHint, RateLimit } from './target';

export class RateLimiter {
  private tokens: number;
  private refilledAt: number;
  private heldUntil = 0;

  constructor(
    private limit: RateLimit | null,
    private readonly clock: Clock,
  ) {
    this.tokens = limit?.burst ?? 0;
    this.refilledAt = clock.now();
  }

  setLimit(limit: RateLimit | null): void {
    if (limit?.perSecond === this.limit?.perSecond && limit?.burst === this.limit?.burst) return;
    this.limit = limit;
    this.tokens = Math.min(this.tokens, limit?.burst ?? 0);
  }

  /** Waits for the next request slot; returns early (without a slot) when the signal aborts. */
  async acquire(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const now = this.clock.now();
      if (now < this.heldUntil) {
        await this.clock.sleep(this.heldUntil - now, signal);
        continue;
      }
      if (!this.limit) return;
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.limit.perSecond), signal);
    }
  }

  /** Whether acquire() would have to wait right now. */
  wouldWait(): boolean {
    const now = this.clock.now();
    if (now < this.heldUntil) return true;
    if (!this.limit) return false;
    this.refill(now);
    return this.tokens < 1;
  }

  /** What the service told us after a request. */
  observe(hint: RateHint | undefined, retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    if (hint && hint.remaining <= 0) this.heldUntil = Math.max(this.heldUntil, now + hint.resetAfterMs);
    if (retryAfterMs !== undefined) this.heldUntil = Math.max(this.heldUntil, now + retryAfterMs);
  }

  private refill(now: number): void {
    if (!this.limit) return;
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perSecond) / 1000);
    this.refilledAt = now;
  }
}
