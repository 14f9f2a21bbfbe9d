// The events of one ledger: derived arithmetically for pre-generated history, built for live ledgers.
import { makeEventId } from '../event-id.js';
import type { RpcEvent } from '../rpc-types.js';
import { CATALOG, encodeEvent } from './catalog.js';
import type { DemoContracts } from './contracts.js';
import { createRng, mix32 } from './rng.js';
import type { EventTemplate } from './template-pool.js';
import { derivedTxHash, eventPosition } from './tx-hash.js';

export interface EpochContext {
  /** Mixes seed and epoch, so a reset chain never repeats the previous epoch's events. */
  readonly key: number;
  readonly contracts: DemoContracts;
  readonly pool: readonly EventTemplate[];
}

/** RFC 3339 without fractions, as stellar-rpc formats `ledgerClosedAt`. */
export function closedAtIso(closeTime: number): string {
  return new Date(closeTime * 1000).toISOString().replace('.000Z', 'Z');
}

export function makeRpcEvent(
  ctx: EpochContext,
  ledger: number,
  index: number,
  ledgerClosedAt: string,
  contractId: string,
  encoded: { readonly topic: readonly string[]; readonly value: string },
): RpcEvent {
  const { txIndex, opIndex, eventIndex } = eventPosition(index);
  return {
    type: 'contract',
    ledger,
    ledgerClosedAt,
    contractId,
    id: makeEventId(ledger, txIndex, opIndex, eventIndex),
    opIndex,
    txIndex,
    txHash: derivedTxHash(ctx.key, ledger, txIndex),
    inSuccessfulContractCall: true,
    // Shared with the template: events are served read-only.
    topic: encoded.topic as string[],
    value: encoded.value,
  };
}

export function historyTemplate(ctx: EpochContext, ledger: number, index: number): number {
  return mix32(ctx.key, ledger, index) % ctx.pool.length;
}

export function historyEvent(
  ctx: EpochContext,
  ledger: number,
  index: number,
  ledgerClosedAt: string,
  templateIndex = historyTemplate(ctx, ledger, index),
): RpcEvent {
  const template = ctx.pool[templateIndex]!;
  return makeRpcEvent(ctx, ledger, index, ledgerClosedAt, ctx.contracts[template.emitter], template);
}

/** Fresh values for every live event: what a watcher of the demo network sees arrive. */
export function liveEvents(ctx: EpochContext, ledger: number, range: readonly [number, number], closeTime: number): RpcEvent[] {
  const rng = createRng(mix32(ctx.key, ledger, 0x11fe));
  const count = rng.int(range[0], range[1]);
  const closedAt = closedAtIso(closeTime);
  return Array.from({ length: count }, (_, i) => {
    const built = rng.pick(CATALOG).build(rng);
    return makeRpcEvent(ctx, ledger, i, closedAt, ctx.contracts[built.emitter], encodeEvent(built));
  });
}
