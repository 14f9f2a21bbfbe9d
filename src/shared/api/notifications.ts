// Notifications over the API: the seed's shape plus `state` (and what a local reminder carries),
// the list's query, and the body that schedules a local reminder.
import { z } from 'zod';
import { isoTime, wholeNumber } from './params';

/**
 * scheduled: open, not due yet (on-chain notifications stay here until closed); due: its time has
 * come and the scheduler is about to send it; delivered, expired, revoked: closed.
 */
export const NOTIFICATION_STATES = ['scheduled', 'due', 'delivered', 'expired', 'revoked'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const MAX_NOTIFICATION_PAGE = 500;
export const MAX_REMINDER_TARGETS = 50;

export const notificationIdParamSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, "-" or "_"'),
});

/** The seed's shape. */
export const notificationSchema = z.object({
  id: z.string(),
  creator: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_by: z.string().nullable(),
  revoked_at: z.string().nullable(),
  /** When a local reminder falls due; null for on-chain notifications (tracked, not scheduled by us). */
  scheduled_for: z.string().nullable(),
  delivered: z.boolean(),
  delivered_at: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** What the API answers: the seed's shape plus the state and what a local reminder carries. */
export const notificationViewSchema = notificationSchema.extend({
  state: z.enum(NOTIFICATION_STATES),
  /** True for a reminder scheduled over this API; false for one read from a contract's events. */
  local: z.boolean(),
  /** The contract that emitted it; null for local reminders. */
  contract_id: z.string().nullable(),
  message: z.string().nullable(),
  /** Targets a local reminder goes to; empty = every target whose rule matches. */
  target_ids: z.array(z.number().int()),
  /** When it expired: the ledger's time of notification_expired, or expires_at when the scheduler closed it. */
  expired_at: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

export interface NotificationCursor {
  createdAt: string;
  id: string;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([A-Za-z0-9_-]{1,128})$/;

/** Keyset cursor over (created_at, id), newest first: `<created_at>~<id>`. */
export function formatNotificationCursor(c: NotificationCursor): string {
  return `${c.createdAt}~${c.id}`;
}

export function parseNotificationCursor(value: string): NotificationCursor | null {
  const match = CURSOR.exec(value);
  return match ? { createdAt: match[1]!, id: match[2]! } : null;
}

export const notificationCursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const decoded = parseNotificationCursor(value);
    if (!decoded) {
      ctx.addIssue({ code: 'custom', message: 'must be a next_cursor from a previous page' });
      return z.NEVER;
    }
    return decoded;
  });

export const notificationListQuerySchema = z.strictObject({
  state: z.enum(NOTIFICATION_STATES).optional().describe('Only notifications in this state'),
  limit: wholeNumber(1, MAX_NOTIFICATION_PAGE).default(100).describe(`Page size, 1-${MAX_NOTIFICATION_PAGE}`),
  after: notificationCursorSchema.optional().describe('Keyset cursor: the page after this one (next_cursor)'),
});
export type NotificationListQuery = z.output<typeof notificationListQuerySchema>;

export const notificationListResponseSchema = z.object({
  notifications: z.array(notificationViewSchema),
  has_more: z.boolean(),
  next_cursor: z.string().nullable(),
});
export type NotificationListResponse = z.infer<typeof notificationListResponseSchema>;

export const createReminderBodySchema = z
  .strictObject({
    message: z.string().trim().min(1).max(2000).describe('What the targets are told'),
    when: isoTime.describe('When it falls due (ISO 8601 with an offset)'),
    expires_at: isoTime.optional().describe('Not sent after this time; expires instead (default: never)'),
    target_ids: z
      .array(z.number().int().min(1))
      .max(MAX_REMINDER_TARGETS)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a target')
      .optional()
      .describe('Only these targets (default: every target whose rule matches)'),
  })
  .superRefine((body, ctx) => {
    if (body.expires_at !== undefined && body.expires_at <= body.when) {
      ctx.addIssue({ code: 'custom', path: ['expires_at'], message: 'must be after when' });
    }
  });
export type CreateReminderBody = z.output<typeof createReminderBodySchema>;
