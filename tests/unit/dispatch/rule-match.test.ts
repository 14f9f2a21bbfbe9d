import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../src/shared/targets';
import { ruleMatches } from '../../../src/main/engine/dispatch/rule-match';
import { decodedToStored } from '../../../src/main/engine/store/event-row';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';

const event = (overrides: Parameters<typeof decodedEvent>[2] = {}) => decodedToStored(decodedEvent(10, 0, overrides), 0, '2026-11-25T00:00:00Z');
const rule = (input: object) => ruleSchema.parse(input);

describe('rule matching', () => {
  it('an empty rule matches every event', () => {
    expect(ruleMatches(rule({}), event({ category: null, priority: null }))).toBe(true);
  });

  it('an event without a priority counts as low', () => {
    expect(ruleMatches(rule({ min_priority: 'low' }), event({ priority: null }))).toBe(true);
    expect(ruleMatches(rule({ min_priority: 'medium' }), event({ priority: null }))).toBe(false);
  });

  it('minimum priority compares by rank', () => {
    expect(ruleMatches(rule({ min_priority: 'high' }), event({ priority: 'critical' }))).toBe(true);
    expect(ruleMatches(rule({ min_priority: 'high' }), event({ priority: 'high' }))).toBe(true);
    expect(ruleMatches(rule({ min_priority: 'high' }), event({ priority: 'medium' }))).toBe(false);
  });

  it('an event without a category does not pass a category filter', () => {
    expect(ruleMatches(rule({ categories: ['financial'] }), event({ category: null }))).toBe(false);
    expect(ruleMatches(rule({ categories: ['financial', 'admin'] }), event({ category: 'admin' }))).toBe(true);
  });

  it('every list must match', () => {
    const r = rule({ contracts: [CONTRACT_A], event_types: ['withdrawal'], categories: ['financial'] });
    expect(ruleMatches(r, event())).toBe(true);
    expect(ruleMatches(r, event({ eventType: 'deposit' }))).toBe(false);
  });

  it('a rule with a bad contract id or template is refused with the field named', () => {
    const bad = ruleSchema.safeParse({ contracts: ['CABC'], template: '{{#open}}' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['contracts.0', 'template']);
  });
});
