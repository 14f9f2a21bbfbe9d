// AutoShare's SEP-48 event specs in a minimal WASM, as `getLedgerEntries` serves the contract code.
import { xdr } from '@stellar/stellar-sdk';

import { CATALOG } from './catalog.js';
import type { EventDefinition } from './catalog-types.js';
import { specTypeOf, type FieldDef } from './fields.js';

const TOPIC = xdr.ScSpecEventParamLocationV0.scSpecEventParamLocationTopicList;
const DATA = xdr.ScSpecEventParamLocationV0.scSpecEventParamLocationData;
const FORMATS = {
  'single-value': xdr.ScSpecEventDataFormat.scSpecEventDataFormatSingleValue,
  map: xdr.ScSpecEventDataFormat.scSpecEventDataFormatMap,
  vec: xdr.ScSpecEventDataFormat.scSpecEventDataFormatVec,
} as const;

const param = (f: Pick<FieldDef, 'name' | 'type'>, location: xdr.ScSpecEventParamLocationV0): xdr.ScSpecEventParamV0 =>
  new xdr.ScSpecEventParamV0({ doc: '', name: f.name, type: specTypeOf(f.type), location });

export function eventSpecEntry(def: EventDefinition): xdr.ScSpecEntry {
  const params = def.topics.map((f) => param(f, TOPIC));
  if (def.categories.length > 0) params.push(param({ name: 'category', type: 'u32' }, TOPIC));
  if (def.priorities.length > 0) params.push(param({ name: 'priority', type: 'u32' }, TOPIC));
  const data = def.data.format === 'single-value' ? (def.data.field ? [def.data.field] : []) : def.data.fields;
  params.push(...data.map((f) => param(f, DATA)));
  return xdr.ScSpecEntry.scSpecEntryEventV0(
    new xdr.ScSpecEventV0({
      doc: '',
      lib: '',
      name: def.type,
      prefixTopics: [...def.prefix],
      params,
      dataFormat: FORMATS[def.data.format],
    }),
  );
}

/** Spec entries of AutoShare and its notification module (TaskBounty publishes none). */
export function autoshareSpecEntries(): xdr.ScSpecEntry[] {
  return CATALOG.filter((e) => e.contract === 'autoshare').map(eventSpecEntry);
}

function leb128(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function customSection(name: string, payload: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [...leb128(nameBytes.length), ...nameBytes, ...payload];
  return Uint8Array.from([0x00, ...leb128(body.length), ...body]);
}

/** `\0asm`, version 1, then a `contractspecv0` custom section holding the concatenated entries. */
export function buildSpecWasm(entries: readonly xdr.ScSpecEntry[]): Uint8Array {
  const chunks = entries.map((e) => e.toXdr());
  const payload = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    payload.set(chunk, offset);
    offset += chunk.length;
  }
  return Uint8Array.from([...WASM_HEADER, ...customSection('contractspecv0', payload)]);
}

let autoshareWasmCache: Uint8Array | undefined;

export function autoshareWasm(): Uint8Array {
  autoshareWasmCache ??= buildSpecWasm(autoshareSpecEntries());
  return autoshareWasmCache;
}

/** A valid module with no spec section: decoding TaskBounty must fall back to positions. */
export function taskBountyWasm(): Uint8Array {
  return Uint8Array.from([...WASM_HEADER, ...customSection('contractenvmetav0', new Uint8Array(12))]);
}
