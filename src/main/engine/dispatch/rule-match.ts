// Does an event go to a target? Each list of the rule narrows (empty = any); priorities compare
// by rank, and an event without one ranks as `low`.
import { PRIORITIES, type StoredEvent } from '../../../shared/model';
import type { Rule } from '../../../shared/targets';

const rank = (p: string | null) => Math.max(0, PRIORITIES.indexOf((p ?? 'low') as (typeof PRIORITIES)[number]));

export function ruleMatches(rule: Rule, event: StoredEvent): boolean {
  if (rule.contracts.length > 0 && !rule.contracts.includes(event.contract_id)) return false;
  if (rule.event_types.length > 0 && !rule.event_types.includes(event.event_type)) return false;
  if (rule.categories.length > 0 && (event.category === null || !rule.categories.includes(event.category))) return false;
  if (rule.min_priority !== null && rank(event.priority) < rank(rule.min_priority)) return false;
  return true;
}
