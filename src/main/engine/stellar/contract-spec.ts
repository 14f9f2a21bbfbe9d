// Reads a contract's spec from the chain: the instance entry names the WASM, the code entry
// carries it, and its `contractspecv0` section holds the (SEP-48) event specs.
import { Contract, contract, xdr } from '@stellar/stellar-sdk';

const { Hash, LedgerEntryData, LedgerKey, LedgerKeyContractCode } = xdr;
import type { StellarRpc } from './rpc-types';

export interface FetchedSpec {
  wasmHash: string | null;
  /** Base64 ScSpecEntry XDR; null when the contract has no WASM spec (e.g. a Stellar Asset Contract). */
  entries: string[] | null;
}

export async function fetchContractSpec(rpc: StellarRpc, contractId: string): Promise<FetchedSpec> {
  const instanceKey = new Contract(contractId).getFootprint();
  const instance = await rpc.getLedgerEntries([instanceKey.toXdr('base64')]);
  const instanceEntry = instance.entries?.[0];
  if (!instanceEntry) return { wasmHash: null, entries: null };
  const data = LedgerEntryData.fromXdr(instanceEntry.xdr, 'base64');
  if (data.type !== 'contractData' || data.value.val.type !== 'scvContractInstance') {
    return { wasmHash: null, entries: null };
  }
  const executable = data.value.val.instance.executable;
  if (executable.type !== 'contractExecutableWasm') return { wasmHash: null, entries: null };
  const hash = executable.value.value;

  const codeKey = LedgerKey.contractCode(new LedgerKeyContractCode({ hash: new Hash(hash) }));
  const code = await rpc.getLedgerEntries([codeKey.toXdr('base64')]);
  const codeEntry = code.entries?.[0];
  const wasmHash = Buffer.from(hash).toString('hex');
  if (!codeEntry) return { wasmHash, entries: null };
  const codeData = LedgerEntryData.fromXdr(codeEntry.xdr, 'base64');
  if (codeData.type !== 'contractCode') return { wasmHash, entries: null };
  try {
    const spec = contract.Spec.fromWasm(Buffer.from(codeData.value.code));
    return { wasmHash, entries: spec.entries.map((entry) => entry.toXdr('base64')) };
  } catch {
    // A WASM without a readable contractspecv0 section: decode positionally.
    return { wasmHash, entries: null };
  }
}

export function specFromEntries(entries: string[]): contract.Spec {
  return new contract.Spec(entries);
}
