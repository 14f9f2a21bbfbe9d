// Stored JSON → CEL values, guided by the field's declared type: decimal strings of integer
// fields become BigInts (exact for i128), maps stored as [key, value] pairs become Maps.
import type { JsonValue } from '../../../../shared/model';
import type { FieldType } from './field-type';

const INTEGER_TEXT = /^-?\d+$/;

export function jsonToCel(value: JsonValue, type: FieldType): unknown {
  if (value === null) return null;
  switch (type.kind) {
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return BigInt(value);
      return loose(value);
    case 'list':
      return Array.isArray(value) ? value.map((v) => jsonToCel(v, type.of)) : loose(value);
    case 'map':
      if (Array.isArray(value)) {
        const pairs = value.filter((p): p is [JsonValue, JsonValue] => Array.isArray(p) && p.length === 2);
        return new Map(pairs.map(([k, v]) => [jsonToCel(k, type.key), jsonToCel(v, type.value)]));
      }
      if (typeof value === 'object') return mapValues(value, (v) => jsonToCel(v, type.value));
      return loose(value);
    case 'string':
    case 'bool':
      return typeof value === 'object' ? loose(value) : value;
    case 'dyn':
      return loose(value);
  }
}

/**
 * Without a declared type (a user-defined type, an option, no spec at hand): JSON integers and
 * decimal strings are CEL ints, since the decoder writes every 64-bit and wider integer as a
 * decimal string; other strings stay strings.
 */
export function loose(value: JsonValue): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string') return INTEGER_TEXT.test(value) && value.length < 80 ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(loose);
  if (value !== null && typeof value === 'object') return mapValues(value, loose);
  return value;
}

function mapValues(object: { [key: string]: JsonValue }, fn: (v: JsonValue) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) out[key] = fn(object[key]!);
  return out;
}
