// Events that did not decode by name, per contract and type, so nothing is dropped silently:
// `failed` (raw XDR that did not decode) and `unknown_shape` (positional although the contract
// has a spec: an event the spec does not describe).
import type { DecoderHealth } from '../../../shared/api/rules';
import type { Store } from '../store/store';

export async function decoderHealth(store: Store): Promise<DecoderHealth> {
  const problems = (await store.rules.decodeProblems()).map((p) => ({
    contract_id: p.contractId,
    event_type: p.eventType,
    status: p.status === 'failed' ? ('failed' as const) : ('unknown_shape' as const),
    count: p.count,
    last_at: p.lastAt,
  }));
  const total = (status: 'failed' | 'unknown_shape') => problems.filter((p) => p.status === status).reduce((n, p) => n + p.count, 0);
  return { failed: total('failed'), unknown_shape: total('unknown_shape'), problems };
}

export const emptyDecoderHealth = (): DecoderHealth => ({ failed: 0, unknown_shape: 0, problems: [] });
