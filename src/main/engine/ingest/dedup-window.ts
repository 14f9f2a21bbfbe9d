// The in-memory first line of deduplication: keys seen in the last `windowMs`, bounded in
// count. The database's unique index is the authority behind it; this only saves the round trip.

export class DedupWindow {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const at = this.seenAt.get(key);
    if (at === undefined) return false;
    if (this.now() - at > this.windowMs) {
      this.seenAt.delete(key);
      return false;
    }
    return true;
  }

  add(key: string): void {
    if (this.windowMs <= 0) return;
    this.seenAt.delete(key);
    this.seenAt.set(key, this.now());
    this.evict();
  }

  get size(): number {
    return this.seenAt.size;
  }

  private evict(): void {
    const oldest = this.now() - this.windowMs;
    // Map iterates in insertion order, and add() re-inserts, so the first entries are the oldest.
    for (const [key, at] of this.seenAt) {
      if (this.seenAt.size <= this.maxEntries && at >= oldest) break;
      this.seenAt.delete(key);
    }
  }
}
