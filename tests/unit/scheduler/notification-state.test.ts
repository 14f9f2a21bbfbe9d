import { describe, expect, it } from 'vitest';
import { notificationState } from '../../../src/main/engine/scheduler/notification-state';

const NOW = '2026-11-25T12:00:00.000Z';
const BEFORE = '2026-11-25T11:00:00.000Z';
const AFTER = '2026-11-25T13:00:00.000Z';
const open = { revokedAt: null, delivered: false, expiredAt: null, expiresAt: null, scheduledFor: null };

describe('the state an operator sees', () => {
  it.each([
    ['an on-chain notification with no due time', {}, 'scheduled'],
    ['a reminder whose time has not come', { scheduledFor: AFTER }, 'scheduled'],
    ['a reminder whose time has come', { scheduledFor: NOW }, 'due'],
    ['a reminder past its expiry, never sent', { scheduledFor: BEFORE, expiresAt: NOW }, 'expired'],
    ['a notification closed by notification_expired', { expiredAt: BEFORE, expiresAt: AFTER }, 'expired'],
    ['a delivered notification that later lapsed', { delivered: true, expiresAt: BEFORE }, 'delivered'],
    ['a delivered notification that was then recalled', { delivered: true, revokedAt: BEFORE }, 'revoked'],
    ['a revoked reminder whose time has come', { scheduledFor: BEFORE, revokedAt: BEFORE }, 'revoked'],
  ] as const)('%s is %s', (_what, fields, state) => {
    expect(notificationState({ ...open, ...fields }, NOW)).toBe(state);
  });
});
