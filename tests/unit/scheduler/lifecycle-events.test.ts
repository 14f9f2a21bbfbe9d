import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/shared/model';
import { eventKey, lifecycleChanges, reduceChanges, unixSecondsToIso } from '../../../src/main/engine/scheduler/lifecycle-events';

const ID = 'ab'.repeat(32);
const G = 'GCDRSP4XFFDAC32KBY2RRAE3SJWWA7UZMQ6Z65KPDNPCQQS4TODTPQXK';

function event(eventType: string, data: StoredEvent['data'], epoch = 0): StoredEvent {
  return {
    id: '0000004299262271488-0000000000', contract_id: 'CCONTRACT', event_type: eventType, ledger_sequence: 1001,
    created_at: '2026-11-25T20:49:37.000Z', stored_at: '2026-11-25T20:49:38.000Z', data, topics: [], category: 'notification',
    priority: 'high', tx_hash: null, decode_status: 'spec', decode_error: null, network_epoch: epoch, raw: { topics: [], value: '' },
  };
}

describe('what contract events do to a notification', () => {
  it('reads the spec-named fields', () => {
    expect(lifecycleChanges(event('notification_scheduled', { creator: G, notification_id: ID }))).toEqual([
      { kind: 'scheduled', id: ID, contractId: 'CCONTRACT', key: eventKey(0, '0000004299262271488-0000000000'), at: '2026-11-25T20:49:37.000Z', creator: G },
    ]);
    expect(lifecycleChanges(event('notification_extended', { id: ID, caller: G, new_expires_at: '1798121643' }))).toMatchObject([
      { kind: 'expires', expiresAt: '2026-12-24T14:14:03.000Z' },
    ]);
  });

  it('reads positional fields when the contract has no spec', () => {
    expect(lifecycleChanges(event('notification_scheduled', { topic_1: G, value: ID }))).toMatchObject([{ kind: 'scheduled', id: ID, creator: G }]);
    expect(lifecycleChanges(event('notification_revoked', { topic_1: ID, topic_2: G, value: null }))).toMatchObject([{ kind: 'revoked', id: ID, by: G }]);
    expect(lifecycleChanges(event('notification_expired', { topic_1: ID, value: '1798121643' }))).toMatchObject([
      { kind: 'expires', id: ID }, { kind: 'expired', id: ID },
    ]);
  });

  it('counts a cancellation and a recall as revocations, by whoever did them', () => {
    expect(lifecycleChanges(event('scheduled_notification_cancelled', { caller: G, notification_id: ID }))).toMatchObject([{ kind: 'revoked', by: G }]);
    expect(lifecycleChanges(event('notification_recalled', { id: ID, recalled_by: G, recalled_at: '1' }))).toMatchObject([{ kind: 'revoked', by: G }]);
  });

  it('ignores other events, ids that are not ids, and ids of local reminders', () => {
    expect(lifecycleChanges(event('notification_acknowledged', { id: ID, acknowledger: G, timestamp: '1' }))).toEqual([]);
    expect(lifecycleChanges(event('notification_scheduled', { creator: G, notification_id: 'has space' }))).toEqual([]);
    expect(lifecycleChanges(event('notification_scheduled', { creator: G, notification_id: 'local-123' }))).toEqual([]);
    expect(lifecycleChanges(event('notification_extended', { id: ID, new_expires_at: 'soon' }))).toEqual([]);
    expect(lifecycleChanges(event('notification_scheduled', null))).toEqual([]);
  });

  it('orders events by epoch first, then by event id', () => {
    expect(eventKey(1, '0000000000000000001-0000000000') > eventKey(0, '9999999999999999999-0000000000')).toBe(true);
    expect(eventKey(0, '0000004299262271488-0000000001') > eventKey(0, '0000004299262271488-0000000000')).toBe(true);
  });

  it('turns u64 timestamps into ISO times, clamping the far future to the year 9999', () => {
    expect(unixSecondsToIso('0')).toBe('1970-01-01T00:00:00.000Z');
    expect(unixSecondsToIso(1798121643)).toBe('2026-12-24T14:14:03.000Z');
    expect(unixSecondsToIso('18446744073709551615')).toBe('9999-12-31T23:59:59.999Z');
    expect(unixSecondsToIso('-5')).toBeNull();
    expect(unixSecondsToIso(1.5)).toBeNull();
  });
});

describe('a page of changes reduced to what counts', () => {
  it('keeps the latest extension, the first revocation, and the earliest time seen per notification', () => {
    const at = (ledger: number, type: string, data: StoredEvent['data']) => ({
      ...event(type, data),
      id: `${String(ledger).padStart(19, '0')}-0000000000`,
      created_at: new Date(Date.UTC(2026, 10, 25) + ledger * 5000).toISOString(),
    });
    const changes = [
      at(30, 'notification_extended', { id: ID, caller: G, new_expires_at: '300' }),
      at(20, 'notification_extended', { id: ID, caller: G, new_expires_at: '200' }),
      at(50, 'notification_revoked', { id: ID, revoked_by: 'GLATE' }),
      at(40, 'notification_revoked', { id: ID, revoked_by: 'GEARLY' }),
    ].flatMap(lifecycleChanges);
    const { placeholders, winners } = reduceChanges(changes);
    expect(placeholders).toEqual([{ id: ID, contractId: 'CCONTRACT', at: new Date(Date.UTC(2026, 10, 25) + 20 * 5000).toISOString() }]);
    expect(winners).toMatchObject([
      { kind: 'expires', expiresAt: '1970-01-01T00:05:00.000Z' },
      { kind: 'revoked', by: 'GEARLY' },
    ]);
  });
});
