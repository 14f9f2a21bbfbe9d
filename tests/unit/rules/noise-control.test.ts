import { describe, expect, it } from 'vitest';
import { plainStored, T0 } from '../../fixtures/rule-events';
import { ruleRunner } from './support';

const SEC = 1000;
const ev = (ledger: number, at: number, data: Record<string, string> = {}, priority: 'low' | 'medium' | 'high' | 'critical' = 'high') =>
  plainStored(ledger, at, { data: { amount: '1', recipient: 'GA', ...data }, priority });

describe('noise control: every suppressed match is still counted', () => {
  it('cooldown: one alert, then quiet for the cooldown', () => {
    const r = ruleRunner({ noise: { cooldown_seconds: 60 } });
    r.feed(ev(1, T0), ev(2, T0 + 30 * SEC), ev(3, T0 + 59 * SEC), ev(4, T0 + 60 * SEC));
    expect(r.sent.map((s) => s.at)).toEqual([T0, T0 + 60 * SEC]);
    expect(r.counters()).toMatchObject({ matched: 4, alerts: 2, suppressed: { cooldown: 2 } });
  });

  it('dedup key: the same recipient alerts once per dedup window, another recipient alerts', () => {
    const r = ruleRunner({ noise: { dedup_key: '{{recipient}}', dedup_seconds: 300 } });
    r.feed(ev(1, T0, { recipient: 'GA' }), ev(2, T0 + SEC, { recipient: 'GB' }), ev(3, T0 + 2 * SEC, { recipient: 'GA' }), ev(4, T0 + 301 * SEC, { recipient: 'GA' }));
    expect(r.sent.map((s) => (s.data as { recipient: string }).recipient)).toEqual(['GA', 'GB', 'GA']);
    expect(r.counters().suppressed.duplicate).toBe(1);
  });

  it('digest: matches within the window become one message with the count', () => {
    const r = ruleRunner({ noise: { digest_seconds: 60 } });
    r.feed(ev(1, T0), ev(2, T0 + 10 * SEC), ev(3, T0 + 20 * SEC));
    expect(r.sent).toEqual([]);
    r.tick(T0 + 60 * SEC);
    expect(r.sent).toEqual([expect.objectContaining({ kind: 'digest', at: T0 + 60 * SEC, data: expect.objectContaining({ count: 3 }) })]);
    expect((r.sent[0]!.data as { examples: unknown[] }).examples).toHaveLength(3);
    r.feed(ev(4, T0 + 61 * SEC));
    r.feed(ev(5, T0 + 200 * SEC)); // past the second digest's window: it closes first
    expect(r.sent.map((s) => (s.data as { count: number }).count)).toEqual([3, 1]);
    expect(r.counters()).toMatchObject({ matched: 5, digested: 5, alerts: 2 });
  });

  it('escalate-only: within the hour only a higher priority alerts again', () => {
    const r = ruleRunner({ noise: { escalate_only: { by: 'priority' } } });
    r.feed(ev(1, T0, {}, 'medium'), ev(2, T0 + SEC, {}, 'medium'), ev(3, T0 + 2 * SEC, {}, 'low'), ev(4, T0 + 3 * SEC, {}, 'critical'), ev(5, T0 + 4 * SEC, {}, 'high'));
    expect(r.sent.map((s) => s.at)).toEqual([T0, T0 + 3 * SEC]);
    expect(r.counters().suppressed.not_worse).toBe(3);
  });

  it('escalate-only by a field breaks through the cooldown when the amount is larger', () => {
    const r = ruleRunner({ noise: { cooldown_seconds: 600, escalate_only: { by: 'field', field: 'amount' } } });
    r.feed(ev(1, T0, { amount: (2n ** 80n).toString() }), ev(2, T0 + SEC, { amount: '5' }), ev(3, T0 + 2 * SEC, { amount: (2n ** 80n + 1n).toString() }));
    expect(r.sent.map((s) => s.at)).toEqual([T0, T0 + 2 * SEC]);
  });

  it('a threshold with escalate-only re-alerts while above it only when the window value grew past the last alert', () => {
    const r = ruleRunner({ trigger: { kind: 'sum', field: 'amount', above: '100', window_minutes: 60 }, noise: { escalate_only: { by: 'value' } } });
    r.feed(ev(1, T0, { amount: '150' }));
    r.feed(ev(2, T0 + SEC, { amount: '-20' }), ev(3, T0 + 2 * SEC, { amount: '10' }));
    r.feed(ev(4, T0 + 3 * SEC, { amount: '50' }));
    expect(r.sent.map((s) => (s.data as { value: string }).value)).toEqual(['150', '190']);
  });

  it('snooze: nothing alerts until the time, but matches are counted', () => {
    const r = ruleRunner({ noise: { snooze_until: new Date(T0 + 3600 * SEC).toISOString() } });
    r.feed(ev(1, T0), ev(2, T0 + 3599 * SEC), ev(3, T0 + 3600 * SEC));
    expect(r.sent.map((s) => s.at)).toEqual([T0 + 3600 * SEC]);
    expect(r.counters()).toMatchObject({ matched: 3, alerts: 1, suppressed: { snoozed: 2 } });
  });
});
