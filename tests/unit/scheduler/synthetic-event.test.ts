import { describe, expect, it } from 'vitest';
import { completionFor } from '../../../src/main/engine/scheduler/synthetic-event';
import type { NotificationRecord } from '../../../src/main/engine/store/notification-store';

const reminder: NotificationRecord = {
  id: 'local-1', local: true, contractId: null, creator: 'api', createdAt: '2026-11-25T10:00:00.000Z', expiresAt: null,
  revokedBy: null, revokedAt: null, scheduledFor: '2026-11-25T11:00:00.000Z', delivered: false, deliveredAt: null, expiredAt: null,
  message: 'check the oracle', targetIds: [2], updatedAt: '2026-11-25T10:00:00.000Z', leaseOwner: 'a',
  chainExpiry: { txHash: null, error: null, attempts: 0 },
};

describe('the event a closed notification sends to the targets', () => {
  it('a due reminder becomes reminder_due with a stable id, whoever closes it and whenever', () => {
    const first = completionFor(reminder, '2026-11-25T11:00:01.000Z');
    const again = completionFor(reminder, '2026-11-25T11:07:00.000Z');
    expect(first).toMatchObject({ outcome: 'delivered', at: '2026-11-25T11:00:01.000Z' });
    expect(first.event).toMatchObject({
      eventId: 'local:local-1:due', contractId: 'local', eventType: 'reminder_due', priority: 'high',
      data: { notification_id: 'local-1', message: 'check the oracle', target_ids: [2] },
    });
    expect(again.event?.dedupKey).toBe(first.event?.dedupKey);
  });

  it('one whose expiry has passed becomes notification_expired, dated at its expiry', () => {
    const lapsed = completionFor({ ...reminder, local: false, contractId: 'CCONTRACT', expiresAt: '2026-11-25T11:30:00.000Z' }, '2026-11-25T12:00:00.000Z');
    expect(lapsed).toMatchObject({ outcome: 'expired', at: '2026-11-25T11:30:00.000Z' });
    expect(lapsed.event).toMatchObject({ eventId: 'local:local-1:expired', contractId: 'CCONTRACT', eventType: 'notification_expired' });
  });

  it('a contract notification that lapsed more than a day ago closes quietly; a reminder still says it expired', () => {
    const old = { ...reminder, local: false, contractId: 'CCONTRACT', expiresAt: '2026-11-24T11:59:00.000Z' };
    expect(completionFor(old, '2026-11-25T12:00:00.000Z')).toMatchObject({ outcome: 'expired', event: null });
    expect(completionFor({ ...old, expiresAt: '2026-11-24T12:01:00.000Z' }, '2026-11-25T12:00:00.000Z').event).not.toBeNull();
    expect(completionFor({ ...reminder, expiresAt: '2026-11-20T12:00:00.000Z' }, '2026-11-25T12:00:00.000Z').event).not.toBeNull();
  });
});
