// Field types of the demo contracts' events: how to invent a value, encode it and declare it.
import { StrKey, xdr } from '@stellar/stellar-sdk';

import type { Rng } from './rng.js';
import { scv } from './scval.js';

/** `enum` is a contracttype integer enum, which travels as a u32. */
export type FieldType =
  | 'account'
  | 'contract'
  | 'bytes32'
  | 'bytes32-list'
  | 'u32'
  | 'u64'
  | 'timestamp'
  | 'i64'
  | 'i128'
  | 'string'
  | 'bool'
  | { readonly enum: readonly string[] };

/** A value as `scValToNative` and `Spec.parseEvent` return it. */
export type NativeValue = string | number | bigint | boolean | Uint8Array | Uint8Array[];

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** Overrides the generic generator when a realistic value needs a narrower range. */
  readonly gen?: (rng: Rng) => NativeValue;
}

export function field(name: string, type: FieldType, gen?: (rng: Rng) => NativeValue): FieldDef {
  return gen ? { name, type, gen } : { name, type };
}

// Unix seconds around November 2026, when the demo network's passphrase is dated.
const TIME_BASE = 1_793_000_000;

function amount(rng: Rng): bigint {
  // A third of the amounts exceed 2^64 so that i128 handling is exercised, not assumed.
  if (rng.chance(1 / 3)) return (1n << 64n) + rng.bigint(rng.int(40, 100));
  return BigInt(rng.int(1, 9_999_999)) * 10n ** BigInt(rng.int(0, 7));
}

export function generateValue(def: FieldDef, rng: Rng): NativeValue {
  if (def.gen) return def.gen(rng);
  const type = def.type;
  if (typeof type === 'object') return rng.int(0, type.enum.length - 1);
  switch (type) {
    case 'account':
      return StrKey.encodeEd25519PublicKey(rng.bytes(32));
    case 'contract':
      return StrKey.encodeContract(rng.bytes(32));
    case 'bytes32':
      return rng.bytes(32);
    case 'bytes32-list':
      return Array.from({ length: rng.int(1, 4) }, () => rng.bytes(32));
    case 'u32':
      return rng.int(0, 1000);
    case 'u64':
      return BigInt(rng.int(1, 1_000_000));
    case 'timestamp':
      return BigInt(TIME_BASE + rng.int(0, 90 * 86_400));
    case 'i64':
      return BigInt(rng.int(-1000, 100_000));
    case 'i128':
      return amount(rng);
    case 'string':
      return rng.pick(['update_config', 'withdraw', 'pause', 'set_admin', 'register_category']);
    case 'bool':
      return rng.chance(0.5);
  }
}

function expect<T>(ok: boolean, value: unknown, what: string): T {
  if (!ok) throw new TypeError(`expected ${what}, got ${String(value)}`);
  return value as T;
}

export function encodeValue(type: FieldType, value: NativeValue): xdr.ScVal {
  if (typeof type === 'object') return scv.u32(expect<number>(typeof value === 'number', value, 'a u32'));
  switch (type) {
    case 'account':
    case 'contract':
      return scv.address(expect<string>(typeof value === 'string', value, 'a strkey'));
    case 'bytes32':
      return scv.bytes(expect<Uint8Array>(value instanceof Uint8Array && value.length === 32, value, '32 bytes'));
    case 'bytes32-list':
      return scv.vec(expect<Uint8Array[]>(Array.isArray(value), value, 'a list of 32-byte ids').map((id) => scv.bytes(id)));
    case 'u32':
      return scv.u32(expect<number>(typeof value === 'number', value, 'a u32'));
    case 'u64':
    case 'timestamp':
      return scv.u64(expect<bigint>(typeof value === 'bigint', value, 'a u64 bigint'));
    case 'i64':
      return scv.i64(expect<bigint>(typeof value === 'bigint', value, 'an i64 bigint'));
    case 'i128':
      return scv.i128(expect<bigint>(typeof value === 'bigint', value, 'an i128 bigint'));
    case 'string':
      return scv.string(expect<string>(typeof value === 'string', value, 'a string'));
    case 'bool':
      return scv.bool(expect<boolean>(typeof value === 'boolean', value, 'a bool'));
  }
}

export function specTypeOf(type: FieldType): xdr.ScSpecTypeDef {
  const T = xdr.ScSpecTypeDef;
  if (typeof type === 'object') return T.scSpecTypeU32();
  switch (type) {
    case 'account':
    case 'contract':
      return T.scSpecTypeAddress();
    case 'bytes32':
      return T.scSpecTypeBytesN(new xdr.ScSpecTypeBytesN({ n: 32 }));
    case 'bytes32-list':
      return T.scSpecTypeVec(new xdr.ScSpecTypeVec({ elementType: specTypeOf('bytes32') }));
    case 'u32':
      return T.scSpecTypeU32();
    case 'u64':
    case 'timestamp':
      return T.scSpecTypeU64();
    case 'i64':
      return T.scSpecTypeI64();
    case 'i128':
      return T.scSpecTypeI128();
    case 'string':
      return T.scSpecTypeString();
    case 'bool':
      return T.scSpecTypeBool();
  }
}
