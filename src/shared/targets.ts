// Targets (where notifications go), their rules and the dispatcher's settings: one schema each,
// shared by the engine, the REST API and the renderer. Fields wrapped in `secret()` are stored
// sealed and only ever shown masked.
import Mustache from 'mustache';
import { z } from 'zod';
import { contractIdSchema } from './contract-id';
import { CATEGORIES, PRIORITIES } from './model';
import { conditionSchema, noiseSchema, triggerSchema } from './rule-parts';

export const TARGET_KINDS = ['discord', 'slack', 'telegram', 'webhook', 'email', 'desktop'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** `pending`: waiting for its first attempt; `failed`: an attempt failed and a retry is scheduled. */
export const DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What a masked secret starts with; a masked value sent back on update keeps the stored secret. */
export const SECRET_MASK = '••••';

/** Schemas registered here hold secrets: sealed at rest, masked in every response. */
export const secretFields = z.registry<{ secret: true }>();
function secret<T extends z.ZodType>(schema: T): T {
  // A copy: the registry is keyed by instance, and the same base schema is used for plain fields too.
  const copy = schema.clone() as T;
  secretFields.add(copy as z.ZodType, { secret: true });
  return copy;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const email = z.email({ error: 'must be an e-mail address' });
const eventType = z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'an event type is 1-64 letters, digits or underscores');

const template = z
  .string()
  .max(4000)
  .superRefine((value, ctx) => {
    try {
      Mustache.parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid mustache template: ${(error as Error).message}` });
    }
  });

/** Which events go to a target. Empty lists match everything. */
export const ruleSchema = z.strictObject({
  contracts: z.array(contractIdSchema).max(1000).default([]),
  event_types: z.array(eventType).max(200).default([]),
  categories: z.array(z.enum(CATEGORIES)).default([]),
  /** Events without a priority count as `low`. */
  min_priority: z.enum(PRIORITIES).nullable().default(null),
  /** Mustache template for the message text; the event's fields are in scope. */
  template: template.nullable().default(null),
  /** A CEL expression over the event (`event.amount > 1000000000 && event.to != event.from`); null = every event. */
  condition: conditionSchema.nullable().default(null),
  /** What makes the rule fire: each matching event (default), a threshold over a window, or silence. */
  trigger: triggerSchema.prefault({ kind: 'each' }),
  /** Cooldown, dedup key, digest, escalate-only re-alerts and snooze. */
  noise: noiseSchema.prefault({}),
}).superRefine((rule, ctx) => {
  if (rule.noise.escalate_only?.by === 'value' && rule.trigger.kind !== 'count' && rule.trigger.kind !== 'sum') {
    ctx.addIssue({ code: 'custom', path: ['noise', 'escalate_only', 'by'], message: '"value" needs a count or sum trigger; use "priority" or "field"' });
  }
});
export type Rule = z.output<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;

export const discordConfigSchema = z.strictObject({
  webhook_url: secret(httpUrl),
  username: z.string().trim().min(1).max(80).optional(),
});

export const slackConfigSchema = z.strictObject({
  webhook_url: secret(httpUrl),
});

export const telegramConfigSchema = z.strictObject({
  bot_token: secret(z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)')),
  chat_id: z.union([z.string().trim().min(1).max(64), z.number().int()]),
  /** For a local Bot API server; default https://api.telegram.org. */
  api_base_url: httpUrl.default('https://api.telegram.org'),
});

const webhookAuthSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), token: secret(z.string().min(1).max(4096)) }),
  z.strictObject({ type: z.literal('basic'), username: z.string().min(1).max(256), password: secret(z.string().max(1024)) }),
]);

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'not a valid header name');
const RESERVED_HEADERS = /^(content-type|content-length|host|authorization|webhook-(id|timestamp|signature))$/i;

export const webhookConfigSchema = z.strictObject({
  url: secret(httpUrl),
  method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  /** Header values may carry API keys, so every value is a secret. */
  headers: z
    .record(headerName.refine((name) => !RESERVED_HEADERS.test(name), 'this header is set by NotifyChain'), secret(z.string().max(4096)))
    .default({}),
  auth: webhookAuthSchema.default({ type: 'none' }),
  /** Standard Webhooks signing secret: `whsec_` + base64 of 24-64 random bytes. */
  signing_secret: secret(z.string().regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'must be whsec_ followed by a base64 key')).optional(),
  /** Requests per second to this URL; absent = the HTTP_RATE_LIMIT setting. 0 = no limit. */
  rate_limit_per_second: z.number().min(0).max(10_000).optional(),
});

export const emailConfigSchema = z.strictObject({
  smtp: z.strictObject({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    /** implicit = TLS from the first byte (465); starttls = upgrade required; none = plain (local relays only). */
    tls: z.enum(['implicit', 'starttls', 'none']).default('starttls'),
    username: z.string().max(256).optional(),
    password: secret(z.string().max(1024)).optional(),
  }),
  from: email,
  to: z.array(email).min(1).max(50),
  subject_prefix: z.string().max(100).default('[NotifyChain]'),
});

export const desktopConfigSchema = z.strictObject({});

export const TARGET_CONFIG_SCHEMAS = {
  discord: discordConfigSchema,
  slack: slackConfigSchema,
  telegram: telegramConfigSchema,
  webhook: webhookConfigSchema,
  email: emailConfigSchema,
  desktop: desktopConfigSchema,
} as const satisfies Record<TargetKind, z.ZodType>;

export type TargetConfig<K extends TargetKind = TargetKind> = z.output<(typeof TARGET_CONFIG_SCHEMAS)[K]>;

const common = {
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  rule: ruleSchema.prefault({}),
};
const variant = <K extends TargetKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), ...common, config: TARGET_CONFIG_SCHEMAS[kind] });

/** A target as created or replaced over the API. */
export const targetInputSchema = z.discriminatedUnion('kind', [
  variant('discord'),
  variant('slack'),
  variant('telegram'),
  variant('webhook'),
  variant('email'),
  variant('desktop').extend({ config: desktopConfigSchema.prefault({}) }),
]);
export type TargetInput = z.output<typeof targetInputSchema>;

/**
 * A target as the API returns it. Secrets are masked (`••••` + at most the last 4 characters),
 * so this documents responses; it does not validate them.
 */
export const targetViewSchema = z.intersection(
  targetInputSchema,
  z.object({ id: z.number().int(), created_at: z.string(), updated_at: z.string() }),
);
export type TargetView = z.output<typeof targetViewSchema>;

const deliveryId = z.coerce.number().int().positive();

export const deliveryFilterSchema = z.strictObject({
  target_id: deliveryId.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  event_id: z.string().regex(/^\d{1,19}-\d{1,10}$/, 'must be an event id such as 0000001234567890123-0000000001').optional(),
  /** Keyset paging, newest first: deliveries with a smaller id than this. */
  before: deliveryId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeliveryFilter = z.output<typeof deliveryFilterSchema>;

export const bulkRedeliverSchema = z.strictObject({
  /** `failed` = waiting for a retry, `dead` = dead-lettered. */
  statuses: z.array(z.enum(['failed', 'dead'])).min(1).default(['failed', 'dead']),
});

const errorView = z.object({ code: z.string(), message: z.string() });

export const deliveryViewSchema = z.object({
  id: z.number().int(),
  target_id: z.number().int(),
  event_id: z.string(),
  /** The Standard Webhooks `webhook-id`: the same on every retry and redelivery. */
  webhook_id: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_error: errorView.extend({ http_status: z.number().int().nullable() }).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  delivered_at: z.string().nullable(),
});
export type DeliveryView = z.output<typeof deliveryViewSchema>;

export const attemptViewSchema = z.object({
  attempt: z.number().int(),
  started_at: z.string(),
  duration_ms: z.number(),
  ok: z.boolean(),
  http_status: z.number().int().nullable(),
  error: errorView.nullable(),
  retry_after_ms: z.number().int().nullable(),
});
export type AttemptView = z.output<typeof attemptViewSchema>;

/** The answer to "send test event". */
export const testSendViewSchema = z.object({
  delivered: z.boolean(),
  http_status: z.number().int().nullable(),
  duration_ms: z.number(),
  error: errorView.nullable(),
});
export type TestSendView = z.output<typeof testSendViewSchema>;

const list = (value: unknown) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

/** The dispatcher's settings; env names in DISPATCH_ENV_NAMES. */
export const dispatchSettingsSchema = z.strictObject({
  /** Delay before each attempt: the first is immediate; after the last, dead-letter. */
  retryScheduleMs: z.preprocess(list, z.array(z.coerce.number().int().min(0).max(86_400_000)).min(1).max(20))
    .default([0, 5_000, 25_000, 125_000, 625_000]),
  /** A server's Retry-After longer than this is cut to this. */
  maxRetryAfterMs: z.coerce.number().int().min(0).default(3_600_000),
  /** Events per e-mail message. */
  batchSize: z.coerce.number().int().min(1).max(100).default(10),
  /** How long an e-mail waits for more events to batch. */
  batchTimeoutMs: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** Requests per second per webhook target; 0 = no limit. */
  httpRateLimit: z.coerce.number().min(0).max(10_000).default(0),
  requestTimeoutMs: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** How often the outbox is read when nothing wakes the dispatcher. */
  pollIntervalMs: z.coerce.number().int().min(10).max(600_000).default(1_000),
  outboxBatchSize: z.coerce.number().int().min(1).max(10_000).default(500),
  /** How long a claimed delivery stays reserved for this instance. */
  leaseMs: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
}).refine((s) => s.leaseMs > s.requestTimeoutMs, {
  // A worker never sends on a lease that could lapse mid-request: a shorter lease would send nothing.
  path: ['leaseMs'],
  message: 'the delivery lease must be longer than the request timeout (NOTIFICATION_TIMEOUT_MS)',
});
export type DispatchSettings = z.output<typeof dispatchSettingsSchema>;
export type DispatchSettingsInput = z.input<typeof dispatchSettingsSchema>;

export const DISPATCH_ENV_NAMES: Record<keyof DispatchSettings, string> = {
  retryScheduleMs: 'NOTIFICATION_RETRY_SCHEDULE_MS',
  maxRetryAfterMs: 'NOTIFICATION_MAX_RETRY_AFTER_MS',
  batchSize: 'NOTIFICATION_BATCH_SIZE',
  batchTimeoutMs: 'NOTIFICATION_BATCH_TIMEOUT_MS',
  httpRateLimit: 'HTTP_RATE_LIMIT',
  requestTimeoutMs: 'NOTIFICATION_TIMEOUT_MS',
  pollIntervalMs: 'DISPATCH_POLL_INTERVAL_MS',
  outboxBatchSize: 'DISPATCH_OUTBOX_BATCH_SIZE',
  leaseMs: 'DISPATCH_LEASE_MS',
};
