// Every rule's saved counters added up, for /health.
import type { RuleTotals } from '../../../shared/api/rules';
import { SUPPRESSION_REASONS } from '../../../shared/rule-parts';
import type { Counters } from './state/rule-state';

export function ruleTotals(states: Map<number, string>): RuleTotals {
  const totals: RuleTotals = {
    rules: states.size,
    matched: 0,
    alerts: 0,
    digested: 0,
    condition_errors: 0,
    suppressed: Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, 0])) as RuleTotals['suppressed'],
  };
  for (const text of states.values()) {
    let counters: Partial<Counters> | undefined;
    try {
      counters = (JSON.parse(text) as { counters?: Partial<Counters> }).counters;
    } catch {
      continue;
    }
    totals.matched += counters?.matched ?? 0;
    totals.alerts += counters?.alerts ?? 0;
    totals.digested += counters?.digested ?? 0;
    totals.condition_errors += counters?.condition_errors ?? 0;
    for (const reason of SUPPRESSION_REASONS) totals.suppressed[reason] += counters?.suppressed?.[reason] ?? 0;
  }
  return totals;
}
