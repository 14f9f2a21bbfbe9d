// Finds the secret leaves of a target config (fields marked with `secret()` in the shared
// schema) and seals, opens, masks or collects them. Walks the zod schema next to the value, so
// a new secret field needs nothing here.
import type { z } from 'zod';
import { SECRET_MASK, TARGET_CONFIG_SCHEMAS, secretFields, type TargetKind } from '../../../shared/targets';
import type { SecretBox } from '../secrets/secret-box';

type Path = (string | number)[];
type OnSecret = (value: string, path: Path) => unknown;
interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function walk(schema: z.ZodType, value: unknown, onSecret: OnSecret, path: Path): unknown {
  if (value === undefined || value === null) return value;
  if (secretFields.has(schema)) return typeof value === 'string' ? onSecret(value, path) : value;
  const def = defOf(schema);
  if (def.innerType) return walk(def.innerType, value, onSecret, path);
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (def.type === 'object' && def.shape) {
    const out: Record<string, unknown> = { ...record };
    for (const [key, field] of Object.entries(def.shape)) {
      if (key in record) out[key] = walk(field, record[key], onSecret, [...path, key]);
    }
    return out;
  }
  if (def.type === 'record' && def.valueType) {
    return Object.fromEntries(Object.entries(record).map(([key, v]) => [key, walk(def.valueType!, v, onSecret, [...path, key])]));
  }
  if (def.type === 'union' && def.options && def.discriminator) {
    const option = def.options.find((o) => literalValues(o, def.discriminator!).includes(record[def.discriminator!]));
    return option ? walk(option, value, onSecret, path) : value;
  }
  return value;
}

function literalValues(option: z.ZodType, key: string): unknown[] {
  const field = defOf(option).shape?.[key];
  return field ? ((defOf(field) as Def & { values?: unknown[] }).values ?? []) : [];
}

const mapSecrets = (kind: TargetKind, config: unknown, onSecret: OnSecret) =>
  walk(TARGET_CONFIG_SCHEMAS[kind], config, onSecret, []) as Record<string, unknown>;

export function sealConfig(kind: TargetKind, config: unknown, box: SecretBox): Record<string, unknown> {
  return mapSecrets(kind, config, (v) => box.seal(v));
}

/** Throws a SecretsError when a value cannot be opened with this box's key. */
export function openConfig(kind: TargetKind, sealed: unknown, box: SecretBox): Record<string, unknown> {
  return mapSecrets(kind, sealed, (v) => box.open(v));
}

/** `••••` + the last 4 characters, only for values long enough that 4 give little away. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? SECRET_MASK + value.slice(-4) : SECRET_MASK;
}

export function maskConfig(kind: TargetKind, plain: unknown): Record<string, unknown> {
  return mapSecrets(kind, plain, maskSecret);
}

/** Masks without the key: what a listing shows when secrets cannot be opened. */
export function blankConfig(kind: TargetKind, sealed: unknown): Record<string, unknown> {
  return mapSecrets(kind, sealed, () => SECRET_MASK);
}

/** An update that sends a masked value back means "unchanged": take the stored secret. */
export function keepMaskedSecrets(kind: TargetKind, incoming: unknown, current: unknown): unknown {
  return mapSecrets(kind, incoming, (value, path) => {
    if (!value.startsWith(SECRET_MASK)) return value;
    const stored = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], current);
    return typeof stored === 'string' ? stored : value;
  });
}

export function secretValues(kind: TargetKind, plain: unknown): string[] {
  const found: string[] = [];
  mapSecrets(kind, plain, (v) => {
    found.push(v);
    return v;
  });
  return found;
}

/** Replaces any secret that found its way into a message (an echoed URL, a token in an error). */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(SECRET_MASK);
  }
  return out;
}
