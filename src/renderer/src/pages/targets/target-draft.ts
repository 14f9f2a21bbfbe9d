// A target as the form edits it (flat text fields by config path) and the conversions to and
// from the API's shape. Checked with the shared targetInputSchema, so the form says what the API
// would refuse, on the field at fault; masked secrets (kept as stored) are not re-checked.
import type { Category, Priority } from '../../../../shared/model';
import { SECRET_MASK, targetInputSchema, type TargetKind, type TargetView } from '../../../../shared/targets';
import { FIELD_DEFAULTS, KIND_FIELDS, visibleFields } from './kind-fields';

export interface RuleDraft {
  contracts: string[];
  eventTypes: string;
  categories: Category[];
  minPriority: Priority | '';
  template: string;
}

export interface TargetDraft {
  id: number | null;
  name: string;
  kind: TargetKind;
  enabled: boolean;
  values: Record<string, string>;
  rule: RuleDraft;
}

export const EMPTY_RULE: RuleDraft = { contracts: [], eventTypes: '', categories: [], minPriority: '', template: '' };

export function newDraft(kind: TargetKind): TargetDraft {
  return { id: null, name: '', kind, enabled: true, values: { ...FIELD_DEFAULTS[kind] }, rule: { ...EMPTY_RULE } };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], source);
}

export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (line.trim() === '') continue;
    if (colon < 0) headers[line.trim()] = '';
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function toInput(draft: TargetDraft): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of visibleFields(draft.kind, draft.values)) {
    const raw = (draft.values[field.path] ?? '').trim();
    if (raw === '') continue;
    let value: unknown = raw;
    if (field.type === 'number') value = Number.isFinite(Number(raw)) ? Number(raw) : raw;
    if (field.type === 'list') value = raw.split(/[,\s]+/).filter(Boolean);
    if (field.type === 'headers') value = parseHeaders(raw);
    setPath(config, field.path, value);
  }
  const types = draft.rule.eventTypes.split(/[\s,]+/).filter(Boolean);
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    enabled: draft.enabled,
    config,
    rule: {
      contracts: draft.rule.contracts,
      event_types: types,
      categories: draft.rule.categories,
      min_priority: draft.rule.minPriority || null,
      template: draft.rule.template.trim() === '' ? null : draft.rule.template,
    },
  };
}

export function fromView(view: TargetView): TargetDraft {
  const values: Record<string, string> = {};
  for (const field of KIND_FIELDS[view.kind]) {
    const value = getPath(view.config, field.path);
    if (value === undefined || value === null) continue;
    if (field.type === 'headers') values[field.path] = Object.entries(value as Record<string, string>).map(([k, v]) => `${k}: ${v}`).join('\n');
    else if (field.type === 'list') values[field.path] = (value as string[]).join(', ');
    else values[field.path] = String(value);
  }
  const r = view.rule;
  return {
    id: view.id,
    name: view.name,
    kind: view.kind,
    enabled: view.enabled,
    values,
    rule: { contracts: r.contracts, eventTypes: r.event_types.join(', '), categories: r.categories, minPriority: r.min_priority ?? '', template: r.template ?? '' },
  };
}

const isMasked = (value: unknown) => typeof value === 'string' && value.startsWith(SECRET_MASK);

/** Problems by field key: `name`, `config.<path>`, `rule.<field>`. Empty when the API would take it. */
export function draftErrors(draft: TargetDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.name.trim() === '') errors.name = 'Give the target a name.';
  for (const field of visibleFields(draft.kind, draft.values)) {
    if (!field.optional && (draft.values[field.path] ?? '').trim() === '') errors[`config.${field.path}`] = 'Required.';
  }
  const input = toInput(draft);
  const parsed = targetInputSchema.safeParse(input);
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    if (isMasked(getPath(input, path.join('.')))) continue;
    let key = path.join('.');
    if (path[0] === 'config') {
      const field = KIND_FIELDS[draft.kind].find((f) => key === `config.${f.path}` || key.startsWith(`config.${f.path}.`));
      key = field ? `config.${field.path}` : 'config';
    } else if (path[0] === 'rule') key = path.slice(0, 2).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}
