import { describe, expect, it } from 'vitest';
import { plainStored, T0 } from '../../fixtures/rule-events';
import { ruleRunner } from './support';

const MIN = 60_000;
const withdrawal = (ledger: number, at: number, amount: string) => plainStored(ledger, at, { data: { amount } });

describe('thresholds over a window', () => {
  it('more than 2 withdrawals in 10 minutes alerts once, then again only after the window drops back', () => {
    const r = ruleRunner({ event_types: ['withdrawal'], trigger: { kind: 'count', above: 2, window_minutes: 10 } });
    r.feed(withdrawal(1, T0, '1'), withdrawal(2, T0 + MIN, '1'));
    expect(r.sent).toEqual([]);
    r.feed(withdrawal(3, T0 + 2 * MIN, '1'));
    expect(r.sent).toEqual([expect.objectContaining({ kind: 'threshold', at: T0 + 2 * MIN, data: expect.objectContaining({ value: '3', count: 3 }) })]);
    r.feed(withdrawal(4, T0 + 3 * MIN, '1'), withdrawal(5, T0 + 4 * MIN, '1'));
    expect(r.sent).toHaveLength(1); // still above: no repeat
    // 20 minutes later the window has emptied: three more cross it again.
    r.feed(withdrawal(6, T0 + 30 * MIN, '1'), withdrawal(7, T0 + 31 * MIN, '1'));
    expect(r.sent).toHaveLength(1);
    r.feed(withdrawal(8, T0 + 32 * MIN, '1'));
    expect(r.sent).toHaveLength(2);
    expect(r.counters().matched).toBe(8);
  });

  it('events older than the window do not count towards it', () => {
    const r = ruleRunner({ trigger: { kind: 'count', above: 2, window_minutes: 10 } });
    r.feed(withdrawal(1, T0, '1'), withdrawal(2, T0 + 6 * MIN, '1'), withdrawal(3, T0 + 12 * MIN, '1'));
    expect(r.sent).toEqual([]);
  });

  it('a sum of i128 amounts crosses exactly at the threshold, beyond 2^64', () => {
    const above = (2n ** 100n).toString();
    const r = ruleRunner({ trigger: { kind: 'sum', field: 'amount', above, window_minutes: 60 } });
    r.feed(withdrawal(1, T0, (2n ** 99n).toString()), withdrawal(2, T0 + MIN, (2n ** 99n).toString()));
    expect(r.sent).toEqual([]); // exactly 2^100 is not above it
    r.feed(withdrawal(3, T0 + 2 * MIN, '1'));
    expect(r.sent).toEqual([expect.objectContaining({ kind: 'threshold', data: expect.objectContaining({ value: (2n ** 100n + 1n).toString(), above }) })]);
  });

  it('a condition narrows what a window counts', () => {
    const r = ruleRunner({ condition: 'event.amount > 1000', trigger: { kind: 'count', above: 1, window_minutes: 10 } });
    r.feed(withdrawal(1, T0, '5000'), withdrawal(2, T0 + MIN, '10'), withdrawal(3, T0 + 2 * MIN, '9000'));
    expect(r.sent.map((s) => s.at)).toEqual([T0 + 2 * MIN]);
    expect(r.counters().matched).toBe(2);
  });
});
