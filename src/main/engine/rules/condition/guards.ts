// Envelope equalities a condition requires (`event_type == "withdrawal" && …`), read off its
// top-level `&&` chain: checked in plain JS before CEL runs, so a rule that selects by its
// condition costs almost nothing on the events it cannot match. Sound: when one conjunct is
// false, CEL's && is false whatever the others are.
import type { Activation } from '../values/activation';

const GUARDED = new Set(['event_type', 'contract_id', 'category', 'priority']);

interface Node {
  op: string;
  args: unknown;
}

export type Guard = [name: 'event_type' | 'contract_id' | 'category' | 'priority', value: string];

export function guardsOf(ast: Node): Guard[] {
  if (ast.op === '&&') return (ast.args as Node[]).flatMap(guardsOf);
  if (ast.op !== '==') return [];
  const [a, b] = ast.args as Node[];
  const id = a?.op === 'id' ? a : b?.op === 'id' ? b : null;
  const value = a?.op === 'value' ? a : b?.op === 'value' ? b : null;
  if (!id || !value || typeof value.args !== 'string' || !GUARDED.has(id.args as string)) return [];
  return [[id.args as Guard[0], value.args]];
}

export function passes(guards: Guard[], activation: Activation): boolean {
  for (const [name, value] of guards) if (activation[name] !== value) return false;
  return true;
}
