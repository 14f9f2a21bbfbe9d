// Ledger entries for the demo contracts: each instance points at a WASM hash, each WASM is stored as contract code.
import { createHash } from 'node:crypto';

import { Address, Contract, xdr } from '@stellar/stellar-sdk';

import type { DemoEmitter } from './catalog-types.js';
import { DEMO_EMITTERS, type DemoContracts } from './contracts.js';
import { autoshareWasm, taskBountyWasm } from './spec-wasm.js';

export interface StoredEntry {
  readonly xdr: string;
  readonly lastModifiedLedgerSeq: number;
  readonly liveUntilLedgerSeq: number;
}

const TTL_LEDGERS = 3_110_400; // about 180 days of 5 s ledgers

/** The notification module shares AutoShare's WASM, hence its spec. */
export function wasmOf(emitter: DemoEmitter): Uint8Array {
  return emitter === 'taskbounty' ? taskBountyWasm() : autoshareWasm();
}

export const wasmHash = (wasm: Uint8Array): Uint8Array => Uint8Array.from(createHash('sha256').update(wasm).digest());

export const instanceKey = (contractId: string): xdr.LedgerKey => new Contract(contractId).getFootprint();
export const codeKey = (hash: Uint8Array): xdr.LedgerKey =>
  xdr.LedgerKey.contractCode(new xdr.LedgerKeyContractCode({ hash }));

/** Canonical base64 LedgerKey → entry, for what the demo network has deployed. */
export function contractEntries(contracts: DemoContracts, deployedAt: number): Map<string, StoredEntry> {
  const entries = new Map<string, StoredEntry>();
  const stored = (data: xdr.LedgerEntryData): StoredEntry => ({
    xdr: data.toXdr('base64'),
    lastModifiedLedgerSeq: deployedAt,
    liveUntilLedgerSeq: deployedAt + TTL_LEDGERS,
  });
  for (const emitter of DEMO_EMITTERS) {
    const wasm = wasmOf(emitter);
    const hash = wasmHash(wasm);
    const instance = xdr.ScVal.scvContractInstance(
      new xdr.ScContractInstance({ executable: xdr.ContractExecutable.contractExecutableWasm(hash), storage: null }),
    );
    const data = xdr.LedgerEntryData.contractData(
      new xdr.ContractDataEntry({
        ext: xdr.ExtensionPoint.v0(),
        contract: Address.fromString(contracts[emitter]).toScAddress(),
        key: xdr.ScVal.scvLedgerKeyContractInstance(),
        durability: xdr.ContractDataDurability.persistent,
        val: instance,
      }),
    );
    entries.set(instanceKey(contracts[emitter]).toXdr('base64'), stored(data));
    const code = xdr.LedgerEntryData.contractCode(
      new xdr.ContractCodeEntry({ ext: xdr.ContractCodeEntryExt.v0(), hash, code: wasm }),
    );
    entries.set(codeKey(hash).toXdr('base64'), stored(code));
  }
  return entries;
}
