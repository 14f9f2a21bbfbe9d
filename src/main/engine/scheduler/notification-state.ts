// The one state model, judged at a time `now` (ISO). The stores' SQL filters say the same thing;
// the shared store suite checks that they agree.
//   revoked   revoked, cancelled or recalled (on chain), or revoked over the API
//   delivered delivered on chain, or a local reminder handed to the dispatcher
//   expired   closed by a notification_expired event or by the scheduler, or past expires_at
//   due       a local reminder whose scheduled_for has come (the scheduler is about to send it)
//   scheduled open; on-chain notifications (no scheduled_for) stay here until they close
// A revocation outranks everything; a delivered notification that later lapses stays delivered.
import type { NotificationState } from '../../../shared/api/notifications';
import type { NotificationRecord } from '../store/notification-store';

type StateFields = Pick<NotificationRecord, 'revokedAt' | 'delivered' | 'expiredAt' | 'expiresAt' | 'scheduledFor'>;

export function notificationState(n: StateFields, nowIso: string): NotificationState {
  if (n.revokedAt !== null) return 'revoked';
  if (n.delivered) return 'delivered';
  if (n.expiredAt !== null || (n.expiresAt !== null && n.expiresAt <= nowIso)) return 'expired';
  if (n.scheduledFor !== null && n.scheduledFor <= nowIso) return 'due';
  return 'scheduled';
}

/** Open: the scheduler may still act on it. */
export function isOpen(n: Pick<NotificationRecord, 'revokedAt' | 'delivered' | 'expiredAt'>): boolean {
  return n.revokedAt === null && !n.delivered && n.expiredAt === null;
}
