// The scheduler on both stores with a fake clock: reminders go out once when due, lapsed
// notifications produce a "notification expired" event, revoked ones never go out, a lease keeps
// other processors off a row until it runs out, and closed rows leave after the retention.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notificationState } from '../../../src/main/engine/scheduler/notification-state';
import type { Scheduler } from '../../../src/main/engine/scheduler/scheduler';
import { completionFor } from '../../../src/main/engine/scheduler/synthetic-event';
import { STORE_KINDS, openStore, type StoreUnderTest } from '../../fixtures/stores';
import { FakeClock } from '../dispatch/support/fake-clock';
import { NOTIFICATION_CONTRACT, expired, extended, ledgerTime, notificationId, scheduled } from './support/notification-events';
import { MINUTE, START, iso, makeScheduler, reminder } from './support/scheduler-setup';

describe.each(STORE_KINDS)('scheduler (%s)', (kind) => {
  let t: StoreUnderTest;
  let clock: FakeClock;
  let scheduler: Scheduler;
  let wakes: number;
  const events = (type: string) => t.sql<{ event_id: string; contract_id: string; data: unknown }>(
    'SELECT event_id, contract_id, data FROM events WHERE event_type = ? ORDER BY event_id', type,
  );

  beforeEach(async () => {
    t = await openStore(kind);
    clock = new FakeClock(START);
    wakes = 0;
    scheduler = makeScheduler(t.store, clock, { wakeDispatcher: () => void (wakes += 1) });
  });
  afterEach(async () => {
    await t.close();
  });

  it('a reminder goes to the dispatcher once, when it falls due', async () => {
    const r = await t.store.notifications.createReminder(reminder(START + 10 * MINUTE, { targetIds: [3] }));
    expect((await scheduler.runOnce()).delivered).toBe(0);
    expect(notificationState(r, iso(clock.now()))).toBe('scheduled');

    clock.advance(10 * MINUTE);
    expect(notificationState((await t.store.notifications.get(r.id))!, iso(clock.now()))).toBe('due');
    expect((await scheduler.runOnce()).delivered).toBe(1);
    expect((await scheduler.runOnce()).delivered).toBe(0);

    const [due, ...more] = await events('reminder_due');
    expect(more).toEqual([]);
    expect(due!.event_id).toBe(`local:${r.id}:due`);
    expect(due!.contract_id).toBe('local');
    expect(typeof due!.data === 'string' ? JSON.parse(due!.data) : due!.data).toMatchObject({
      notification_id: r.id, message: r.message, target_ids: [3], local: true,
    });
    expect(await t.count('outbox')).toBe(1);
    expect(wakes).toBe(1);
    const after = await t.store.notifications.get(r.id);
    expect(after).toMatchObject({ delivered: true, deliveredAt: iso(START + 10 * MINUTE), leaseOwner: null });
  });

  it('a reminder still waiting at its expiry is expired, not sent late', async () => {
    const r = await t.store.notifications.createReminder(reminder(START + MINUTE, { expiresAt: iso(START + 2 * MINUTE) }));
    clock.advance(5 * MINUTE);
    expect(await scheduler.runOnce()).toMatchObject({ delivered: 0, expired: 1 });
    expect(await events('reminder_due')).toEqual([]);
    expect((await events('notification_expired')).map((e) => e.event_id)).toEqual([`local:${r.id}:expired`]);
    expect(await t.store.notifications.get(r.id)).toMatchObject({ delivered: false, expiredAt: iso(START + 2 * MINUTE) });
  });

  it('an on-chain notification that lapses tells the targets once, and the contract expiring it later changes nothing more', async () => {
    const id = notificationId(7);
    const lapse = iso(START + 30 * MINUTE);
    await t.store.commitIngest({ events: [scheduled(id, { ledger: 100 }), extended(id, lapse, { ledger: 101 })] });
    expect((await scheduler.runOnce()).expired).toBe(0);
    clock.advance(31 * MINUTE);
    expect((await scheduler.runOnce()).expired).toBe(1);
    const [event] = await events('notification_expired');
    expect(event).toMatchObject({ event_id: `local:${id}:expired`, contract_id: NOTIFICATION_CONTRACT });
    expect(await t.store.notifications.get(id)).toMatchObject({ expiredAt: lapse });

    await t.store.commitIngest({ events: [expired(id, lapse, { ledger: 500 })] });
    expect((await scheduler.runOnce()).expired).toBe(0);
    // The contract's own event is stored and dispatched as any event; no second local one.
    expect((await events('notification_expired')).map((e) => e.event_id)).toEqual([expect.stringMatching(/^\d{19}-\d{10}$/), `local:${id}:expired`]);
    expect(await t.store.notifications.get(id)).toMatchObject({ expiredAt: ledgerTime(500) });
  });

  it('reading a contract history closes long-lapsed notifications without telling the targets', async () => {
    const id = notificationId(9);
    await t.store.commitIngest({ events: [scheduled(id, { ledger: 100 }), extended(id, iso(START - 3 * 86_400_000), { ledger: 101 })] });
    expect(await scheduler.runOnce()).toMatchObject({ expired: 1 });
    expect(await events('notification_expired')).toEqual([]);
    expect(await t.count('outbox')).toBe(2); // the two contract events only
    expect(notificationState((await t.store.notifications.get(id))!, iso(clock.now()))).toBe('expired');
  });

  it('a late extension reopens a notification the scheduler had expired on an older expiry', async () => {
    const id = notificationId(8);
    await t.store.commitIngest({ events: [scheduled(id, { ledger: 100 }), extended(id, iso(START + MINUTE), { ledger: 101 })] });
    clock.advance(2 * MINUTE);
    await scheduler.runOnce();
    expect(notificationState((await t.store.notifications.get(id))!, iso(clock.now()))).toBe('expired');
    await t.store.commitIngest({ events: [extended(id, iso(START + 60 * MINUTE), { ledger: 102 })] });
    const reopened = await t.store.notifications.get(id);
    expect(reopened).toMatchObject({ expiredAt: null, expiresAt: iso(START + 60 * MINUTE) });
    expect(notificationState(reopened!, iso(clock.now()))).toBe('scheduled');
  });

  it('a revoked reminder never goes out', async () => {
    const r = await t.store.notifications.createReminder(reminder(START + MINUTE));
    const result = await t.store.notifications.revokeReminder(r.id, 'api', iso(START));
    expect(result.status).toBe('revoked');
    clock.advance(2 * MINUTE);
    expect(await scheduler.runOnce()).toMatchObject({ delivered: 0, expired: 0 });
    expect(await t.count('events')).toBe(0);
  });

  it('a row leased by one processor waits for that lease; another takes it only after the lease runs out', async () => {
    const r = await t.store.notifications.createReminder(reminder(START));
    const crashed = await t.store.notifications.claimDue('crashed', { now: clock.now(), leaseMs: MINUTE, limit: 10 });
    expect(crashed.map((n) => n.id)).toEqual([r.id]);
    expect((await scheduler.runOnce()).delivered).toBe(0);
    clock.advance(MINUTE);
    expect((await scheduler.runOnce()).delivered).toBe(1);
    // The crashed processor comes back and tries to finish: the row is no longer its own.
    expect(await t.store.notifications.complete('crashed', [completionFor(crashed[0]!, iso(clock.now()))])).toEqual([]);
    expect(await t.count('outbox')).toBe(1);
  });

  it('a clean stop gives the leases back at once', async () => {
    await t.store.notifications.createReminder(reminder(START));
    await t.store.notifications.claimDue('processor-a', { now: clock.now(), leaseMs: MINUTE, limit: 10 });
    await scheduler.stop();
    const other = makeScheduler(t.store, clock, { processorId: 'processor-b' });
    expect((await other.runOnce()).delivered).toBe(1);
  });

  it('closed notifications are removed after the retention period, open ones stay', async () => {
    const keep = makeScheduler(t.store, clock, { retentionDays: 1 });
    const sent = await t.store.notifications.createReminder(reminder(START));
    const open = await t.store.notifications.createReminder(reminder(START + 10 * 86_400_000));
    await keep.runOnce();
    clock.advance(86_400_000 - MINUTE);
    const early = makeScheduler(t.store, clock, { retentionDays: 1 });
    await early.runOnce();
    expect(await t.store.notifications.get(sent.id)).not.toBeNull();
    clock.advance(2 * MINUTE);
    const late = makeScheduler(t.store, clock, { retentionDays: 1 });
    await late.runOnce();
    expect(await t.store.notifications.get(sent.id)).toBeNull();
    expect(await t.store.notifications.get(open.id)).not.toBeNull();
  });
});
