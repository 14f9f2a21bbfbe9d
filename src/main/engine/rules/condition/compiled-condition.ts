// A rule's condition parsed once; testing it never throws. A field the event lacks, or a value
// of another type than the expression expects, is an `error` (counted), not a match.
import type { Activation } from '../values/activation';
import { evaluationEnvironment } from './environment';
import { guardsOf, passes } from './guards';

export type ConditionResult = 'match' | 'no_match' | 'error';

export interface CompiledCondition {
  readonly source: string;
  test(activation: Activation): ConditionResult;
}

/** Throws the parser's error when the expression is not valid CEL. */
export function compileCondition(source: string): CompiledCondition {
  const run = evaluationEnvironment.parse(source);
  // Checked once here, an expression is not type-checked again against each event's values,
  // which costs ten times the evaluation itself.
  run.check();
  const guards = guardsOf(run.ast as Parameters<typeof guardsOf>[0]);
  return {
    source,
    test(activation) {
      if (!passes(guards, activation)) return 'no_match';
      try {
        const value = run(activation as unknown as Record<string, unknown>);
        return value === true ? 'match' : 'no_match';
      } catch {
        return 'error';
      }
    },
  };
}
