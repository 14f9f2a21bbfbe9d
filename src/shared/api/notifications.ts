// A notification in the seed's shape (the scheduler fills the table; the API reads it).
import { z } from 'zod';

export const notificationIdParamSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, "-" or "_"'),
});

export const notificationSchema = z.object({
  id: z.string(),
  creator: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_by: z.string().nullable(),
  revoked_at: z.string().nullable(),
  scheduled_for: z.string().nullable(),
  delivered: z.boolean(),
  delivered_at: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
