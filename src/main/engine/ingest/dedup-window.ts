// The in-memory first line of deduplication: keys seen in the last `windowMs`, bounded in
// count. The database's unique index is the authority behind it; this only saves the round trip.
//
// Two generations of keys instead of one map trimmed from its oldest end: trimming a Map one
// entry per insert makes every later iteration skip the deleted entries, which measured 30 µs
// per insert once a backfill passed the bound. Swapping generations is O(1).

export class DedupWindow {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private readonly generationSize: number;
  private generationStartedAt: number;

  constructor(
    private readonly windowMs: number,
    maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.generationSize = Math.max(1, Math.floor(maxEntries / 2));
    this.generationStartedAt = now();
  }

  has(key: string): boolean {
    const at = this.current.get(key) ?? this.previous.get(key);
    return at !== undefined && this.now() - at <= this.windowMs;
  }

  add(key: string): void {
    if (this.windowMs <= 0) return;
    const now = this.now();
    if (this.current.size >= this.generationSize || now - this.generationStartedAt >= this.windowMs) {
      this.previous = this.current;
      this.current = new Map();
      this.generationStartedAt = now;
    }
    this.current.set(key, now);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
