// The save-time check of a condition: syntax, then types against the fields the rule's events
// have. A problem names the field it is about (`event.amunt`), so the API can say which.
import { ENVELOPE_VARIABLES, checkingEnvironment } from './environment';
import type { FieldTypes } from '../values/field-type';

export type ConditionCheck = { ok: true } | { ok: false; field: string | null; message: string };

interface CelIssue {
  code?: string;
  summary?: string;
  message: string;
  range?: { start: number; end: number };
}

const NAME_BEFORE = /[A-Za-z_][\w.]*$/;
const FIELD_ACCESS = /\bevent\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|\b[A-Za-z_]\w*/g;

export function checkCondition(source: string, fields: FieldTypes | null): ConditionCheck {
  const env = checkingEnvironment(fields);
  let result: { valid: boolean; type?: string; error?: CelIssue };
  try {
    result = env.check(source) as typeof result;
  } catch (error) {
    result = { valid: false, error: error as CelIssue };
  }
  if (!result.valid) return describe(source, result.error!, fields);
  if (result.type !== 'bool' && result.type !== 'dyn') {
    return { ok: false, field: null, message: `the condition must be true or false, but it is ${result.type}` };
  }
  return { ok: true };
}

function describe(source: string, issue: CelIssue, fields: FieldTypes | null): ConditionCheck {
  const summary = issue.summary ?? issue.message.split('\n')[0]!;
  const range = issue.range ?? { start: 0, end: source.length };
  if (issue.code === 'no_such_key') {
    const field = source.slice(0, range.end).match(NAME_BEFORE)?.[0] ?? summary;
    const known = fields && fields.size > 0 ? `; the rule's events have ${[...fields.keys()].map((f) => `event.${f}`).join(', ')}` : '';
    return { ok: false, field, message: `${field}: no such field${known}` };
  }
  if (issue.code === 'unknown_variable') {
    const field = summary.replace(/^Unknown variable: /, '');
    const names = ['event.<field>', ...Object.keys(ENVELOPE_VARIABLES)].join(', ');
    return { ok: false, field, message: `${field}: unknown name; a condition can use ${names}` };
  }
  const field = firstName(source.slice(range.start, range.end));
  const type = field?.startsWith('event.') ? fields?.get(field.slice('event.'.length)) : undefined;
  const typeNote = type ? ` (${field} is ${type.kind === 'int' ? 'an int' : `a ${type.kind}`})` : '';
  return { ok: false, field, message: `${field ? `${field}: ` : ''}${summary}${typeNote}` };
}

/** The first field or variable the failing part of the expression mentions. */
function firstName(text: string): string | null {
  for (const match of text.matchAll(FIELD_ACCESS)) {
    const name = match[0];
    if (name.startsWith('event.') || name in ENVELOPE_VARIABLES) return name;
  }
  return null;
}
