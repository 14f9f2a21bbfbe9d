// Field names and types per event type, read from a contract's SEP-48 event specs. Category
// and priority are left out: the decoder lifts them out of the data into the event itself.
import { xdr, type contract } from '@stellar/stellar-sdk';
import { BOOL, DYN, INT, STRING, listOf, mapOf, type FieldType, type FieldTypes } from './field-type';

const TOPIC_LIST = xdr.ScSpecEventParamLocationV0.scSpecEventParamLocationTopicList.value;
const LEVEL_FIELDS = new Set(['category', 'priority']);
const INTEGERS = new Set([
  'scSpecTypeU32', 'scSpecTypeI32', 'scSpecTypeU64', 'scSpecTypeI64', 'scSpecTypeU128', 'scSpecTypeI128',
  'scSpecTypeU256', 'scSpecTypeI256', 'scSpecTypeTimepoint', 'scSpecTypeDuration',
]);
const TEXTS = new Set(['scSpecTypeString', 'scSpecTypeSymbol', 'scSpecTypeAddress', 'scSpecTypeMuxedAddress', 'scSpecTypeBytes', 'scSpecTypeBytesN']);

export function typeOfSpec(t: xdr.ScSpecTypeDef): FieldType {
  const name = t.type as string;
  if (INTEGERS.has(name)) return INT;
  if (TEXTS.has(name)) return STRING;
  if (name === 'scSpecTypeBool') return BOOL;
  if (name === 'scSpecTypeVec') return listOf(typeOfSpec((t as xdr.ScSpecTypeDef & { vec: xdr.ScSpecTypeVec }).vec.elementType));
  if (name === 'scSpecTypeMap') {
    const { keyType, valueType } = (t as xdr.ScSpecTypeDef & { map: xdr.ScSpecTypeMap }).map;
    return mapOf(typeOfSpec(keyType), typeOfSpec(valueType));
  }
  // Options, results, tuples and user-defined types: their shape is not worth a declaration.
  return DYN;
}

/** The decoder's event type for a spec'd event: topic 0, or two leading symbols joined (`task_created`). */
function eventTypeOf(prefix: string[], topicParams: number): string {
  return prefix.length === 2 && topicParams === 0 ? `${prefix[0]}_${prefix[1]}` : (prefix[0] ?? '');
}

/** Event type → its fields and their types, for every event the spec declares. */
export function specFieldTypes(spec: contract.Spec): Map<string, FieldTypes> {
  const byType = new Map<string, Map<string, FieldType>>();
  for (const event of spec.events()) {
    const prefix = event.prefixTopics.map((t) => t.toString());
    const topicParams = event.params.filter((p) => p.location.value === TOPIC_LIST).length;
    const type = eventTypeOf(prefix, topicParams);
    const fields = byType.get(type) ?? new Map<string, FieldType>();
    for (const param of event.params) {
      const name = param.name.toString();
      if (!LEVEL_FIELDS.has(name)) fields.set(name, typeOfSpec(param.type));
    }
    byType.set(type, fields);
  }
  return byType;
}
