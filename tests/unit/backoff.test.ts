import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from '../../src/main/engine/retry/backoff';

const policy = { baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000 };

describe('backoff', () => {
  it('each retry may wait up to twice as long as the one before, until the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, { ...policy, random: () => 1 - Number.EPSILON }));
    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('the wait is jittered anywhere between zero and the ceiling', () => {
    for (let retry = 1; retry <= 8; retry++) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
      expect(backoffDelay(retry, { ...policy, random: () => 0 })).toBe(0);
      expect(backoffDelay(retry, { ...policy, random: () => 0.5 })).toBe(Math.floor(ceiling / 2));
      for (let i = 0; i < 50; i++) {
        const wait = backoffDelay(retry, policy);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(ceiling);
      }
    }
  });

  it('the wait stays finite and capped after very many retries, even with no base delay', () => {
    expect(backoffDelay(10_000, { ...policy, random: () => 0.5 })).toBe(500);
    expect(backoffDelay(10_000, { baseDelayMs: 0, maxDelayMs: 1_000, random: () => 0.5 })).toBe(0);
  });

  it('a server asking for a longer wait than the backoff gets it, up to maxRetryAfterMs', () => {
    const half = { ...policy, random: () => 0.5 };
    expect(retryDelay(1, half, 3_000)).toBe(3_000);
    expect(retryDelay(1, half, 3_600_000)).toBe(5_000);
    expect(retryDelay(4, half, 10)).toBe(400);
    expect(retryDelay(4, half)).toBe(400);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads HTTP dates in all three formats, relative to now', () => {
    expect(parseRetryAfter('Sun, 01 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sunday, 01-Nov-26 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun Nov  1 10:00:30 2026', now)).toBe(30_000);
  });

  it('treats a date already past as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, null, '', 'soon', '-5', '1.5', '12abc', 'Funday, 99 Nov 2026 10:00:30 GMT'])(
    'ignores an unreadable header (%j)',
    (header) => {
      expect(parseRetryAfter(header, now)).toBeUndefined();
    },
  );
});
