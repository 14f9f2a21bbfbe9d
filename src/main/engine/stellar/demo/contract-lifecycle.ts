// The demo contracts' lifecycle: each instance and code entry lives until a ledger (TTL), which
// can run down, be extended, or lapse (archived: getLedgerEntries no longer answers it), and an
// instance can be upgraded to another WASM. Kept per chain; the ledger-entry method reads it.
import { Address, xdr } from '@stellar/stellar-sdk';

import type { DemoChain } from './chain.js';
import { codeKey, instanceKey, type StoredEntry, wasmHash, wasmOf } from './contract-entries.js';
import { DEMO_EMITTERS } from './contracts.js';
import { autoshareWasm, taskBountyWasm } from './spec-wasm.js';

const TTL_LEDGERS = 3_110_400; // about 180 days of 5 s ledgers

interface ContractState {
  wasm: Uint8Array;
  instanceLiveUntil: number;
  instanceModified: number;
}

export class DemoContractLifecycle {
  readonly #contracts = new Map<string, ContractState>();
  readonly #codeLiveUntil = new Map<string, number>(); // hex hash → ledger

  constructor(private readonly chain: DemoChain) {
    for (const emitter of DEMO_EMITTERS) {
      const wasm = wasmOf(emitter);
      this.#contracts.set(chain.contracts[emitter], { wasm, instanceLiveUntil: chain.genesisLedger + TTL_LEDGERS, instanceModified: chain.genesisLedger });
      this.#codeLiveUntil.set(hex(wasmHash(wasm)), chain.genesisLedger + TTL_LEDGERS);
    }
    for (const wasm of [autoshareWasm(), taskBountyWasm()]) if (!this.#codeLiveUntil.has(hex(wasmHash(wasm)))) this.#codeLiveUntil.set(hex(wasmHash(wasm)), chain.genesisLedger + TTL_LEDGERS);
  }

  private state(contractId: string): ContractState {
    const state = this.#contracts.get(contractId);
    if (!state) throw new RangeError(`${contractId} is not a demo contract`);
    return state;
  }

  /** Sets when the instance (or, with `entry: 'code'`, its WASM) stops living. */
  setLiveUntil(contractId: string, ledger: number, entry: 'instance' | 'code' = 'instance'): void {
    const state = this.state(contractId);
    if (entry === 'code') this.#codeLiveUntil.set(hex(wasmHash(state.wasm)), ledger);
    else state.instanceLiveUntil = ledger;
  }

  /** What `extend_ttl` does: the entry lives `ledgers` past the current ledger. */
  extend(contractId: string, ledgers: number, entry: 'instance' | 'code' = 'instance'): void {
    this.setLiveUntil(contractId, this.chain.latestLedger + ledgers, entry);
  }

  /** Points the instance at the other demo WASM (a different spec), as `update_current_contract_wasm` does. */
  upgrade(contractId: string): string {
    const state = this.state(contractId);
    const other = hex(wasmHash(state.wasm)) === hex(wasmHash(autoshareWasm())) ? taskBountyWasm() : autoshareWasm();
    state.wasm = other;
    state.instanceModified = this.chain.latestLedger;
    return hex(wasmHash(other));
  }

  wasmHashOf(contractId: string): string {
    return hex(wasmHash(this.state(contractId).wasm));
  }

  /** Canonical base64 LedgerKey → entry, for every entry that is live (archived ones are not served). */
  entries(): Map<string, StoredEntry> {
    const entries = new Map<string, StoredEntry>();
    const latest = this.chain.latestLedger;
    const wasms = new Map<string, Uint8Array>();
    for (const [contractId, state] of this.#contracts) {
      wasms.set(hex(wasmHash(state.wasm)), state.wasm);
      if (state.instanceLiveUntil < latest) continue;
      const hash = wasmHash(state.wasm);
      const instance = xdr.ScVal.scvContractInstance(
        new xdr.ScContractInstance({ executable: xdr.ContractExecutable.contractExecutableWasm(hash), storage: null }),
      );
      const data = xdr.LedgerEntryData.contractData(
        new xdr.ContractDataEntry({
          ext: xdr.ExtensionPoint.v0(),
          contract: Address.fromString(contractId).toScAddress(),
          key: xdr.ScVal.scvLedgerKeyContractInstance(),
          durability: xdr.ContractDataDurability.persistent,
          val: instance,
        }),
      );
      entries.set(instanceKey(contractId).toXdr('base64'), {
        xdr: data.toXdr('base64'),
        lastModifiedLedgerSeq: state.instanceModified,
        liveUntilLedgerSeq: state.instanceLiveUntil,
      });
    }
    for (const [hashHex, wasm] of wasms) {
      const liveUntil = this.#codeLiveUntil.get(hashHex)!;
      if (liveUntil < latest) continue;
      const hash = wasmHash(wasm);
      const code = xdr.LedgerEntryData.contractCode(new xdr.ContractCodeEntry({ ext: xdr.ContractCodeEntryExt.v0(), hash, code: wasm }));
      entries.set(codeKey(hash).toXdr('base64'), { xdr: code.toXdr('base64'), lastModifiedLedgerSeq: this.chain.genesisLedger, liveUntilLedgerSeq: liveUntil });
    }
    return entries;
  }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const lifecycles = new WeakMap<DemoChain, DemoContractLifecycle>();

/** The chain's contract lifecycle, made on first use. */
export function lifecycleOf(chain: DemoChain): DemoContractLifecycle {
  let lifecycle = lifecycles.get(chain);
  if (!lifecycle) {
    lifecycle = new DemoContractLifecycle(chain);
    lifecycles.set(chain, lifecycle);
  }
  return lifecycle;
}
