// Rule and decoder series for /metrics, read at scrape time: per rule, its matches, alerts and
// suppressed matches by reason (so noise control never hides anything); per contract and event
// type, the events that did not decode by name.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { HealthReport } from '../../../shared/model';
import { SUPPRESSION_REASONS } from '../../../shared/rule-parts';
import type { RuleEngine } from './rule-engine';
import type { Counters } from './state/rule-state';

export function registerRuleMetrics(registers: Registry[], rules: () => RuleEngine, health: () => HealthReport | null): void {
  const perRule = (name: string, help: string, read: (c: Counters) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['rule', 'target'],
      registers,
      collect() {
        this.reset();
        for (const r of rules().list()) this.inc({ rule: String(r.ruleId), target: String(r.targetId) }, read(r.evaluator.state.counters));
      },
    });
  perRule('notifychain_rule_matches_total', 'Events that passed a rule\'s selectors and condition', (c) => c.matched);
  perRule('notifychain_rule_alerts_total', 'Messages a rule produced (events sent, threshold, silence and digest alerts)', (c) => c.alerts);
  perRule('notifychain_rule_digested_total', 'Alerts folded into a digest', (c) => c.digested);
  perRule('notifychain_rule_condition_errors_total', 'Events a rule\'s condition could not be evaluated on', (c) => c.condition_errors);
  new Counter({
    name: 'notifychain_rule_suppressed_total',
    help: 'Matches noise control kept from becoming alerts, by reason',
    labelNames: ['rule', 'target', 'reason'],
    registers,
    collect() {
      this.reset();
      for (const r of rules().list()) {
        for (const reason of SUPPRESSION_REASONS) {
          this.inc({ rule: String(r.ruleId), target: String(r.targetId), reason }, r.evaluator.state.counters.suppressed[reason]);
        }
      }
    },
  });
  new Gauge({
    name: 'notifychain_decode_problems',
    help: 'Stored events that did not decode by name (failed, or unknown_shape: positional although the contract has a spec)',
    labelNames: ['contract_id', 'event_type', 'status'],
    registers,
    collect() {
      this.reset();
      for (const p of health()?.decoder.problems ?? []) this.set({ contract_id: p.contract_id, event_type: p.event_type, status: p.status }, p.count);
    },
  });
}
