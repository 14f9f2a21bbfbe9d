// A target record made ready to send: its module, its rule, and its config opened — or, when
// the secrets cannot be opened (another key, no key), why not, so its deliveries say so.
import { ruleSchema, type Rule, type TargetConfig, type TargetKind } from '../../../shared/targets';
import type { SecretBox } from '../secrets/secret-box';
import type { TargetRecord } from '../store/dispatch-store';
import { targetFor } from './registry';
import type { Target } from './target';
import { openConfig, secretValues } from './target-secrets';

export interface LoadedTarget {
  id: number;
  name: string;
  kind: TargetKind;
  module: Target;
  config: TargetConfig | null;
  configError: string | null;
  /** The opened secret values, cut out of any error message before it is stored or logged. */
  secrets: string[];
  ruleId: number;
  rule: Rule;
}

export function loadTarget(record: TargetRecord, box: SecretBox): LoadedTarget {
  const rule = record.rules[0] ?? { id: 0, match: ruleSchema.parse({}) };
  const base = { id: record.id, name: record.name, kind: record.kind, module: targetFor(record.kind), ruleId: rule.id, rule: rule.match };
  try {
    const config = openConfig(record.kind, record.config, box);
    return { ...base, config: config as TargetConfig, configError: null, secrets: secretValues(record.kind, config) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'secrets.unreadable';
    return { ...base, config: null, configError: `${code}: ${(error as Error).message}`, secrets: [] };
  }
}
