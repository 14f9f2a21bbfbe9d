// Rule evaluation cost: 100 rules of every kind (conditions on decoded fields, count and sum
// thresholds, silence, noise control) over demo contract events as ingestion stores them,
// through the live path's RuleEngine, states saved after each batch as the dispatcher does.
// `rules_per_event_us` is the time per event for all 100 rules together.
import { join } from 'node:path';
import type { StoredEvent } from '../src/shared/model';
import { ruleSchema, targetInputSchema, type RuleInput, type TargetInput } from '../src/shared/targets';
import { systemClock } from '../src/main/engine/clock';
import type { TargetAdmin } from '../src/main/engine/dispatch/target-admin';
import { silentLogger } from '../src/main/engine/log/logger';
import { RuleEngine } from '../src/main/engine/rules/rule-engine';
import { decodeEvent } from '../src/main/engine/stellar/decode-event';
import { makeEventId } from '../src/main/engine/stellar/event-id';
import { CATALOG, autoshareSpecEntries, demoContractIds, encodeEvent } from '../src/main/engine/stellar/demo';
import { decodedToStored } from '../src/main/engine/store/event-row';
import { SqliteStore } from '../src/main/engine/store/sqlite/sqlite-store';
import { contract } from '@stellar/stellar-sdk';
import { timed, withTempDir } from './harness';

const BATCH = 500;

/** 100 rules over the demo contracts, most of them rarely firing, as an operator's would be. */
export function hundredRules(contracts: { autoshare: string; notifications: string; taskbounty: string }): RuleInput[] {
  const rules: RuleInput[] = [];
  for (let i = 0; i < 100; i++) {
    // Near the top of the demo's i128 amounts (up to ~2^100): matched by few events.
    const rare = (2n ** 99n + BigInt(i) * 2n ** 92n).toString();
    switch (i % 10) {
      case 0: rules.push({ contracts: [contracts.autoshare], event_types: ['withdrawal'], condition: `event.amount > ${rare} && event.recipient != event.token` }); break;
      case 1: rules.push({ condition: `priority == "critical" && category == "admin" && event_type == "admin_transferred" && event.new_admin == "${contracts.autoshare}"`, noise: { cooldown_seconds: 300 + i } }); break;
      case 2: rules.push({ event_types: ['task_created'], condition: `event.value[2] > ${rare}`, noise: { dedup_key: '{{contract_id}}', dedup_seconds: 600 } }); break;
      case 3: rules.push({ event_types: ['withdrawal'], trigger: { kind: 'count', above: 50 + i, window_minutes: 5 } }); break;
      case 4: rules.push({ event_types: ['withdrawal'], trigger: { kind: 'sum', field: 'amount', above: (2n ** 110n).toString(), window_minutes: 60 }, noise: { escalate_only: { by: 'value' } } }); break;
      case 5: rules.push({ contracts: [contracts.notifications], event_types: ['notification_delivered'], trigger: { kind: 'silence', minutes: 60 } }); break;
      case 6: rules.push({ event_types: ['reputation_updated'], condition: `event.new_score < -990 || event.failed_count > 999`, noise: { digest_seconds: 600 } }); break;
      case 7: rules.push({ event_types: ['batch_notifications_created'], condition: `size(event.ids) > 3 && event.count > 49` }); break;
      case 8: rules.push({ categories: ['financial'], min_priority: 'critical', noise: { escalate_only: { by: 'priority' } } }); break;
      default: rules.push({ event_types: ['channel_preference_updated'], condition: 'event.channel == 2 && !event.enabled', trigger: { kind: 'count', above: 1000, window_minutes: 1 } });
    }
  }
  return rules;
}

/** For the ingest ratio: the same 100 rules as desktop targets (nothing leaves the machine). */
export async function addHundredRules(targets: TargetAdmin, contracts: { autoshare: string; notifications: string; taskbounty: string }): Promise<void> {
  for (const [i, rule] of hundredRules(contracts).entries()) {
    const input: TargetInput = targetInputSchema.parse({ name: `bench rule ${i}`, kind: 'desktop', rule });
    await targets.create(input);
  }
}

/** Demo events as ingestion stores them: every type in turn, decoded with AutoShare's spec. */
function demoEvents(count: number, contracts: ReturnType<typeof demoContractIds>): StoredEvent[] {
  const spec = new contract.Spec(autoshareSpecEntries().map((e) => e.toXdr('base64')));
  const start = Date.now() - count * 250;
  return Array.from({ length: count }, (_, i) => {
    const built = CATALOG[i % CATALOG.length]!.build(i + 1);
    const ledger = 1000 + Math.floor(i / 20);
    const { topic, value } = encodeEvent(built);
    const decoded = decodeEvent(
      { type: 'contract', ledger, ledgerClosedAt: new Date(start + i * 250).toISOString(), contractId: contracts[built.emitter],
        id: makeEventId(ledger, 1 + (i % 20), 0, 0), opIndex: 0, txIndex: 1, inSuccessfulContractCall: true, topic, value },
      built.emitter === 'taskbounty' ? null : spec,
    );
    return decodedToStored(decoded, 0, new Date().toISOString());
  });
}

export async function benchRules(opts: { events?: number } = {}) {
  const events = opts.events ?? 50_000;
  return withTempDir(async (dir) => {
    const store = new SqliteStore(join(dir, 'rules.db'));
    const contracts = demoContractIds(2026);
    const entries = autoshareSpecEntries().map((e) => e.toXdr('base64'));
    for (const id of [contracts.autoshare, contracts.notifications]) await store.putSpec({ contractId: id, wasmHash: null, entries, fetchedAt: new Date().toISOString() });
    await store.putSpec({ contractId: contracts.taskbounty, wasmHash: null, entries: null, fetchedAt: new Date().toISOString() });
    for (const id of Object.values(contracts)) await store.upsertContract({ id });
    const rules = hundredRules(contracts).map((rule, i) => ({ targetId: i + 1, ruleId: i + 1, rule: ruleSchema.parse(rule) }));
    const engine = new RuleEngine({ store, clock: systemClock, log: silentLogger });
    await engine.load(rules, rules.map((r) => r.ruleId));
    const stream = demoEvents(events + 2_000, contracts);
    let routed = 0;
    let routeMs = 0;
    const run = async (slice: StoredEvent[]) => {
      for (let i = 0; i < slice.length; i += BATCH) {
        await engine.prepare();
        const started = performance.now();
        for (const event of slice.slice(i, i + BATCH)) routed += engine.route(event).length;
        routeMs += performance.now() - started;
        // As the dispatcher does: a full batch means more is waiting (a backlog), the last one drains it.
        await engine.settle(i + BATCH >= slice.length);
      }
    };
    await run(stream.slice(0, 2_000)); // warm-up: JIT, spec types, first state rows
    routeMs = 0;
    const { ms } = await timed(() => run(stream.slice(2_000)));
    await store.close();
    return {
      rules: rules.length,
      events,
      rules_per_event_us: +((ms * 1000) / events).toFixed(2),
      per_rule_per_event_ns: +((ms * 1e6) / events / rules.length).toFixed(1),
      /** Of which evaluating (the rest: reading specs and the ledger, saving states, once per batch). */
      evaluation_per_event_us: +((routeMs * 1000) / events).toFixed(2),
      deliveries_routed: routed,
      batch: BATCH,
    };
  });
}
