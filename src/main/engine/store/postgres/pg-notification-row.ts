import type { Notification } from '../../../../shared/api/notifications';

/** A notifications row in the seed's shape, as SQLite's getNotification answers it. */
export function toNotification(row: Record<string, unknown>): Notification & { updated_at: string } {
  const text = (column: string) => (row[column] === null || row[column] === undefined ? null : String(row[column]));
  return {
    id: String(row.id),
    creator: text('creator'),
    created_at: String(row.created_at),
    expires_at: text('expires_at'),
    revoked_by: text('revoked_by'),
    revoked_at: text('revoked_at'),
    scheduled_for: text('scheduled_for'),
    delivered: row.delivered === true,
    delivered_at: text('delivered_at'),
    updated_at: String(row.updated_at),
  };
}
