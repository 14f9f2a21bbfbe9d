import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../src/main/engine/rules/condition/compiled-condition';
import { buildActivation } from '../../../src/main/engine/rules/values/activation';
import { plainStored, T0 } from '../../fixtures/rule-events';

describe('conditions that select by event type, contract, category or priority', () => {
  const withdrawal = buildActivation(plainStored(1, T0, { eventType: 'withdrawal', category: 'financial', priority: 'high', data: { amount: '7' } }), () => null);
  it('give the same answer as CEL, before it runs', () => {
    expect(compileCondition('event_type == "withdrawal" && event.amount > 5').test(withdrawal)).toBe('match');
    expect(compileCondition('event_type == "deposit" && event.amount > 5').test(withdrawal)).toBe('no_match');
    // A false conjunct wins over an error in another, as CEL's && says.
    expect(compileCondition('"deposit" == event_type && event.nope > 5').test(withdrawal)).toBe('no_match');
    expect(compileCondition('event_type == "withdrawal" && event.nope > 5').test(withdrawal)).toBe('error');
    expect(compileCondition('category == "admin" || priority == "high"').test(withdrawal)).toBe('match');
    expect(compileCondition('priority == "high" && category == "financial"').test(withdrawal)).toBe('match');
  });
});
