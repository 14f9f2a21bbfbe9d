// Decoded notification-contract events, named as the contract's spec names them, for feeding
// the real ingest transaction. Ledger N closes at 2026-11-25 00:00 + N × 5 s (see decodedEvent).
import type { DecodedEvent } from '../../../../src/main/engine/stellar/decoded-event';
import { decodedEvent } from '../../../fixtures/decoded-event';

export const NOTIFICATION_CONTRACT = 'CDOSDSWUWJNIOWBON3GB3E3RAJXEHO2EC5EVKXZBDCKT4LCEXIILUPR3';
export const CREATOR = 'GCDRSP4XFFDAC32KBY2RRAE3SJWWA7UZMQ6Z65KPDNPCQQS4TODTPQXK';
export const OTHER = 'GAIT25K2AHUWMSZX6UZZ6CLYZWKPSDPTKWNHQVEWEBVH4OXX4Q2W7BIG';

/** A 32-byte notification id, as the contract's BytesN<32> decodes (hex). */
export const notificationId = (n: number): string => n.toString(16).padStart(64, '0');

/** The close time of ledger `ledger` in the fixture's chain. */
export const ledgerTime = (ledger: number): string => decodedEvent(ledger).closedAt;

/** Unix seconds, as the contract's u64 timestamps are written. */
export const unix = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

type At = { ledger: number; index?: number };

function event(at: At, eventType: string, data: Record<string, string | null>, topics: unknown[]): DecodedEvent {
  return decodedEvent(at.ledger, at.index ?? 0, {
    contractId: NOTIFICATION_CONTRACT,
    eventType,
    data,
    topics: [eventType, ...topics, 3, 2] as DecodedEvent['topics'],
    category: 'notification',
    priority: 'high',
    decodeStatus: 'spec',
  });
}

export const scheduled = (id: string, at: At, creator = CREATOR) =>
  event(at, 'notification_scheduled', { creator, notification_id: id }, [creator]);
export const extended = (id: string, expiresAt: string, at: At, caller = CREATOR) =>
  event(at, 'notification_extended', { id, caller, new_expires_at: unix(expiresAt) }, [id, caller]);
export const revoked = (id: string, at: At, by = OTHER) => event(at, 'notification_revoked', { id, revoked_by: by }, [id, by]);
export const cancelled = (id: string, at: At, caller = OTHER) =>
  event(at, 'scheduled_notification_cancelled', { caller, notification_id: id }, [caller]);
export const expired = (id: string, expiresAt: string, at: At) =>
  event(at, 'notification_expired', { notification_id: id, expires_at: unix(expiresAt) }, [id]);
export const delivered = (id: string, at: At, by = OTHER) =>
  event(at, 'notification_delivered', { id, delivered_by: by, delivered_at: unix(ledgerTime(at.ledger)) }, [id, by]);
