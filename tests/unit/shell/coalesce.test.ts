import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from '../../../src/main/shell/coalesce';

describe('coalescing', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const make = (cooldownMs = 0) => {
    const flushed: { key: string; items: number[]; at: number }[] = [];
    const coalescer = new Coalescer<number>({
      windowMs: 2_000,
      cooldownMs,
      key: (n) => (n >= 100 ? 'big' : 'small'),
      flush: (key, items) => flushed.push({ key, items, at: Date.now() }),
    });
    return { coalescer, flushed };
  };

  it('a burst within the window becomes one batch, flushed when the window ends', () => {
    const { coalescer, flushed } = make();
    for (let i = 1; i <= 12; i++) {
      coalescer.add(i);
      vi.advanceTimersByTime(100);
    }
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(800);
    expect(flushed).toEqual([{ key: 'small', items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], at: 2_000 }]);
  });

  it('different keys are batched separately', () => {
    const { coalescer, flushed } = make();
    coalescer.add(1);
    coalescer.add(100);
    coalescer.add(2);
    vi.advanceTimersByTime(2_000);
    expect(flushed.map((f) => [f.key, f.items])).toEqual([['small', [1, 2]], ['big', [100]]]);
  });

  it('a steady stream flushes at most once per cooldown', () => {
    const { coalescer, flushed } = make(30_000);
    for (let t = 0; t < 65_000; t += 5_000) {
      coalescer.add(t / 1000);
      vi.advanceTimersByTime(5_000);
    }
    vi.advanceTimersByTime(60_000);
    expect(flushed.map((f) => [f.at, f.items.length])).toEqual([[2_000, 1], [32_000, 6], [62_000, 6]]);
    expect(flushed.flatMap((f) => f.items)).toHaveLength(13);
  });

  it('after dispose nothing waiting is flushed and nothing new is taken', () => {
    const { coalescer, flushed } = make();
    coalescer.add(1);
    expect(coalescer.waiting).toBe(1);
    coalescer.dispose();
    coalescer.add(2);
    vi.advanceTimersByTime(10_000);
    expect(flushed).toEqual([]);
    expect(coalescer.waiting).toBe(0);
  });
});
