// Chosen events on the demo network: a demo RPC server whose chain closes empty ledgers, plus
// the events a test asks for (built and encoded by the demo catalog, as the contracts emit
// them) in the next ledger to close. The chain's scan is wrapped on this one instance.
import type { RpcEvent } from '../../../../src/main/engine/stellar/rpc-types';
import { buildEvent, encodeEvent, type DemoRpcServer, type EventOverrides } from '../../../../src/main/engine/stellar/demo';
import { closedAtIso, makeRpcEvent } from '../../../../src/main/engine/stellar/demo/ledger-events';

export interface Injector {
  /** Puts a `type` event with these fields into the next ledger the chain closes. */
  emit(type: string, overrides?: EventOverrides): void;
}

export function injectEvents(demo: DemoRpcServer): Injector {
  const chain = demo.chain;
  const byLedger = new Map<number, RpcEvent[]>();
  const scan = chain.scan.bind(chain);
  let seed = 1;
  chain.scan = (from, toExclusive, after, limit, matches) => {
    const injected: RpcEvent[] = [];
    for (let seq = Math.max(from, chain.oldestLedger); seq < Math.min(toExclusive, chain.latestLedger + 1); seq++) {
      for (const event of byLedger.get(seq) ?? []) if ((after === null || event.id > after) && matches(event.contractId, event.topic)) injected.push(event);
    }
    return [...scan(from, toExclusive, after, limit, matches), ...injected].sort((x, y) => (x.id < y.id ? -1 : 1)).slice(0, limit);
  };
  return {
    emit(type, overrides) {
      const ledger = chain.latestLedger + 1;
      const events = byLedger.get(ledger) ?? [];
      const built = buildEvent(type, seed++, overrides);
      const ctx = { key: 1, contracts: chain.contracts, pool: [] };
      events.push(makeRpcEvent(ctx, ledger, events.length, closedAtIso(chain.closeTimeOf(ledger)), chain.contracts[built.emitter], encodeEvent(built)));
      byLedger.set(ledger, events);
    },
  };
}
