// Drives one rule's evaluator over events the way the live path does, collecting what it sends.
import { ruleSchema, type RuleInput } from '../../../src/shared/targets';
import type { StoredEvent } from '../../../src/shared/model';
import { RuleEvaluator } from '../../../src/main/engine/rules/rule-evaluator';
import { freshState } from '../../../src/main/engine/rules/state/rule-state';
import { buildActivation } from '../../../src/main/engine/rules/values/activation';

export interface Sent {
  kind: 'event' | 'threshold' | 'silence' | 'digest';
  at: number;
  data: unknown;
}

export function ruleRunner(input: RuleInput) {
  const evaluator = new RuleEvaluator(1, ruleSchema.parse(input), freshState(ruleSchema.parse(input)));
  const sent: Sent[] = [];
  const collect = () => {
    for (const { alert } of evaluator.takeAlerts()) sent.push({ kind: alert.kind, at: alert.at, data: alert.data });
  };
  return {
    evaluator,
    sent,
    counters: () => evaluator.state.counters,
    feed(...events: StoredEvent[]) {
      for (const event of events) {
        if (evaluator.observe(event, () => buildActivation(event, () => null))) sent.push({ kind: 'event', at: Date.parse(event.created_at), data: event.data });
        collect();
      }
    },
    tick(now: number, ledger: number | null = null) {
      evaluator.tick(now, ledger);
      collect();
    },
  };
}
