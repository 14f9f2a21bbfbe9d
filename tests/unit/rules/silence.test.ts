import { describe, expect, it } from 'vitest';
import { plainStored, T0 } from '../../fixtures/rule-events';
import { ruleRunner } from './support';

const MIN = 60_000;
const price = (ledger: number, at: number) => plainStored(ledger, at, { eventType: 'price_submitted', data: { price: '100' } });

describe('silence as a signal', () => {
  it('no price for 10 minutes alerts once, and again only after prices resumed', () => {
    const r = ruleRunner({ event_types: ['price_submitted'], trigger: { kind: 'silence', minutes: 10 } });
    r.tick(T0); // the rule starts counting when it is loaded
    r.feed(price(1, T0 + MIN));
    r.tick(T0 + 10 * MIN);
    expect(r.sent).toEqual([]);
    r.tick(T0 + 11 * MIN);
    expect(r.sent).toEqual([expect.objectContaining({ kind: 'silence', at: T0 + 11 * MIN, data: expect.objectContaining({ silent_minutes: 10 }) })]);
    r.tick(T0 + 30 * MIN);
    expect(r.sent).toHaveLength(1); // once per silence
    r.feed(price(2, T0 + 31 * MIN));
    r.tick(T0 + 40 * MIN);
    expect(r.sent).toHaveLength(1);
    r.tick(T0 + 41 * MIN);
    expect(r.sent).toHaveLength(2);
  });

  it('a silence counted in ledgers', () => {
    const r = ruleRunner({ event_types: ['price_submitted'], trigger: { kind: 'silence', ledgers: 3 } });
    r.tick(T0, 100);
    r.feed(price(101, T0));
    r.tick(T0, 103);
    expect(r.sent).toEqual([]);
    r.tick(T0, 104);
    expect(r.sent).toEqual([expect.objectContaining({ kind: 'silence', data: expect.objectContaining({ last_seen_ledger: 101, silent_ledgers: 3 }) })]);
  });

  it('a new rule does not alert for the silence before it existed', () => {
    const r = ruleRunner({ trigger: { kind: 'silence', minutes: 5 } });
    r.tick(T0 + 1000 * MIN);
    expect(r.sent).toEqual([]);
    r.tick(T0 + 1005 * MIN);
    expect(r.sent).toHaveLength(1);
  });
});
