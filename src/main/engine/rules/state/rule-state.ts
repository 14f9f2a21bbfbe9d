// One rule's memory, as saved in the store (JSON; BigInt sums as decimal strings). Counters
// survive rule edits; the trigger's window and silence reset when what the rule selects or
// how it triggers changes (the fingerprint), since the old buckets counted other events.
import { createHash } from 'node:crypto';
import type { JsonValue, Priority } from '../../../../shared/model';
import { SUPPRESSION_REASONS, type SuppressionReason } from '../../../../shared/rule-parts';
import type { Rule } from '../../../../shared/targets';

export interface Counters {
  /** Events that passed the selectors and the condition. */
  matched: number;
  /** Messages the rule produced: deliveries of matching events, threshold, silence and digest alerts. */
  alerts: number;
  /** Alerts folded into a digest. */
  digested: number;
  /** Events the condition could not be evaluated on (a missing field, another type). */
  condition_errors: number;
  suppressed: Record<SuppressionReason, number>;
}

export interface WindowState {
  /** Bucket width (ms) and buckets as [index, count, sum]; index = floor(time / width). */
  width: number;
  buckets: [number, number, string][];
  /** Above the threshold since the last alert: no new alert until it drops back. */
  active: boolean;
}

export interface SilenceState {
  lastSeenAt: number | null;
  lastSeenLedger: number | null;
  lastEventId: string | null;
  lastContractId: string | null;
  fired: boolean;
}

export interface NoiseState {
  lastFireAt: number | null;
  lastLevel: string | null;
  /** Dedup keys (or the rule, '') that fired: [key, at, level]. */
  keys: [string, number, string | null][];
}

export interface DigestExample {
  event_id: string;
  event_type: string;
  contract_id: string;
  ledger: number;
  at: string;
  fields: JsonValue;
}

export interface DigestState {
  opensAt: number;
  closesAt: number;
  count: number;
  priority: Priority | null;
  contractId: string;
  ledger: number;
  examples: DigestExample[];
}

export interface RuleState {
  fingerprint: string;
  counters: Counters;
  noise: NoiseState;
  window: WindowState | null;
  silence: SilenceState | null;
  digest: DigestState | null;
  /** Numbers the rule's alert events: local:rule:<id>:<kind>:<n>. */
  sequence: number;
  lastAlertAt: number | null;
}

export function fingerprintOf(rule: Rule): string {
  const { contracts, event_types, categories, min_priority, condition, trigger } = rule;
  const text = JSON.stringify({ contracts, event_types, categories, min_priority, condition, trigger });
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

const zeroCounters = (): Counters => ({
  matched: 0,
  alerts: 0,
  digested: 0,
  condition_errors: 0,
  suppressed: Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, 0])) as Record<SuppressionReason, number>,
});

export function freshState(rule: Rule): RuleState {
  return {
    fingerprint: fingerprintOf(rule),
    counters: zeroCounters(),
    noise: { lastFireAt: null, lastLevel: null, keys: [] },
    window: null,
    silence: null,
    digest: null,
    sequence: 0,
    lastAlertAt: null,
  };
}

/** A saved state for this rule; unreadable text starts afresh, a changed rule keeps only its counters and memory. */
export function restoreState(rule: Rule, text: string | undefined): RuleState {
  const fresh = freshState(rule);
  if (text === undefined) return fresh;
  let saved: RuleState;
  try {
    saved = JSON.parse(text) as RuleState;
  } catch {
    return fresh;
  }
  const counters = { ...fresh.counters, ...saved.counters, suppressed: { ...fresh.counters.suppressed, ...saved.counters?.suppressed } };
  const kept = { ...fresh, counters, noise: saved.noise ?? fresh.noise, digest: saved.digest ?? null, sequence: saved.sequence ?? 0, lastAlertAt: saved.lastAlertAt ?? null };
  return saved.fingerprint === fresh.fingerprint ? { ...kept, window: saved.window ?? null, silence: saved.silence ?? null } : kept;
}
