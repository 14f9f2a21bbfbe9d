// Reads what the chain says of each contract's instance and code entries: their live-until
// ledgers and the WASM the instance runs (two getLedgerEntries calls for all contracts).
import { Contract, xdr } from '@stellar/stellar-sdk';
import type { StellarRpc } from '../stellar/rpc-types';

const { Hash, LedgerEntryData, LedgerKey, LedgerKeyContractCode } = xdr;
const MAX_KEYS = 200;

export interface ObservedLifecycle {
  contractId: string;
  /** null: no live instance entry (archived, or never deployed). */
  instanceLiveUntil: number | null;
  wasmHash: string | null;
  codeLiveUntil: number | null;
  latestLedger: number;
}

async function entries(rpc: StellarRpc, keys: string[]): Promise<{ byKey: Map<string, { xdr: string; liveUntil: number | null }>; latestLedger: number }> {
  const byKey = new Map<string, { xdr: string; liveUntil: number | null }>();
  let latestLedger = 0;
  for (let i = 0; i < keys.length; i += MAX_KEYS) {
    const answer = await rpc.getLedgerEntries(keys.slice(i, i + MAX_KEYS));
    latestLedger = Math.max(latestLedger, answer.latestLedger);
    for (const entry of answer.entries ?? []) byKey.set(entry.key, { xdr: entry.xdr, liveUntil: entry.liveUntilLedgerSeq ?? null });
  }
  return { byKey, latestLedger };
}

export async function readLifecycles(rpc: StellarRpc, contractIds: string[]): Promise<ObservedLifecycle[]> {
  if (contractIds.length === 0) return [];
  const instanceKeys = new Map(contractIds.map((id) => [id, new Contract(id).getFootprint().toXdr('base64')]));
  const instances = await entries(rpc, [...instanceKeys.values()]);
  const observed = contractIds.map((contractId): ObservedLifecycle => {
    const entry = instances.byKey.get(instanceKeys.get(contractId)!);
    let wasmHash: string | null = null;
    if (entry) {
      const data = LedgerEntryData.fromXdr(entry.xdr, 'base64');
      if (data.type === 'contractData' && data.value.val.type === 'scvContractInstance') {
        const executable = data.value.val.instance.executable;
        if (executable.type === 'contractExecutableWasm') wasmHash = Buffer.from(executable.value.value).toString('hex');
      }
    }
    return { contractId, instanceLiveUntil: entry?.liveUntil ?? null, wasmHash, codeLiveUntil: null, latestLedger: instances.latestLedger };
  });
  const hashes = [...new Set(observed.map((o) => o.wasmHash).filter((h): h is string => h !== null))];
  const codeKey = (hash: string) => LedgerKey.contractCode(new LedgerKeyContractCode({ hash: new Hash(Buffer.from(hash, 'hex')) })).toXdr('base64');
  const codes = await entries(rpc, hashes.map(codeKey));
  for (const o of observed) {
    if (o.wasmHash) o.codeLiveUntil = codes.byKey.get(codeKey(o.wasmHash))?.liveUntil ?? null;
    o.latestLedger = Math.max(o.latestLedger, codes.latestLedger);
  }
  return observed;
}
