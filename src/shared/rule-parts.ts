// The parts of a rule beyond its selectors: a CEL condition, the trigger (each event, a
// threshold over a window, silence) and noise control. Runs anywhere, so the dashboard's rule
// editor validates with the same schemas; the engine adds the checks that need stored data
// (which fields the contract's events have, their types).
import { parse } from '@marcbachmann/cel-js';
import Mustache from 'mustache';
import { z } from 'zod';

const MINUTES_IN_WEEK = 7 * 24 * 60;
const SECONDS_IN_30_DAYS = 30 * 86_400;

/** A field of the event's decoded data: `amount`, or a path into a map: `meta.price`. */
export const fieldPathSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a field name such as amount (or a path such as meta.price)')
  .max(200);

/** Exact integers (i128 and beyond) travel as decimal strings; small ones may be JSON numbers. */
const integerText = z
  .union([z.string().regex(/^-?\d{1,80}$/, 'a whole number, as a decimal string for big values'), z.number().int()])
  .transform((value) => BigInt(value).toString());

export const conditionSchema = z
  .string()
  .trim()
  .min(1)
  .max(4000)
  .superRefine((value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      const summary = (error as { summary?: string }).summary ?? (error as Error).message;
      ctx.addIssue({ code: 'custom', message: `not a valid CEL expression: ${summary}` });
    }
  });

const windowMinutes = z.number().positive().max(MINUTES_IN_WEEK);

export const triggerSchema = z.discriminatedUnion('kind', [
  /** Every matching event is an alert. */
  z.strictObject({ kind: z.literal('each') }),
  /** More than `above` matching events within `window_minutes`. */
  z.strictObject({ kind: z.literal('count'), above: z.number().int().min(0), window_minutes: windowMinutes }),
  /** The sum of `field` over the matching events of `window_minutes` is above `above` (exact integers). */
  z.strictObject({ kind: z.literal('sum'), field: fieldPathSchema, above: integerText, window_minutes: windowMinutes }),
  /** No matching event for `ledgers` ledgers or `minutes` minutes: fires once, re-arms when one comes. */
  z
    .strictObject({
      kind: z.literal('silence'),
      ledgers: z.number().int().min(1).max(1_000_000).optional(),
      minutes: z.number().positive().max(MINUTES_IN_WEEK).optional(),
    })
    .refine((s) => (s.ledgers === undefined) !== (s.minutes === undefined), { message: 'give either ledgers or minutes', path: ['ledgers'] }),
]);
export type Trigger = z.output<typeof triggerSchema>;

const dedupTemplate = z
  .string()
  .min(1)
  .max(500)
  .superRefine((value, ctx) => {
    try {
      Mustache.parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid mustache template: ${(error as Error).message}` });
    }
  });

export const escalateSchema = z.discriminatedUnion('by', [
  /** A higher priority than the last alert. */
  z.strictObject({ by: z.literal('priority') }),
  /** A larger value of this field than the last alert's. */
  z.strictObject({ by: z.literal('field'), field: fieldPathSchema }),
  /** A larger window count or sum than the last alert's (count and sum triggers). */
  z.strictObject({ by: z.literal('value') }),
]);

export const noiseSchema = z.strictObject({
  /** After an alert, further alerts of this rule wait this long (unless worse, with escalate_only). */
  cooldown_seconds: z.number().int().min(0).max(SECONDS_IN_30_DAYS).default(0),
  /** Mustache over the event (`{{recipient}}`): an alert whose key already fired within dedup_seconds is dropped. */
  dedup_key: dedupTemplate.nullable().default(null),
  /** How long a key (or, with escalate_only, the last alert's level) is remembered. */
  dedup_seconds: z.number().int().min(1).max(SECONDS_IN_30_DAYS).default(3600),
  /** Within dedup_seconds of an alert, fire again only when worse. */
  escalate_only: escalateSchema.nullable().default(null),
  /** Alerts are collected for this long after the first, then sent as one message; 0 = off. */
  digest_seconds: z.number().int().min(0).max(86_400).default(0),
  /** No alerts until this time (ISO 8601); the matches are still counted. */
  snooze_until: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type Noise = z.output<typeof noiseSchema>;

/** Why a match did not become an alert. */
export const SUPPRESSION_REASONS = ['snoozed', 'cooldown', 'duplicate', 'not_worse'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
