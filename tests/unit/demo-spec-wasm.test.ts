import { contract, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';

import {
  autoshareWasm,
  buildEvent,
  CATALOG,
  CATEGORY_CODES,
  encodeEvent,
  PRIORITY_CODES,
  taskBountyWasm,
} from '../../src/main/engine/stellar/demo/index.js';

const AUTOSHARE = CATALOG.filter((e) => e.contract === 'autoshare');

/** Bytes compare by content; everything else as is. */
const comparable = (value: unknown): unknown =>
  value instanceof Uint8Array
    ? Buffer.from(value).toString('hex')
    : Array.isArray(value)
      ? value.map(comparable)
      : value;
const normalise = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, comparable(v)]));

describe('AutoShare spec WASM', () => {
  const wasm = autoshareWasm();
  const spec = contract.Spec.fromWasm(wasm);

  it('is a WASM module whose contractspecv0 section the SDK reads', () => {
    expect([...wasm.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(spec.events().map((e) => e.name.toString()).sort()).toEqual(AUTOSHARE.map((e) => e.type).sort());
    for (const event of spec.events()) {
      expect(event.lib.toString()).toBe('');
      expect(event.prefixTopics.map(String)).toEqual([event.name.toString()]);
    }
  });

  it('declares category and priority as trailing u32 topic params', () => {
    const withdrawal = spec.findEvent('withdrawal')!;
    const topics = withdrawal.params.filter((p) => p.location.name === 'scSpecEventParamLocationTopicList');
    expect(topics.map((p) => [p.name.toString(), p.type.type])).toEqual([
      ['token', 'scSpecTypeAddress'],
      ['recipient', 'scSpecTypeAddress'],
      ['category', 'scSpecTypeU32'],
      ['priority', 'scSpecTypeU32'],
    ]);
    const accessed = spec.findEvent('notification_accessed')!;
    expect(accessed.params.map((p) => p.name.toString())).not.toContain('priority');
    expect(accessed.dataFormat).toBe(xdr.ScSpecEventDataFormat.scSpecEventDataFormatMap);
  });

  it.each(AUTOSHARE.map((e) => e.type))('parseEvent names every field of %s with the built values', (type) => {
    for (const seed of [11, 12, 13]) {
      const built = buildEvent(type, seed);
      const wire = encodeEvent(built);
      const parsed = spec.parseEvent(wire.topic, wire.value);
      expect(parsed?.name).toBe(type);
      const expected: Record<string, unknown> = { ...built.fields, category: CATEGORY_CODES[built.category!] };
      if (built.priority !== null) expected.priority = PRIORITY_CODES[built.priority];
      expect(normalise(parsed!.data)).toEqual(normalise(expected));
    }
  });

  it('has nothing to say about TaskBounty events, whose WASM carries no spec', () => {
    const wire = encodeEvent(buildEvent('task_created', 1));
    expect(spec.parseEvent(wire.topic, wire.value)).toBeUndefined();
    expect(() => contract.Spec.fromWasm(taskBountyWasm())).toThrow(/contract spec/);
  });
});
