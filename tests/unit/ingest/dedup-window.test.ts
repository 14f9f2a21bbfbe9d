import { describe, expect, it } from 'vitest';
import { DedupWindow } from '../../../src/main/engine/ingest/dedup-window';

describe('dedup window', () => {
  it('remembers a key for the window and forgets it after', () => {
    let now = 0;
    const window = new DedupWindow(1000, 10, () => now);
    window.add('a');
    now = 999;
    expect(window.has('a')).toBe(true);
    now = 1001;
    expect(window.has('a')).toBe(false);
  });

  it('stays bounded in size, dropping the oldest keys first', () => {
    const window = new DedupWindow(60_000, 4, () => 0);
    for (const key of ['a', 'b', 'c', 'd', 'e']) window.add(key);
    expect(window.size).toBeLessThanOrEqual(4);
    expect(window.has('a')).toBe(false);
    expect(window.has('e')).toBe(true);
    expect(window.has('d')).toBe(true);
  });

  it('forgets keys older than the window even while few keys arrive', () => {
    let now = 0;
    const window = new DedupWindow(1000, 1000, () => now);
    window.add('a');
    now = 1500;
    window.add('b');
    now = 2600;
    window.add('c');
    expect(window.has('a')).toBe(false);
    expect(window.has('b')).toBe(false);
    expect(window.has('c')).toBe(true);
  });

  it('a zero window keeps nothing (the database index does all the work)', () => {
    const window = new DedupWindow(0);
    window.add('a');
    expect(window.has('a')).toBe(false);
  });
});
