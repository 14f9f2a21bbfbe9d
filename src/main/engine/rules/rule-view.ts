// What the API shows of each rule: its definition, its target, and its state (counters,
// window, silence, digest), live from the dispatcher where it runs, else as last saved.
import type { RuleView } from '../../../shared/api/rules';
import type { TargetRecord } from '../store/dispatch-store';
import type { Store } from '../store/store';
import type { RuleEngine } from './rule-engine';
import { RuleEvaluator } from './rule-evaluator';
import { restoreState, type RuleState } from './state/rule-state';
import { SlidingWindow } from './trigger/sliding-window';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function ruleViews(store: Store, engine: RuleEngine, now: number): Promise<RuleView[]> {
  const [targets, saved] = await Promise.all([store.dispatch.listTargets(), store.rules.load()]);
  const live = new Map(engine.list().map((r) => [r.ruleId, r.evaluator]));
  return targets.flatMap((target) =>
    target.rules.map((r) => {
      const evaluator = live.get(r.id) ?? new RuleEvaluator(r.id, r.match, restoreState(r.match, saved.get(r.id)));
      return viewOf(target, evaluator, now);
    }),
  );
}

function viewOf(target: TargetRecord, evaluator: RuleEvaluator, now: number): RuleView {
  const { rule, state } = evaluator;
  const snooze = rule.noise.snooze_until;
  return {
    id: evaluator.id,
    target_id: target.id,
    target_name: target.name,
    active: target.enabled,
    rule,
    condition_error: evaluator.conditionError,
    counters: structuredClone(state.counters),
    last_alert_at: iso(state.lastAlertAt),
    snoozed_until: snooze !== null && Date.parse(snooze) > now ? snooze : null,
    threshold: thresholdOf(evaluator, state, now),
    silence: state.silence
      ? { silent: state.silence.fired, last_seen_at: iso(state.silence.lastSeenAt), last_seen_ledger: state.silence.lastSeenLedger }
      : null,
    digest: state.digest ? { pending: state.digest.count, closes_at: new Date(state.digest.closesAt).toISOString() } : null,
  };
}

function thresholdOf(evaluator: RuleEvaluator, state: RuleState, now: number): RuleView['threshold'] {
  const trigger = evaluator.rule.trigger;
  if (!state.window || (trigger.kind !== 'count' && trigger.kind !== 'sum')) return null;
  const window = new SlidingWindow(structuredClone(state.window), trigger.window_minutes * 60_000);
  window.advance(now);
  return { active: state.window.active, count: window.count, sum: window.sum.toString() };
}
