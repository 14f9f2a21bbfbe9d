// Notification rows follow the contract's events, inside the ingest transaction, on both stores:
// what an operator sees must not depend on the order or the number of times events arrive.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_STATES } from '../../../src/shared/api/notifications';
import { notificationState } from '../../../src/main/engine/scheduler/notification-state';
import { decodedToStored } from '../../../src/main/engine/store/event-row';
import { inTransaction } from '../../../src/main/engine/store/postgres/pg-pool';
import { PostgresStore } from '../../../src/main/engine/store/postgres/postgres-store';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import type { DecodedEvent } from '../../../src/main/engine/stellar/decoded-event';
import { STORE_KINDS, openStore, type StoreUnderTest } from '../../fixtures/stores';
import {
  CREATOR, NOTIFICATION_CONTRACT, OTHER, cancelled, delivered, expired, extended, ledgerTime, notificationId, revoked, scheduled,
} from './support/notification-events';
import { comparable, iso, reminder } from './support/scheduler-setup';

const ID = notificationId(1);
const DAY = 86_400_000;
const LATER = iso(Date.UTC(2026, 11, 25)); // well after every ledger used here

describe.each(STORE_KINDS)('notification lifecycle (%s)', (kind) => {
  let t: StoreUnderTest;
  const ingest = async (...events: DecodedEvent[]) => {
    for (const event of events) await t.store.commitIngest({ events: [event] });
  };
  const row = (id = ID) => t.store.notifications.get(id);

  beforeEach(async () => {
    t = await openStore(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a scheduled notification appears with its creator and the ledger close time, tracked but not scheduled by us', async () => {
    await ingest(scheduled(ID, { ledger: 100 }));
    const n = await row();
    expect(n).toMatchObject({
      id: ID, local: false, contractId: NOTIFICATION_CONTRACT, creator: CREATOR, createdAt: ledgerTime(100),
      scheduledFor: null, expiresAt: null, delivered: false, revokedAt: null, expiredAt: null,
    });
    expect(notificationState(n!, LATER)).toBe('scheduled');
  });

  it('an extension moves the expiry, and the latest extension wins even when it arrives first', async () => {
    const first = iso(Date.UTC(2026, 11, 1));
    const second = iso(Date.UTC(2026, 11, 8));
    await ingest(scheduled(ID, { ledger: 100 }), extended(ID, second, { ledger: 120 }), extended(ID, first, { ledger: 110 }));
    expect((await row())?.expiresAt).toBe(second);
  });

  it('a revocation records who revoked it and the ledger time, and closes it', async () => {
    await ingest(scheduled(ID, { ledger: 100 }), revoked(ID, { ledger: 130 }, OTHER));
    const n = await row();
    expect(n).toMatchObject({ revokedBy: OTHER, revokedAt: ledgerTime(130) });
    expect(notificationState(n!, LATER)).toBe('revoked');
  });

  it('a cancellation by the caller counts as a revocation', async () => {
    await ingest(scheduled(ID, { ledger: 100 }), cancelled(ID, { ledger: 101 }, CREATOR));
    expect(await row()).toMatchObject({ revokedBy: CREATOR, revokedAt: ledgerTime(101) });
  });

  it('notification_expired closes it at the ledger time and sets the expiry it reports', async () => {
    const lapsed = iso(Date.UTC(2026, 10, 25, 0, 5));
    await ingest(scheduled(ID, { ledger: 100 }), expired(ID, lapsed, { ledger: 140 }));
    const n = await row();
    expect(n).toMatchObject({ expiredAt: ledgerTime(140), expiresAt: lapsed });
    expect(notificationState(n!, LATER)).toBe('expired');
  });

  it('notification_delivered marks it delivered at the ledger time', async () => {
    await ingest(scheduled(ID, { ledger: 100 }), delivered(ID, { ledger: 105 }));
    const n = await row();
    expect(n).toMatchObject({ delivered: true, deliveredAt: ledgerTime(105) });
    expect(notificationState(n!, LATER)).toBe('delivered');
  });

  it('the same events in any order leave the same row', async () => {
    const history = (id: string, i: number) => [
      scheduled(id, { ledger: 100, index: i }),
      extended(id, iso(Date.UTC(2026, 11, 1)), { ledger: 110, index: i }),
      extended(id, iso(Date.UTC(2026, 11, 9)), { ledger: 120, index: i }),
      revoked(id, { ledger: 130, index: i }),
      cancelled(id, { ledger: 135, index: i }, CREATOR),
      delivered(id, { ledger: 125, index: i }),
    ];
    const orders = [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 4, 1, 5, 3], [3, 5, 1, 4, 0, 2]];
    const rows = [];
    for (const [i, order] of orders.entries()) {
      const id = notificationId(100 + i);
      const events = history(id, i);
      await ingest(...order.map((k) => events[k]!));
      rows.push(comparable(await row(id)));
    }
    expect(rows[0]).toMatchObject({
      creator: CREATOR, createdAt: ledgerTime(100), expiresAt: iso(Date.UTC(2026, 11, 9)),
      revokedBy: OTHER, revokedAt: ledgerTime(130), delivered: true, deliveredAt: ledgerTime(125),
    });
    for (const r of rows.slice(1)) expect(r).toEqual(rows[0]);

    // The same history in one page, in a shuffled order, as a backfill may store it.
    const id = notificationId(199);
    const events = history(id, 9);
    await t.store.commitIngest({ events: [4, 2, 0, 5, 1, 3].map((k) => events[k]!) });
    expect(comparable(await row(id))).toEqual(rows[0]);
  });

  it('a row first seen through a later event takes its creation from notification_scheduled when that arrives', async () => {
    await ingest(extended(ID, LATER, { ledger: 150 }), revoked(ID, { ledger: 140 }));
    expect(await row()).toMatchObject({ creator: null, createdAt: ledgerTime(140) });
    await ingest(scheduled(ID, { ledger: 100 }));
    expect(await row()).toMatchObject({ creator: CREATOR, createdAt: ledgerTime(100), expiresAt: LATER });
  });

  it('a repeated event changes nothing: stored once, and applied again it leaves the row as it was', async () => {
    const events = [scheduled(ID, { ledger: 100 }), extended(ID, LATER, { ledger: 110 }), revoked(ID, { ledger: 120 })];
    await ingest(...events);
    const before = comparable(await row());
    await ingest(...events);
    expect(await t.count('events')).toBe(3);
    await applyAgain(t, events);
    expect(comparable(await row())).toEqual(before);
  });

  it('local reminders are left alone by contract events that name the same id', async () => {
    const local = await t.store.notifications.createReminder(reminder(Date.UTC(2026, 11, 1)));
    await ingest(revoked(local.id, { ledger: 100 }));
    expect(await row(local.id)).toMatchObject({ local: true, revokedAt: null, creator: 'api' });
  });

  it('listing by state answers exactly the notifications in that state', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const n = (i: number) => notificationId(200 + i);
    await ingest(scheduled(n(1), { ledger: 100 })); // scheduled (on-chain, no due time)
    await ingest(scheduled(n(2), { ledger: 101 }), extended(n(2), iso(now - DAY), { ledger: 102 })); // expired by time
    await ingest(scheduled(n(3), { ledger: 103 }), expired(n(3), iso(now - DAY), { ledger: 104 })); // expired by event
    await ingest(scheduled(n(4), { ledger: 105 }), delivered(n(4), { ledger: 106 }));
    await ingest(scheduled(n(5), { ledger: 107 }), revoked(n(5), { ledger: 108 }));
    await ingest(scheduled(n(6), { ledger: 109 }), delivered(n(6), { ledger: 110 }), revoked(n(6), { ledger: 111 }));
    const notes = t.store.notifications;
    await notes.createReminder(reminder(now + DAY)); // scheduled
    await notes.createReminder(reminder(now - 1000)); // due
    await notes.createReminder(reminder(now - 1000, { expiresAt: iso(now - 500) })); // expired before it was sent
    await notes.createReminder(reminder(now - 1000, { expiresAt: iso(now + DAY) })); // due, not yet expired

    const all = (await notes.list({ now, limit: 500 })).items;
    expect(all).toHaveLength(10);
    const nowIso = iso(now);
    for (const state of NOTIFICATION_STATES) {
      const listed = (await notes.list({ state, now, limit: 500 })).items.map((x) => x.id).sort();
      expect(listed, state).toEqual(all.filter((x) => notificationState(x, nowIso) === state).map((x) => x.id).sort());
      expect(listed.length, state).toBeGreaterThan(0);
    }
  });

  it('pages newest first by creation, each notification once', async () => {
    for (let i = 0; i < 7; i++) await t.store.notifications.createReminder(reminder(Date.UTC(2026, 11, 1), { createdAt: iso(Date.UTC(2026, 10, 25, i)) }));
    const seen: string[] = [];
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await t.store.notifications.list({ now: 0, limit: 3, after });
      seen.push(...page.items.map((x) => x.createdAt));
      if (!page.hasMore) break;
      const last = page.items.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(7);
  });
});

/** Runs the rows' update for events already stored, as a repeated delivery of them would. */
async function applyAgain(t: StoreUnderTest, events: DecodedEvent[]): Promise<void> {
  const stored = events.map((e) => decodedToStored(e, 0, new Date().toISOString()));
  if (t.store instanceof SqliteStore) {
    const sqlite = t.store;
    sqlite.db.transaction(() => sqlite.notifications.applyEvents(stored))();
  } else if (t.store instanceof PostgresStore) {
    const pg = t.store;
    await inTransaction(pg.pool, (client) => pg.notifications.applyEvents(client, stored));
  }
}
