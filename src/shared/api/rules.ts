// The rules API's bodies: rule views with their counters, checks, previews and decoder health.
// One schema each, for the routes, the OpenAPI document and the dashboard.
import { z } from 'zod';
import { SUPPRESSION_REASONS } from '../rule-parts';
import { ruleSchema } from '../targets';

export const ruleBodySchema = z.strictObject({ rule: ruleSchema });

export const ruleCountersSchema = z.object({
  matched: z.number().int(),
  alerts: z.number().int(),
  digested: z.number().int(),
  condition_errors: z.number().int(),
  suppressed: z.object(Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, z.number().int()])) as Record<(typeof SUPPRESSION_REASONS)[number], z.ZodNumber>),
});
export type RuleCounters = z.output<typeof ruleCountersSchema>;

/** Every rule's counters added up, for /health. */
export const ruleTotalsSchema = ruleCountersSchema.extend({ rules: z.number().int() });
export type RuleTotals = z.output<typeof ruleTotalsSchema>;

export const ruleViewSchema = z.object({
  id: z.number().int(),
  target_id: z.number().int(),
  target_name: z.string(),
  /** The target is enabled: the rule sees new events. */
  active: z.boolean(),
  rule: ruleSchema,
  /** Why the condition cannot run; null when it can. */
  condition_error: z.string().nullable(),
  counters: ruleCountersSchema,
  last_alert_at: z.string().nullable(),
  snoozed_until: z.string().nullable(),
  threshold: z.object({ active: z.boolean(), count: z.number().int(), sum: z.string() }).nullable(),
  silence: z.object({ silent: z.boolean(), last_seen_at: z.string().nullable(), last_seen_ledger: z.number().int().nullable() }).nullable(),
  digest: z.object({ pending: z.number().int(), closes_at: z.string() }).nullable(),
});
export type RuleView = z.output<typeof ruleViewSchema>;

export const ruleCheckViewSchema = z.object({
  valid: z.literal(true),
  /** Field → CEL type over the rule's events; null when some of them are not known yet (fields are then not checked). */
  fields: z.record(z.string(), z.string()).nullable(),
  unknown_event_types: z.array(z.string()),
});

export const previewViewSchema = z.object({
  fired: z.object({ '1h': z.number().int(), '24h': z.number().int(), '7d': z.number().int() }),
  counters: ruleCountersSchema,
  examples: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['event', 'threshold', 'silence', 'digest']),
      event_id: z.string().nullable(),
      event_type: z.string(),
      contract_id: z.string(),
      ledger: z.number().int(),
      data: z.unknown(),
    }),
  ),
  scanned: z.number().int(),
  truncated: z.boolean(),
});
export type PreviewView = z.output<typeof previewViewSchema>;

export const decodeProblemSchema = z.object({
  contract_id: z.string(),
  event_type: z.string(),
  /** failed: stored raw, the XDR did not decode; unknown_shape: the contract has a spec, but no event in it fits. */
  status: z.enum(['failed', 'unknown_shape']),
  count: z.number().int(),
  last_at: z.string(),
});

export const decoderHealthSchema = z.object({
  failed: z.number().int(),
  unknown_shape: z.number().int(),
  problems: z.array(decodeProblemSchema),
});
export type DecoderHealth = z.output<typeof decoderHealthSchema>;
