// Field names for an event from its contract's SEP-48 event spec. The values are already
// decoded losslessly (scval-json); the spec only says which topic or data slot is which field,
// so each event is decoded once rather than twice (the SDK's parseEvent decodes again).
import { xdr, type contract } from '@stellar/stellar-sdk';
import type { JsonValue } from '../../../shared/model';

interface EventLayout {
  prefix: string[];
  topicFields: string[];
  dataFields: string[];
  format: 'single' | 'vec' | 'map';
}

const TOPIC_LIST = xdr.ScSpecEventParamLocationV0.scSpecEventParamLocationTopicList.value;
const SINGLE_VALUE = xdr.ScSpecEventDataFormat.scSpecEventDataFormatSingleValue.value;
const VEC = xdr.ScSpecEventDataFormat.scSpecEventDataFormatVec.value;

const layoutsBySpec = new WeakMap<contract.Spec, Map<string, EventLayout[]>>();

function layoutsOf(spec: contract.Spec): Map<string, EventLayout[]> {
  let byName = layoutsBySpec.get(spec);
  if (byName) return byName;
  byName = new Map();
  for (const event of spec.events()) {
    const prefix = event.prefixTopics.map((t) => t.toString());
    const format = event.dataFormat.value === SINGLE_VALUE ? 'single' : event.dataFormat.value === VEC ? 'vec' : 'map';
    const layout: EventLayout = {
      prefix,
      topicFields: event.params.filter((p) => p.location.value === TOPIC_LIST).map((p) => p.name.toString()),
      dataFields: event.params.filter((p) => p.location.value !== TOPIC_LIST).map((p) => p.name.toString()),
      format,
    };
    const key = prefix[0] ?? '';
    byName.set(key, [...(byName.get(key) ?? []), layout]);
  }
  layoutsBySpec.set(spec, byName);
  return byName;
}

/** Named fields for the event, or null when the spec has no layout that fits it. */
export function nameFields(spec: contract.Spec, topics: JsonValue[], value: JsonValue): Record<string, JsonValue> | null {
  const candidates = layoutsOf(spec).get(typeof topics[0] === 'string' ? topics[0] : '') ?? [];
  for (const layout of candidates) {
    const fields = fit(layout, topics, value);
    if (fields) return fields;
  }
  return null;
}

function fit(layout: EventLayout, topics: JsonValue[], value: JsonValue): Record<string, JsonValue> | null {
  const { prefix, topicFields, dataFields } = layout;
  if (topics.length < prefix.length + topicFields.length) return null;
  for (let i = 0; i < prefix.length; i++) if (topics[i] !== prefix[i]) return null;
  const fields: Record<string, JsonValue> = {};
  topicFields.forEach((name, i) => (fields[name] = topics[prefix.length + i]!));
  switch (layout.format) {
    case 'single':
      if (dataFields[0] !== undefined) fields[dataFields[0]] = value;
      return fields;
    case 'vec':
      if (!Array.isArray(value) || value.length < dataFields.length) return null;
      dataFields.forEach((name, i) => (fields[name] = value[i]!));
      return fields;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return dataFields.length === 0 ? fields : null;
      for (const name of dataFields) if (name in value) fields[name] = value[name]!;
      return fields;
  }
}
