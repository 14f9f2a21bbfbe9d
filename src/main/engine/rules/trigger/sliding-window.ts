// "N events / a sum in the last M minutes", kept incrementally: the window is cut into 60
// buckets (at least 1 s wide) and only buckets are added and dropped, so an event costs O(1)
// and the window survives a restart as its buckets. The window's edge moves a bucket at a time.
import type { WindowState } from '../state/rule-state';

const BUCKETS_PER_WINDOW = 60;
const MIN_BUCKET_MS = 1_000;

export function newWindow(spanMs: number): WindowState {
  return { width: Math.max(MIN_BUCKET_MS, Math.ceil(spanMs / BUCKETS_PER_WINDOW)), buckets: [], active: false };
}

export class SlidingWindow {
  private readonly slots: number;
  private total = 0;
  private totalSum = 0n;

  constructor(
    readonly state: WindowState,
    spanMs: number,
  ) {
    this.slots = Math.ceil(spanMs / state.width);
    for (const [, count, sum] of state.buckets) {
      this.total += count;
      this.totalSum += BigInt(sum);
    }
  }

  get count(): number {
    return this.total;
  }

  get sum(): bigint {
    return this.totalSum;
  }

  /** Drops the buckets older than the window ending at `at` (never moving the window back). */
  advance(at: number): void {
    const newest = this.state.buckets.at(-1)?.[0];
    const head = Math.max(Math.floor(at / this.state.width), newest ?? -Infinity);
    const oldest = head - this.slots + 1;
    const buckets = this.state.buckets;
    let drop = 0;
    while (drop < buckets.length && buckets[drop]![0] < oldest) {
      this.total -= buckets[drop]![1];
      this.totalSum -= BigInt(buckets[drop]![2]);
      drop++;
    }
    if (drop > 0) buckets.splice(0, drop);
  }

  /** Counts an event at `at`; one older than the window (a late backfill) is left out. */
  add(at: number, value: bigint): void {
    const index = Math.floor(at / this.state.width);
    const buckets = this.state.buckets;
    const newest = buckets.at(-1)?.[0];
    if (newest !== undefined && index <= newest - this.slots) return;
    let i = buckets.length - 1;
    while (i >= 0 && buckets[i]![0] > index) i--;
    if (i >= 0 && buckets[i]![0] === index) {
      buckets[i]![1] += 1;
      buckets[i]![2] = (BigInt(buckets[i]![2]) + value).toString();
    } else {
      buckets.splice(i + 1, 0, [index, 1, value.toString()]);
    }
    this.total += 1;
    this.totalSum += value;
  }
}
