import { describe, expect, it } from 'vitest';
import { checkCondition } from '../../../src/main/engine/rules/condition/check-condition';
import { specFieldTypes } from '../../../src/main/engine/rules/values/spec-fields';
import { AUTOSHARE_SPEC } from '../../fixtures/rule-events';

const withdrawal = specFieldTypes(AUTOSHARE_SPEC).get('withdrawal')!;

describe('a condition is checked against the fields of the rule\'s events', () => {
  it('accepts a condition on known fields', () => {
    expect(checkCondition('event.amount > 1000000000 && event.recipient != event.token', withdrawal)).toEqual({ ok: true });
  });

  it('an unknown field is refused, naming it and the fields there are', () => {
    const result = checkCondition('event.amount > 1 && event.amunt > 5', withdrawal);
    expect(result).toMatchObject({ ok: false, field: 'event.amunt' });
    expect(!result.ok && result.message).toMatch(/^event\.amunt: no such field; .*event\.amount/);
  });

  it('a type error names the field and its type', () => {
    expect(checkCondition('event.recipient > 5', withdrawal)).toMatchObject({ ok: false, field: 'event.recipient', message: expect.stringContaining('is a string') });
    expect(checkCondition('event.amount == "lots"', withdrawal)).toMatchObject({ ok: false, field: 'event.amount', message: expect.stringContaining('is an int') });
  });

  it('a bare name that is not a field or envelope value is refused', () => {
    expect(checkCondition('amount > 5', withdrawal)).toMatchObject({ ok: false, field: 'amount', message: expect.stringContaining('event.<field>') });
  });

  it('syntax errors and non-boolean conditions are refused', () => {
    expect(checkCondition('event.amount >', withdrawal)).toMatchObject({ ok: false });
    expect(checkCondition('event.amount', withdrawal)).toMatchObject({ ok: false, message: expect.stringContaining('true or false') });
  });

  it('with nothing known about the events, only syntax and envelope types are checked', () => {
    expect(checkCondition('event.anything > 5', null)).toEqual({ ok: true });
    expect(checkCondition('ledger == "x"', null)).toMatchObject({ ok: false, field: 'ledger' });
  });
});
