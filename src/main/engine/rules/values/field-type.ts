// The types a condition sees an event's fields as. Every Soroban integer (u32 to i256,
// timepoints, durations) is a CEL int held as a BigInt, so i128 amounts compare exactly;
// addresses (strkeys), bytes (hex) and symbols are strings, as they are in the stored JSON.
export type FieldType =
  | { kind: 'int' | 'string' | 'bool' | 'dyn' }
  | { kind: 'list'; of: FieldType }
  | { kind: 'map'; key: FieldType; value: FieldType };

export const INT: FieldType = { kind: 'int' };
export const STRING: FieldType = { kind: 'string' };
export const BOOL: FieldType = { kind: 'bool' };
export const DYN: FieldType = { kind: 'dyn' };
export const listOf = (of: FieldType): FieldType => ({ kind: 'list', of });
export const mapOf = (key: FieldType, value: FieldType): FieldType => ({ kind: 'map', key, value });

/** The CEL type name the checker declares, e.g. `list<int>`, `map<string, dyn>`. */
export function celTypeName(t: FieldType): string {
  switch (t.kind) {
    case 'list':
      return `list<${celTypeName(t.of)}>`;
    case 'map':
      return `map<${celTypeName(t.key)}, ${celTypeName(t.value)}>`;
    default:
      return t.kind;
  }
}

/** One type for a field seen with both: equal types stay, anything else becomes dyn. */
export function mergeTypes(a: FieldType, b: FieldType): FieldType {
  if (a.kind !== b.kind) return DYN;
  if (a.kind === 'list' && b.kind === 'list') return listOf(mergeTypes(a.of, b.of));
  if (a.kind === 'map' && b.kind === 'map') return mapOf(mergeTypes(a.key, b.key), mergeTypes(a.value, b.value));
  return a;
}

export type FieldTypes = ReadonlyMap<string, FieldType>;

export function mergeFieldTypes(into: Map<string, FieldType>, from: FieldTypes): void {
  for (const [name, type] of from) {
    const known = into.get(name);
    into.set(name, known ? mergeTypes(known, type) : type);
  }
}
