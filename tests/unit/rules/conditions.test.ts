import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../src/main/engine/rules/condition/compiled-condition';
import { buildActivation } from '../../../src/main/engine/rules/values/activation';
import { specFieldTypes } from '../../../src/main/engine/rules/values/spec-fields';
import { StrKey } from '@stellar/stellar-sdk';
import { AUTOSHARE_SPEC, DEMO, demoStored } from '../../fixtures/rule-events';

const types = specFieldTypes(AUTOSHARE_SPEC);
const typesOf = (contractId: string, eventType: string) => (contractId === DEMO.taskbounty ? null : (types.get(eventType) ?? null));
const matches = (expression: string, event: ReturnType<typeof demoStored>) =>
  compileCondition(expression).test(buildActivation(event, typesOf));

const ALICE = StrKey.encodeEd25519PublicKey(Buffer.alloc(32, 1));
const BOB = StrKey.encodeEd25519PublicKey(Buffer.alloc(32, 2));
const ID = new Uint8Array(32).fill(0xab);
const BIG = 2n ** 100n + 7n;

describe('conditions see every value type the contracts emit, exactly', () => {
  it('i128 amounts beyond 2^64 compare exactly, and addresses compare as strkeys', () => {
    const withdrawal = demoStored('withdrawal', { overrides: { amount: BIG, recipient: ALICE } });
    expect(withdrawal.decode_status).toBe('spec');
    expect(matches('event.amount > 18446744073709551616', withdrawal)).toBe('match');
    expect(matches(`event.amount == ${BIG}`, withdrawal)).toBe('match');
    expect(matches(`event.amount > ${BIG}`, withdrawal)).toBe('no_match');
    expect(matches(`event.amount == ${BIG - 1n}`, withdrawal)).toBe('no_match');
    expect(matches(`event.recipient == "${ALICE}" && event.recipient != event.token`, withdrawal)).toBe('match');
    expect(matches(`event.recipient == "${BOB}"`, withdrawal)).toBe('no_match');
  });

  it('u64 timestamps, i64 below zero, u32 counts, booleans and enums', () => {
    expect(matches('event.expires_at > 1793000000', demoStored('notification_expired', { overrides: { expires_at: 1_800_000_000n } }))).toBe('match');
    expect(matches('event.new_score < 0 && event.successful_count >= 3', demoStored('reputation_updated', { overrides: { new_score: -5n, successful_count: 3 } }))).toBe('match');
    const preference = demoStored('channel_preference_updated', { overrides: { channel: 1, enabled: true } });
    expect(matches('event.enabled && event.channel == 1', preference)).toBe('match');
    expect(matches('!event.enabled', preference)).toBe('no_match');
  });

  it('bytes as hex, strings, and vectors of ids', () => {
    const hex = 'ab'.repeat(32);
    expect(matches(`event.id == "${hex}" && event.creator.startsWith("G")`, demoStored('autoshare_created', { overrides: { id: ID } }))).toBe('match');
    expect(matches('event.action == "withdraw"', demoStored('authorization_failure', { overrides: { action: 'withdraw' } }))).toBe('match');
    const batch = demoStored('batch_notifications_created', { overrides: { ids: [ID, new Uint8Array(32)], count: 2 } });
    expect(matches(`size(event.ids) == 2 && "${hex}" in event.ids && event.count == 2`, batch)).toBe('match');
  });

  it('positional events (no spec) read exact values from the raw XDR', () => {
    const task = demoStored('task_created', { overrides: { reward: 2n ** 70n, task_id: 42n } });
    expect(task.decode_status).toBe('positional');
    expect(matches('event.value[0] == 42 && event.value[2] > 18446744073709551616', task)).toBe('match');
    expect(matches(`event.value[2] == ${2n ** 70n}`, task)).toBe('match');
  });

  it('the envelope: contract, type, ledger, category, priority and time', () => {
    const withdrawal = demoStored('withdrawal', { ledger: 321 });
    const condition = `contract_id == "${DEMO.autoshare}" && event_type == "withdrawal" && ledger == 321 && category == "financial" && priority == "high" && time.getFullYear() == 2026`;
    expect(matches(condition, withdrawal)).toBe('match');
  });

  it('a field the event does not have is an error, not a match', () => {
    expect(matches('event.amount > 1', demoStored('autoshare_created'))).toBe('error');
  });
});
