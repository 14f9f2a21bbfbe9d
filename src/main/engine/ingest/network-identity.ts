// Detects that the RPC now serves a different chain than the one we stored: another network
// passphrase, a ledger sequence that went back, or a different hash for our last ledger
// (testnet and futurenet are reset from time to time). The caller starts a new epoch.
import type { PollingState } from '../store/store';
import type { GetLatestLedgerResult, StellarRpc } from '../stellar/rpc-types';

export async function detectNetworkChange(
  rpc: StellarRpc,
  state: PollingState,
  passphrase: string,
  latest: GetLatestLedgerResult,
): Promise<string | null> {
  if (state.networkPassphrase !== null && state.networkPassphrase !== passphrase) {
    return `network passphrase changed from "${state.networkPassphrase}" to "${passphrase}"`;
  }
  const checkpoint = state.checkpointLedger;
  if (checkpoint === null || state.checkpointHash === null) return null;
  if (latest.sequence < checkpoint) {
    return `ledger sequence went back from ${checkpoint} to ${latest.sequence}`;
  }
  const hash = checkpoint === latest.sequence ? latest.id : await ledgerHash(rpc, checkpoint);
  if (hash !== null && hash !== state.checkpointHash) {
    return `ledger ${checkpoint} now has hash ${hash.slice(0, 12)}…, we stored ${state.checkpointHash.slice(0, 12)}…`;
  }
  return null;
}

async function ledgerHash(rpc: StellarRpc, sequence: number): Promise<string | null> {
  try {
    const { ledgers } = await rpc.getLedgers({ startLedger: sequence, pagination: { limit: 1 } });
    const ledger = ledgers[0];
    return ledger && ledger.sequence === sequence ? ledger.hash : null;
  } catch (error) {
    // Outside the RPC's retention window the hash cannot be checked; a gap will be recorded.
    if (isOutOfRange(error)) return null;
    throw error;
  }
}

/** The RPC's answer to a ledger outside [oldest, latest]: JSON-RPC -32600 naming the bounds. */
export function isOutOfRange(error: unknown): boolean {
  const e = error as { rpcCode?: number; message?: string } | null;
  return e?.rpcCode === -32600 && /ledger|cursor/i.test(e.message ?? '');
}
