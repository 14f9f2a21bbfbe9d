// Turns bursts into one notification: items with the same key that arrive within `windowMs` of
// the first are flushed together, and a key flushes at most once per `cooldownMs`, so a steady
// stream becomes one notification every cooldown instead of one per ledger.

export interface CoalesceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemCoalesceClock: CoalesceClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface CoalescerOptions<T> {
  windowMs: number;
  cooldownMs: number;
  key(item: T): string;
  flush(key: string, items: T[]): void;
  clock?: CoalesceClock;
}

interface Pending<T> {
  items: T[];
  timer: unknown;
}

export class Coalescer<T> {
  private readonly pending = new Map<string, Pending<T>>();
  private readonly lastFlush = new Map<string, number>();
  private readonly clock: CoalesceClock;
  private disposed = false;

  constructor(private readonly opts: CoalescerOptions<T>) {
    this.clock = opts.clock ?? systemCoalesceClock;
  }

  add(item: T): void {
    if (this.disposed) return;
    const key = this.opts.key(item);
    const open = this.pending.get(key);
    if (open) {
      open.items.push(item);
      return;
    }
    const now = this.clock.now();
    const since = this.lastFlush.get(key);
    const cooldownLeft = since === undefined ? 0 : since + this.opts.cooldownMs - now;
    const delay = Math.max(this.opts.windowMs, cooldownLeft);
    const timer = this.clock.setTimeout(() => this.flushKey(key), delay);
    this.pending.set(key, { items: [item], timer });
  }

  /** Items waiting, per key (for the tray and tests). */
  get waiting(): number {
    let count = 0;
    for (const { items } of this.pending.values()) count += items.length;
    return count;
  }

  /** Drops what is waiting; used on shutdown, when a late notification would only confuse. */
  dispose(): void {
    this.disposed = true;
    for (const { timer } of this.pending.values()) this.clock.clearTimeout(timer);
    this.pending.clear();
  }

  private flushKey(key: string): void {
    const open = this.pending.get(key);
    if (!open) return;
    this.pending.delete(key);
    this.lastFlush.set(key, this.clock.now());
    this.opts.flush(key, open.items);
  }
}
