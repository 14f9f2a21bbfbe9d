// Every event the demo contracts emit, with a seeded builder that encodes it as the contract does.
import type { xdr } from '@stellar/stellar-sdk';

import { AUTOSHARE_EVENTS } from './catalog-autoshare.js';
import { NOTIFICATION_EVENTS } from './catalog-notifications.js';
import { TASKBOUNTY_EVENTS } from './catalog-taskbounty.js';
import {
  CATEGORY_CODES,
  PRIORITY_CODES,
  type BuiltEvent,
  type CatalogEntry,
  type EventDefinition,
  type EventOverrides,
} from './catalog-types.js';
import { encodeValue, generateValue, type FieldDef, type NativeValue } from './fields.js';
import { createRng, type Rng } from './rng.js';
import { scv } from './scval.js';

function fieldNames(def: EventDefinition): string[] {
  const data = def.data.format === 'single-value' ? (def.data.field ? [def.data.field] : []) : def.data.fields;
  return [...def.topics, ...data].map((f) => f.name);
}

function build(def: EventDefinition, source: Rng | number, overrides: EventOverrides = {}): BuiltEvent {
  const rng = typeof source === 'number' ? createRng(source) : source;
  const known = new Set([...fieldNames(def), 'category', 'priority']);
  for (const key of Object.keys(overrides)) {
    if (!known.has(key)) throw new Error(`${def.type} has no field ${JSON.stringify(key)}`);
  }

  const fields: Record<string, NativeValue> = {};
  const encode = (f: FieldDef): xdr.ScVal => {
    // Generate even when overridden, so an override does not shift the rest of the stream.
    const generated = generateValue(f, rng);
    const value = overrides[f.name] ?? generated;
    fields[f.name] = value;
    return encodeValue(f.type, value);
  };

  const topics = [...def.prefix.map((s) => scv.symbol(s)), ...def.topics.map(encode)];
  const category = def.categories.length > 0 ? (overrides.category ?? rng.pick(def.categories)) : null;
  if (category !== null) topics.push(scv.u32(CATEGORY_CODES[category]));
  const priority = def.priorities.length > 0 ? (overrides.priority ?? rng.pick(def.priorities)) : null;
  if (priority !== null) topics.push(scv.u32(PRIORITY_CODES[priority]));

  let value: xdr.ScVal;
  switch (def.data.format) {
    case 'single-value':
      value = def.data.field ? encode(def.data.field) : scv.void();
      break;
    case 'map':
      value = scv.map(def.data.fields.map((f) => [f.name, encode(f)] as const));
      break;
    case 'vec':
      value = scv.vec(def.data.fields.map(encode));
      break;
  }
  return { type: def.type, contract: def.contract, emitter: def.emitter, topics, value, fields, category, priority };
}

export const CATALOG: readonly CatalogEntry[] = [...AUTOSHARE_EVENTS, ...NOTIFICATION_EVENTS, ...TASKBOUNTY_EVENTS].map(
  (def): CatalogEntry => ({ ...def, build: (rng, overrides) => build(def, rng, overrides) }),
);

const BY_TYPE = new Map(CATALOG.map((entry) => [entry.type, entry]));

export function catalogEntry(type: string): CatalogEntry {
  const entry = BY_TYPE.get(type);
  if (!entry) throw new Error(`no demo event type ${JSON.stringify(type)}`);
  return entry;
}

/** `buildEvent('withdrawal', rng)`, or with a seed and fixed fields: `buildEvent('withdrawal', 7, { amount: 2n ** 100n })`. */
export function buildEvent(type: string, rng: Rng | number, overrides?: EventOverrides): BuiltEvent {
  return catalogEntry(type).build(rng, overrides);
}

/** The event's topics and value as `getEvents` serves them (base64 XDR). */
export function encodeEvent(event: Pick<BuiltEvent, 'topics' | 'value'>): { topic: string[]; value: string } {
  return { topic: event.topics.map((t) => t.toXdr('base64')), value: event.value.toXdr('base64') };
}
