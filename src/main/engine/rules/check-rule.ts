// The save-time check of a rule against what the store knows about its events: the condition
// (syntax, fields, types) and the fields a sum or escalate_only names. The first problem
// names the rule parameter and the field it is about.
import type { Rule } from '../../../shared/targets';
import type { Store } from '../store/store';
import { checkCondition } from './condition/check-condition';
import { knownFields, type KnownFields } from './fields/field-catalog';
import type { FieldType } from './values/field-type';

export interface RuleProblem {
  /** The rule's parameter at fault: `condition`, `trigger.field`, `noise.escalate_only.field`. */
  parameter: string;
  /** The event field it is about, e.g. `event.amunt`; null when no single field is. */
  field: string | null;
  message: string;
}

export interface RuleCheck {
  problem: RuleProblem | null;
  known: KnownFields;
}

export async function checkRule(store: Store, rule: Rule): Promise<RuleCheck> {
  const known = await knownFields(store, rule);
  return { problem: firstProblem(rule, known.fields), known };
}

function firstProblem(rule: Rule, fields: Map<string, FieldType> | null): RuleProblem | null {
  if (rule.condition !== null) {
    const result = checkCondition(rule.condition, fields);
    if (!result.ok) return { parameter: 'condition', field: result.field, message: result.message };
  }
  if (rule.trigger.kind === 'sum') {
    const problem = integerField(rule.trigger.field, fields);
    if (problem) return { parameter: 'trigger.field', field: rule.trigger.field, message: problem };
  }
  const escalate = rule.noise.escalate_only;
  if (escalate?.by === 'field') {
    const problem = integerField(escalate.field, fields);
    if (problem) return { parameter: 'noise.escalate_only.field', field: escalate.field, message: problem };
  }
  return null;
}

function integerField(path: string, fields: Map<string, FieldType> | null): string | null {
  if (fields === null) return null;
  const [head] = path.split('.');
  const type = fields.get(head!);
  if (!type) return `${path}: no such field; the rule's events have ${[...fields.keys()].join(', ') || 'no fields'}`;
  if (path === head && type.kind !== 'int' && type.kind !== 'dyn') return `${path}: not a whole number (it is a ${type.kind})`;
  return null;
}
