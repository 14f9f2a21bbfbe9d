// Which fields a rule's events have, for checking its condition when it is saved: the spec's
// declared fields for the rule's contracts and event types, plus the fields of recent stored
// events (the only source for contracts without a spec, typed from their raw XDR).
import type { JsonValue, StoredEvent } from '../../../../shared/model';
import type { Rule } from '../../../../shared/targets';
import type { Store } from '../../store/store';
import { BOOL, DYN, INT, STRING, listOf, mapOf, mergeFieldTypes, type FieldType } from '../values/field-type';
import { readScVal, typeOfScVal } from '../values/scval-cel';
import { SpecFieldCache } from './spec-field-cache';

const RECENT_EVENTS = 200;

export interface KnownFields {
  /** Field → type over every event the rule selects; null when nothing is known about some of them. */
  fields: Map<string, FieldType> | null;
  /** Event types the rule names that neither a spec nor a stored event tells anything about. */
  unknownEventTypes: string[];
}

export async function knownFields(store: Store, rule: Pick<Rule, 'contracts' | 'event_types'>): Promise<KnownFields> {
  const contracts = rule.contracts.length > 0 ? rule.contracts : (await store.listContracts()).map((c) => c.id);
  const wanted = rule.event_types.length > 0 ? new Set(rule.event_types) : null;
  const specs = new SpecFieldCache(store);
  await specs.ensure(contracts);
  const fields = new Map<string, FieldType>();
  const seen = new Set<string>();
  for (const contract of contracts) {
    for (const [type, types] of specs.of(contract) ?? []) {
      if (wanted && !wanted.has(type)) continue;
      seen.add(type);
      mergeFieldTypes(fields, types);
    }
  }
  const page = await store.events.query({
    filter: { ...(rule.contracts.length > 0 ? { contractIds: rule.contracts } : {}), ...(wanted ? { eventTypes: [...wanted] } : {}) },
    order: 'desc',
    limit: RECENT_EVENTS,
  });
  for (const event of page.events) {
    if (event.id.startsWith('local:')) continue;
    if (specs.typesOf(event.contract_id, event.event_type)) continue; // the spec already said
    seen.add(event.event_type);
    mergeFieldTypes(fields, storedFieldTypes(event));
  }
  const unknownEventTypes = wanted ? [...wanted].filter((t) => !seen.has(t)) : [];
  return { fields: seen.size === 0 || unknownEventTypes.length > 0 ? null : fields, unknownEventTypes };
}

/** A stored event's fields typed from its raw XDR when positional, else from its JSON. */
function storedFieldTypes(event: StoredEvent): Map<string, FieldType> {
  const out = new Map<string, FieldType>();
  const data = event.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return out;
  for (const [name, value] of Object.entries(data)) {
    const index = /^topic_(\d+)$/.exec(name)?.[1];
    const raw = event.decode_status !== 'positional' ? undefined : name === 'value' ? event.raw.value : index !== undefined ? event.raw.topics[Number(index)] : undefined;
    const val = raw === undefined ? null : readScVal(raw);
    out.set(name, val ? typeOfScVal(val) : typeOfJson(value));
  }
  return out;
}

function typeOfJson(value: JsonValue): FieldType {
  if (typeof value === 'number') return Number.isInteger(value) ? INT : DYN;
  if (typeof value === 'string') return /^-?\d+$/.test(value) ? DYN : STRING;
  if (typeof value === 'boolean') return BOOL;
  if (Array.isArray(value)) return listOf(DYN);
  if (value !== null) return mapOf(STRING, DYN);
  return DYN;
}
