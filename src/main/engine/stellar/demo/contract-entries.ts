// Ledger keys and WASMs of the demo contracts (contract-lifecycle.ts serves their entries).
import { createHash } from 'node:crypto';

import { Contract, xdr } from '@stellar/stellar-sdk';

import type { DemoEmitter } from './catalog-types.js';
import { autoshareWasm, taskBountyWasm } from './spec-wasm.js';

export interface StoredEntry {
  readonly xdr: string;
  readonly lastModifiedLedgerSeq: number;
  readonly liveUntilLedgerSeq: number;
}

/** The notification module shares AutoShare's WASM, hence its spec. */
export function wasmOf(emitter: DemoEmitter): Uint8Array {
  return emitter === 'taskbounty' ? taskBountyWasm() : autoshareWasm();
}

export const wasmHash = (wasm: Uint8Array): Uint8Array => Uint8Array.from(createHash('sha256').update(wasm).digest());

export const instanceKey = (contractId: string): xdr.LedgerKey => new Contract(contractId).getFootprint();
export const codeKey = (hash: Uint8Array): xdr.LedgerKey =>
  xdr.LedgerKey.contractCode(new xdr.LedgerKeyContractCode({ hash }));
