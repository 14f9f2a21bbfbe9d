// "Fill the holes": one backfill over every hole the RPC still keeps (overlap with what is held
// is harmless: the unique key drops repeats). Holes older than its retention need an archive.
import type { FillHolesResponse } from '../../../shared/api/coverage';
import type { StellarRpc } from '../stellar/rpc-types';
import type { Store } from '../store/store';

export async function planHoleFill(store: Store, rpc: StellarRpc, contractId: string, eventTypes: string[]): Promise<FillHolesResponse & { start: boolean }> {
  const coverage = await store.archive.coverage(contractId, eventTypes);
  const { oldestLedger } = await rpc.getHealth();
  const reachable = coverage.holes.filter((h) => h.to_ledger >= oldestLedger);
  const beyond = coverage.holes.filter((h) => h.from_ledger < oldestLedger);
  if (reachable.length === 0) return { contract_id: contractId, backfill: null, beyond_retention: beyond, start: false };
  const from = Math.max(oldestLedger, reachable[0]!.from_ledger);
  const to = reachable.at(-1)!.to_ledger;
  return { contract_id: contractId, backfill: { from_ledger: from, to_ledger: to }, beyond_retention: beyond, start: true };
}
