// Small ScVal builders, shared by the catalogue and the spec.
import { Address, nativeToScVal, xdr } from '@stellar/stellar-sdk';

export const scv = {
  symbol: (value: string): xdr.ScVal => xdr.ScVal.scvSymbol(value),
  string: (value: string): xdr.ScVal => xdr.ScVal.scvString(value),
  bool: (value: boolean): xdr.ScVal => xdr.ScVal.scvBool(value),
  u32: (value: number): xdr.ScVal => xdr.ScVal.scvU32(value),
  u64: (value: bigint): xdr.ScVal => xdr.ScVal.scvU64(value),
  i64: (value: bigint): xdr.ScVal => xdr.ScVal.scvI64(value),
  i128: (value: bigint): xdr.ScVal => nativeToScVal(value, { type: 'i128' }),
  bytes: (value: Uint8Array): xdr.ScVal => xdr.ScVal.scvBytes(value),
  address: (strkey: string): xdr.ScVal => Address.fromString(strkey).toScVal(),
  vec: (items: xdr.ScVal[]): xdr.ScVal => xdr.ScVal.scvVec(items),
  void: (): xdr.ScVal => xdr.ScVal.scvVoid(),
  /** Soroban stores maps sorted by key; for Symbol keys that is byte order of the names. */
  map: (fields: ReadonlyArray<readonly [string, xdr.ScVal]>): xdr.ScVal =>
    xdr.ScVal.scvMap(
      [...fields]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, val]) => new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol(key), val })),
    ),
};
