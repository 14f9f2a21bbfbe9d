// The events the scheduler stores for the dispatcher: `reminder_due` when a local reminder falls
// due, `notification_expired` when a notification lapses. Their ids are stable
// (`local:<notification id>:due|expired`), so a repeat is dropped by the events' unique key.
import type { JsonValue } from '../../../shared/model';
import { dedupKeyOf } from '../stellar/decode-event';
import type { DecodedEvent } from '../stellar/decoded-event';
import type { Completion, NotificationRecord } from '../store/notification-store';

/** contract_id of events about local reminders, which belong to no contract. */
export const LOCAL_CONTRACT = 'local';

/**
 * A contract's notification that lapsed longer ago than this is closed without a notice: reading
 * a contract's history for the first time must not send the targets every expiry of the past.
 */
export const STALE_EXPIRY_MS = 24 * 60 * 60_000;

export function syntheticEventId(notificationId: string, outcome: Completion['outcome']): string {
  return `local:${notificationId}:${outcome === 'delivered' ? 'due' : 'expired'}`;
}

/** The completion of a leased row at `nowIso`: expired if its expiry has come, else delivered. */
export function completionFor(n: NotificationRecord, nowIso: string): Completion {
  const outcome: Completion['outcome'] = n.expiresAt !== null && n.expiresAt <= nowIso ? 'expired' : 'delivered';
  // Expiry happened at expires_at, whenever the scheduler got to it.
  const at = outcome === 'expired' ? n.expiresAt! : nowIso;
  if (outcome === 'expired' && !n.local && Date.parse(nowIso) - Date.parse(at) > STALE_EXPIRY_MS) return { id: n.id, outcome, at, event: null };
  const eventType = outcome === 'delivered' ? 'reminder_due' : 'notification_expired';
  const eventId = syntheticEventId(n.id, outcome);
  const contractId = n.contractId ?? LOCAL_CONTRACT;
  const data: Record<string, JsonValue> = {
    notification_id: n.id,
    local: n.local,
    message: n.message,
    creator: n.creator,
    scheduled_for: n.scheduledFor,
    expires_at: n.expiresAt,
    target_ids: n.targetIds,
  };
  const event: DecodedEvent = {
    eventId,
    contractId,
    eventType,
    ledger: 0,
    closedAt: nowIso,
    txHash: null,
    topics: [eventType, n.id],
    data,
    category: 'notification',
    priority: outcome === 'delivered' ? 'high' : 'medium',
    decodeStatus: 'spec',
    decodeError: null,
    rawTopics: [],
    rawValue: '',
    dedupKey: dedupKeyOf(contractId, eventId, eventType, 0),
  };
  return { id: n.id, outcome, at, event };
}
