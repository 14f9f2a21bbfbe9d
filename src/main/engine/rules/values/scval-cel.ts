// ScVal → the value a CEL condition sees: exact, from the raw XDR, for events the decoder named
// positionally (no spec), where the stored JSON cannot tell an i128 from a numeric string.
import { xdr } from '@stellar/stellar-sdk';
import { scValToJson } from '../../stellar/scval-json';
import { BOOL, DYN, INT, STRING, listOf, mapOf, mergeTypes, type FieldType } from './field-type';

const INTEGER_SCVALS = new Set(['scvU32', 'scvI32', 'scvU64', 'scvI64', 'scvU128', 'scvI128', 'scvU256', 'scvI256', 'scvTimepoint', 'scvDuration']);
const TEXT_SCVALS = new Set(['scvString', 'scvSymbol', 'scvAddress', 'scvBytes']);

export function scValToCel(val: xdr.ScVal): unknown {
  const type = val.type;
  if (INTEGER_SCVALS.has(type)) return BigInt(scValToJson(val) as string | number);
  if (type === 'scvVec') return (val.vec ?? []).map(scValToCel);
  if (type === 'scvMap') {
    const entries = val.map ?? [];
    if (entries.every((e) => e.key.type === 'scvSymbol' || e.key.type === 'scvString')) {
      return Object.fromEntries(entries.map((e) => [scValToJson(e.key) as string, scValToCel(e.val)]));
    }
    return new Map(entries.map((e) => [scValToCel(e.key), scValToCel(e.val)]));
  }
  return scValToJson(val);
}

export function typeOfScVal(val: xdr.ScVal): FieldType {
  const type = val.type;
  if (INTEGER_SCVALS.has(type)) return INT;
  if (TEXT_SCVALS.has(type)) return STRING;
  if (type === 'scvBool') return BOOL;
  if (type === 'scvVec') return listOf(commonType((val.vec ?? []).map(typeOfScVal)));
  if (type === 'scvMap') {
    const entries = val.map ?? [];
    const textKeys = entries.every((e) => e.key.type === 'scvSymbol' || e.key.type === 'scvString');
    return mapOf(textKeys ? STRING : commonType(entries.map((e) => typeOfScVal(e.key))), commonType(entries.map((e) => typeOfScVal(e.val))));
  }
  return DYN;
}

function commonType(types: FieldType[]): FieldType {
  return types.length === 0 ? DYN : types.reduce(mergeTypes);
}

/** Decodes one base64 ScVal; null when it is not valid XDR. */
export function readScVal(base64: string): xdr.ScVal | null {
  try {
    return xdr.ScVal.fromXDR(base64, 'base64');
  } catch {
    return null;
  }
}
