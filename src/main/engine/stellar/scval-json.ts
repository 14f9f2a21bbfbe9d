// ScVal → JSON that loses nothing: 64/128/256-bit integers as decimal strings, bytes as hex,
// addresses as strkeys, maps as objects when every key is a symbol or string (else [key, value]
// pairs, since JSON object keys cannot carry a u32 or an address faithfully).
import { Address, scValToBigInt, xdr } from '@stellar/stellar-sdk';
import type { JsonValue } from '../../../shared/model';

export function scValToJson(val: xdr.ScVal): JsonValue {
  switch (val.type) {
    case 'scvBool':
      return val.b;
    case 'scvVoid':
      return null;
    case 'scvU32':
      return val.u32;
    case 'scvI32':
      return val.i32;
    case 'scvU64':
      return val.u64.toString();
    case 'scvI64':
      return val.i64.toString();
    case 'scvTimepoint':
      return val.timepoint.toString();
    case 'scvDuration':
      return val.duration.toString();
    case 'scvU128':
    case 'scvI128':
    case 'scvU256':
    case 'scvI256':
      return scValToBigInt(val).toString();
    case 'scvBytes':
      return Buffer.from(val.bytes.toBytes()).toString('hex');
    case 'scvString':
      return val.str.toString();
    case 'scvSymbol':
      return val.sym.toString();
    case 'scvAddress':
      return addressToStrkey(val.address);
    case 'scvVec':
      return (val.vec ?? []).map(scValToJson);
    case 'scvMap':
      return mapToJson(val.map ?? []);
    case 'scvError':
      return { error: val.error.type };
    default:
      return { type: val.type };
  }
}

// Strkey encoding (base32 + CRC16) is the costliest step of decoding, and the same few
// addresses recur in every event: remember recent ones by their XDR bytes.
const strkeys = new Map<string, string>();
const STRKEY_CACHE_SIZE = 10_000;

function addressToStrkey(address: xdr.ScAddress): string {
  const raw =
    address.type === 'scAddressTypeAccount' ? address.accountId.ed25519.toBytes()
    : address.type === 'scAddressTypeContract' ? address.contractId.value
    : null;
  if (raw === null) return Address.fromScAddress(address).toString();
  const key = address.type[13] + Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  let strkey = strkeys.get(key);
  if (strkey === undefined) {
    strkey = Address.fromScAddress(address).toString();
    if (strkeys.size >= STRKEY_CACHE_SIZE) strkeys.clear();
    strkeys.set(key, strkey);
  }
  return strkey;
}

function mapToJson(entries: xdr.ScMapEntry[]): JsonValue {
  const keysAreText = entries.every((e) => e.key.type === 'scvSymbol' || e.key.type === 'scvString');
  if (!keysAreText) return entries.map((e) => [scValToJson(e.key), scValToJson(e.val)]);
  const out: { [key: string]: JsonValue } = {};
  for (const entry of entries) out[scValToJson(entry.key) as string] = scValToJson(entry.val);
  return out;
}

/** JSON for values that `contract.Spec` already turned native (bigint, Buffer, Map…). */
export function nativeToJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(nativeToJson);
  if (value instanceof Map) {
    const entries = [...value.entries()];
    if (entries.every(([k]) => typeof k === 'string')) {
      return Object.fromEntries(entries.map(([k, v]) => [k, nativeToJson(v)]));
    }
    return entries.map(([k, v]) => [nativeToJson(k), nativeToJson(v)]);
  }
  if (value instanceof Address) return value.toString();
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = nativeToJson(v);
    return out;
  }
  return String(value);
}
