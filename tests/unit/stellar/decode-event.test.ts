import { contract, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../../src/main/engine/stellar/decode-event';
import { makeEventId } from '../../../src/main/engine/stellar/event-id';
import type { RpcEvent } from '../../../src/main/engine/stellar/rpc-types';
import { CATALOG, buildEvent, encodeEvent } from '../../../src/main/engine/stellar/demo/catalog';
import { autoshareWasm } from '../../../src/main/engine/stellar/demo/spec-wasm';
import { nativeToJson } from '../../../src/main/engine/stellar/scval-json';
import { CONTRACT_A } from '../../fixtures/decoded-event';

const spec = contract.Spec.fromWasm(Buffer.from(autoshareWasm()));

function rpcEvent(encoded: { topic: string[]; value: string }, ledger = 1234): RpcEvent {
  return {
    type: 'contract',
    ledger,
    ledgerClosedAt: '2026-11-25T12:00:00Z',
    contractId: CONTRACT_A,
    id: makeEventId(ledger, 1, 0, 0),
    txHash: 'cd'.repeat(32),
    topic: encoded.topic,
    value: encoded.value,
  };
}

describe('decoding the contracts’ events', () => {
  describe.each(CATALOG.map((entry) => [entry.type, entry] as const))('%s', (type, entry) => {
    const built = entry.build(42);
    const raw = rpcEvent(encodeEvent(built));

    it('gets its event type, category and priority from the topics', () => {
      const decoded = decodeEvent(raw);
      expect(decoded.eventType).toBe(type);
      expect(decoded.category).toBe(built.category);
      expect(decoded.priority).toBe(built.priority);
      expect(decoded.decodeStatus).toBe('positional');
    });

    if (entry.contract === 'autoshare') {
      it('names every field from the SEP-48 spec', () => {
        const decoded = decodeEvent(raw, spec);
        expect(decoded.decodeStatus).toBe('spec');
        expect(decoded.data).toEqual(nativeToJson(built.fields));
        expect(decoded.category).toBe(built.category);
        expect(decoded.priority).toBe(built.priority);
      });
    }
  });

  it('keeps an i128 beyond 2^64 exactly, as a decimal string', () => {
    const amount = 2n ** 100n + 7n;
    const decoded = decodeEvent(rpcEvent(encodeEvent(buildEvent('withdrawal', 1, { amount }))), spec);
    expect(decoded.data).toMatchObject({ amount: amount.toString() });
  });

  it('falls back to positional names without a spec: topic_1… and value', () => {
    const built = buildEvent('withdrawal', 3);
    const decoded = decodeEvent(rpcEvent(encodeEvent(built)));
    expect(decoded.data).toEqual({
      topic_1: nativeToJson(built.fields.token),
      topic_2: nativeToJson(built.fields.recipient),
      value: nativeToJson(built.fields.amount),
    });
    expect(decoded.topics[0]).toBe('withdrawal');
  });

  it('joins TaskBounty’s two short symbols into one event type', () => {
    const decoded = decodeEvent(rpcEvent(encodeEvent(buildEvent('task_created', 5))));
    expect(decoded.eventType).toBe('task_created');
    expect(decoded.data).not.toHaveProperty('topic_1');
  });

  it('reads the category of an event that publishes no priority', () => {
    const built = buildEvent('audit_record_appended', 9);
    const decoded = decodeEvent(rpcEvent(encodeEvent(built)));
    expect(decoded.category).toBe('notification');
    expect(decoded.priority).toBeNull();
    // The AuditAction u32 before the category stays a field.
    expect(Object.keys(decoded.data as object)).toContain('topic_2');
  });

  it('stores garbage XDR raw and flagged instead of dropping or throwing', () => {
    const raw = rpcEvent({ topic: ['bm90IHhkcg=='], value: 'AAAA' });
    const decoded = decodeEvent(raw);
    expect(decoded.decodeStatus).toBe('failed');
    expect(decoded.decodeError).toMatch(/XDR could not be decoded/);
    expect(decoded.rawTopics).toEqual(['bm90IHhkcg==']);
    expect(decoded.eventId).toBe(raw.id);
  });

  it('maps with non-text keys become [key, value] pairs so nothing is lost', () => {
    const value = xdr.ScVal.scvMap([
      new xdr.ScMapEntry({ key: xdr.ScVal.scvU32(1), val: xdr.ScVal.scvBool(true) }),
    ]);
    const decoded = decodeEvent(rpcEvent({ topic: [xdr.ScVal.scvSymbol('odd').toXdr('base64')], value: value.toXdr('base64') }));
    expect(decoded.data).toEqual({ value: [[1, true]] });
  });

  it('the same event always gets the same dedup key, another event another key', () => {
    const raw = rpcEvent(encodeEvent(buildEvent('withdrawal', 1)));
    expect(decodeEvent(raw).dedupKey).toBe(decodeEvent({ ...raw }).dedupKey);
    expect(decodeEvent({ ...raw, id: makeEventId(1234, 1, 0, 1) }).dedupKey).not.toBe(decodeEvent(raw).dedupKey);
  });
});
