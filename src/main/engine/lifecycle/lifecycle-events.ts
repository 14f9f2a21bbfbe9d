// From what was seen before and what the chain says now, the lifecycle alerts to raise: an entry
// about to be archived (once per live-until ledger), extended after such a warning, archived,
// or an instance now running another WASM. Ids are stable, so a repeat is stored once.
import type { JsonValue, Priority } from '../../../shared/model';
import type { LifecycleEventType } from '../../../shared/api/lifecycle';
import type { DecodedEvent } from '../stellar/decoded-event';
import type { ObservedLifecycle } from './read-lifecycle';

export interface LifecycleState {
  wasmHash: string | null;
  instanceLiveUntil: number | null;
  codeLiveUntil: number | null;
  checkedLedger: number;
  checkedAt: string;
}

export interface LifecycleContext {
  warnWithinLedgers: number;
  secondsPerLedger: number;
  now: number;
}

type Entry = 'instance' | 'code';

export function estimatedExpiry(liveUntil: number, latest: number, ctx: LifecycleContext): string {
  return new Date(ctx.now + Math.max(0, liveUntil - latest) * ctx.secondsPerLedger * 1000).toISOString();
}

export function lifecycleEvents(previous: LifecycleState | null, seen: ObservedLifecycle, ctx: LifecycleContext): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  const at = new Date(ctx.now).toISOString();
  const raise = (type: LifecycleEventType, key: string, priority: Priority, data: { [k: string]: JsonValue }) => {
    const eventId = `local:lifecycle:${seen.contractId}:${key}`;
    events.push({
      eventId, contractId: seen.contractId, eventType: type, ledger: seen.latestLedger, closedAt: at, txHash: null,
      topics: [type], data, category: 'system', priority, decodeStatus: 'spec', decodeError: null, rawTopics: [], rawValue: '', dedupKey: eventId,
    });
  };
  const check = (entry: Entry, liveUntil: number | null, before: number | null) => {
    const latest = seen.latestLedger;
    if (liveUntil === null || liveUntil < latest) {
      const lapsed = liveUntil ?? before;
      if (lapsed !== null && previous !== null) raise('contract_archived', `${entry}:archived:${lapsed}`, 'critical', { entry, live_until_ledger: lapsed, ledger: latest });
      return;
    }
    const left = liveUntil - latest;
    const fields = { entry, live_until_ledger: liveUntil, ledgers_left: left, estimated_expiry: estimatedExpiry(liveUntil, latest, ctx) };
    if (left <= ctx.warnWithinLedgers) {
      raise('ttl_expiring', `${entry}:expiring:${liveUntil}`, left <= ctx.warnWithinLedgers / 4 ? 'critical' : 'high', fields);
    }
    const wasWarned = previous !== null && before !== null && before - previous.checkedLedger <= ctx.warnWithinLedgers;
    if (wasWarned && before !== null && liveUntil > before && left > ctx.warnWithinLedgers) {
      raise('ttl_extended', `${entry}:extended:${liveUntil}`, 'medium', { ...fields, previous_live_until_ledger: before });
    }
  };
  check('instance', seen.instanceLiveUntil, previous?.instanceLiveUntil ?? null);
  if (seen.wasmHash !== null || previous?.codeLiveUntil != null) check('code', seen.codeLiveUntil, previous?.wasmHash === seen.wasmHash ? (previous?.codeLiveUntil ?? null) : null);
  if (previous?.wasmHash && seen.wasmHash && previous.wasmHash !== seen.wasmHash) {
    raise('contract_upgraded', `upgraded:${previous.wasmHash}:${seen.wasmHash}`, 'high', {
      old_wasm_hash: previous.wasmHash, new_wasm_hash: seen.wasmHash, ledger: seen.latestLedger,
    });
  }
  return events;
}

export function nextState(seen: ObservedLifecycle, now: number): LifecycleState {
  return {
    wasmHash: seen.wasmHash,
    instanceLiveUntil: seen.instanceLiveUntil,
    codeLiveUntil: seen.codeLiveUntil,
    checkedLedger: seen.latestLedger,
    checkedAt: new Date(now).toISOString(),
  };
}
