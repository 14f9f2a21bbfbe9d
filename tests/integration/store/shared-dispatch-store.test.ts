// The DispatchStore on both stores: fan-out, per-target order, leases, attempts, dead letters and
// redelivery. Then PostgreSQL with several instances on one database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptOutcome, ClaimedDelivery } from '../../../src/main/engine/store/dispatch-store';
import type { PostgresStore } from '../../../src/main/engine/store/postgres/postgres-store';
import type { Store } from '../../../src/main/engine/store/store';
import { ruleSchema, type Rule } from '../../../src/shared/targets';
import { decodedEvent } from '../../fixtures/decoded-event';
import { STORE_KINDS, openPostgres, openStore, type StoreUnderTest } from '../../fixtures/stores';

const T0 = Date.UTC(2026, 10, 25);
const lease = { limit: 10, now: T0, leaseMs: 60_000 };
const ANY: Rule = ruleSchema.parse({});

const target = (store: Store, name = 't', config: Record<string, unknown> = { url: 'sealed' }) =>
  store.dispatch.createTarget({ name, kind: 'webhook', enabled: true, config, rule: ANY }, T0);

const outcome = (deliveryId: number, next: AttemptOutcome['next'], extra: Partial<AttemptOutcome> = {}): AttemptOutcome => ({
  deliveryId, startedAt: T0, durationMs: 12.4, httpStatus: next.state === 'delivered' ? 200 : 503,
  error: next.state === 'delivered' ? null : { code: 'target.unreachable', message: 'HTTP 503' }, retryAfterMs: null, next, ...extra,
});

describe.each(STORE_KINDS)('%s dispatch store', (kind) => {
  let t: StoreUnderTest;
  let targetId: number;
  let ruleId: number;
  beforeEach(async () => {
    t = await openStore(kind);
    const created = await target(t.store);
    targetId = created.id;
    ruleId = created.rules[0]!.id;
    await t.store.commitIngest({ events: [decodedEvent(1), decodedEvent(2), decodedEvent(3)] });
    await t.store.dispatch.fanOut(100, () => [{ targetId, ruleId }], T0);
  });
  afterEach(async () => {
    await t.close();
  });

  const retryHead = async (at: number) => {
    const [head] = (await t.store.dispatch.claimDue(targetId, 'a', lease)).deliveries;
    await t.store.dispatch.recordAttempts([outcome(head!.id, { state: 'retry', at })], T0);
    return head!;
  };

  it('fan-out turns each outbox row into one delivery per target and empties the outbox, once', async () => {
    expect(await t.count('outbox')).toBe(0);
    expect(await t.store.dispatch.listDeliveries({ limit: 10 })).toHaveLength(3);
    expect(await t.store.dispatch.fanOut(100, () => [{ targetId, ruleId }], T0)).toEqual({ events: 0, deliveries: 0, targetIds: [] });
    const second = await target(t.store, 'second');
    await t.store.commitIngest({ events: [decodedEvent(4), decodedEvent(5)] });
    const routed = await t.store.dispatch.fanOut(1, (e) => (e.ledger_sequence === 4 ? [{ targetId, ruleId }, { targetId: second.id, ruleId: second.rules[0]!.id }] : []), T0);
    expect(routed).toEqual({ events: 1, deliveries: 2, targetIds: [targetId, second.id] });
    // An event no rule matches still leaves the outbox.
    expect(await t.store.dispatch.fanOut(10, () => [], T0)).toEqual({ events: 1, deliveries: 0, targetIds: [] });
    expect(await t.count('outbox')).toBe(0);
  });

  it('a fan-out whose routing throws leaves the outbox as it was', async () => {
    await t.store.commitIngest({ events: [decodedEvent(4)] });
    await expect(t.store.dispatch.fanOut(100, () => { throw new Error('boom'); }, T0)).rejects.toThrow('boom');
    expect(await t.count('outbox')).toBe(1);
    expect(await t.count('deliveries')).toBe(3);
  });

  it('claims the due deliveries of a target oldest first, and not those leased by another instance', async () => {
    const mine = await t.store.dispatch.claimDue(targetId, 'a', lease);
    expect(mine.deliveries.map((d) => d.event.ledger_sequence)).toEqual([1, 2, 3]);
    expect(mine.deliveries[0]).toMatchObject({ targetId, attempts: 0, createdAt: T0, leaseExpiresAt: T0 + 60_000, webhookId: expect.stringMatching(/^msg_/) });
    expect(mine.deliveries[0]!.event).toEqual(await t.store.events.get({ epoch: 0, eventId: decodedEvent(1).eventId }));
    const theirs = await t.store.dispatch.claimDue(targetId, 'b', { ...lease, now: T0 + 1 });
    expect(theirs).toEqual({ deliveries: [], nextAt: T0 + 60_000 });
    const takenOver = await t.store.dispatch.claimDue(targetId, 'b', { ...lease, now: T0 + 60_001 });
    expect(takenOver.deliveries.map((d) => d.webhookId)).toEqual(mine.deliveries.map((d) => d.webhookId));
  });

  it('a claim takes at most `limit`, and the same owner may claim again', async () => {
    expect((await t.store.dispatch.claimDue(targetId, 'a', { ...lease, limit: 2 })).deliveries.map((d) => d.event.ledger_sequence)).toEqual([1, 2]);
    expect((await t.store.dispatch.claimDue(targetId, 'a', { ...lease, now: T0 + 5 })).deliveries.map((d) => d.leaseExpiresAt)).toEqual([T0 + 60_005, T0 + 60_005, T0 + 60_005]);
  });

  it('a head waiting for its retry holds back everything behind it', async () => {
    await retryHead(T0 + 5_000);
    expect(await t.store.dispatch.claimDue(targetId, 'a', { ...lease, now: T0 + 4_999 })).toEqual({ deliveries: [], nextAt: T0 + 5_000 });
    expect((await t.store.dispatch.claimDue(targetId, 'a', { ...lease, now: T0 + 5_000 })).deliveries.map((d) => d.attempts)).toEqual([1, 0, 0]);
  });

  it('an empty queue answers no next time, and so does a target that is gone', async () => {
    const [a, b, c] = (await t.store.dispatch.claimDue(targetId, 'a', lease)).deliveries;
    await t.store.dispatch.recordAttempts([a, b, c].map((d) => outcome(d!.id, { state: 'delivered' })), T0);
    expect(await t.store.dispatch.claimDue(targetId, 'a', lease)).toEqual({ deliveries: [], nextAt: null });
    expect(await t.store.dispatch.claimDue(9_999, 'a', lease)).toEqual({ deliveries: [], nextAt: null });
  });

  it('logs every attempt in order, with its error, and records when a delivery arrived', async () => {
    const head = await retryHead(T0 + 5_000);
    await t.store.dispatch.claimDue(targetId, 'a', { ...lease, now: T0 + 5_000 });
    await t.store.dispatch.recordAttempts([outcome(head.id, { state: 'retry', at: T0 + 9_000 }, { httpStatus: 429, retryAfterMs: 4_000, error: { code: 'target.rate_limited', message: 'slow down' } })], T0 + 5_100);
    await t.store.dispatch.recordAttempts([outcome(head.id, { state: 'delivered' }, { startedAt: T0 + 9_000 })], T0 + 9_050);
    expect(await t.store.dispatch.listAttempts(head.id)).toEqual([
      { attempt: 1, startedAt: new Date(T0).toISOString(), durationMs: 12, ok: false, httpStatus: 503, error: { code: 'target.unreachable', message: 'HTTP 503' }, retryAfterMs: null },
      { attempt: 2, startedAt: new Date(T0).toISOString(), durationMs: 12, ok: false, httpStatus: 429, error: { code: 'target.rate_limited', message: 'slow down' }, retryAfterMs: 4_000 },
      { attempt: 3, startedAt: new Date(T0 + 9_000).toISOString(), durationMs: 12, ok: true, httpStatus: 200, error: null, retryAfterMs: null },
    ]);
    expect(await t.store.dispatch.getDelivery(head.id)).toMatchObject({
      status: 'delivered', attempts: 3, nextAttemptAt: null, eventId: decodedEvent(1).eventId,
      lastError: null, deliveredAt: new Date(T0 + 9_050).toISOString(), updatedAt: new Date(T0 + 9_050).toISOString(),
    });
  });

  it('dead-letters an open delivery and redelivers it from zero attempts', async () => {
    const head = await retryHead(T0 + 5_000);
    await t.store.dispatch.deadLetter(head.id, { code: 'target.misconfigured', message: 'no key' }, T0);
    expect(await t.store.dispatch.getDelivery(head.id)).toMatchObject({ status: 'dead', attempts: 1, nextAttemptAt: null, lastError: { code: 'target.misconfigured', message: 'no key', httpStatus: 503 } });
    expect(await t.store.dispatch.redeliver(head.id, T0 + 10)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: T0 + 10 });
    expect(await t.store.dispatch.redeliver(9_999, T0)).toBeNull();
    expect(await t.store.dispatch.countDeliveries()).toEqual([{ targetId, status: 'pending', count: 3 }]);
  });

  it('bulk redelivery touches only the statuses asked for, of that target', async () => {
    const [a, b] = (await t.store.dispatch.claimDue(targetId, 'a', lease)).deliveries;
    await t.store.dispatch.recordAttempts([outcome(a!.id, { state: 'dead' })], T0);
    await t.store.dispatch.recordAttempts([outcome(b!.id, { state: 'delivered' })], T0);
    expect(await t.store.dispatch.countDeliveries()).toEqual([
      { targetId, status: 'dead', count: 1 }, { targetId, status: 'delivered', count: 1 }, { targetId, status: 'pending', count: 1 },
    ]);
    expect(await t.store.dispatch.redeliverTarget(targetId, [], T0)).toBe(0);
    expect(await t.store.dispatch.redeliverTarget(targetId + 1, ['dead'], T0)).toBe(0);
    expect(await t.store.dispatch.redeliverTarget(targetId, ['failed', 'dead'], T0 + 1)).toBe(1);
    expect(await t.store.dispatch.getDelivery(a!.id)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: T0 + 1 });
    expect(await t.store.dispatch.getDelivery(b!.id)).toMatchObject({ status: 'delivered' });
  });

  it('lists deliveries newest first, by target, status and event, a page at a time', async () => {
    const other = await target(t.store, 'other');
    await t.store.commitIngest({ events: [decodedEvent(4)] });
    await t.store.dispatch.fanOut(10, () => [{ targetId: other.id, ruleId: other.rules[0]!.id }], T0);
    const all = await t.store.dispatch.listDeliveries({ limit: 100 });
    expect(all.map((d) => d.eventId)).toEqual([4, 3, 2, 1].map((l) => decodedEvent(l).eventId));
    expect(all[0]).toMatchObject({ targetId: other.id, status: 'pending', attempts: 0, nextAttemptAt: T0, lastError: null, createdAt: new Date(T0).toISOString(), deliveredAt: null });
    expect((await t.store.dispatch.listDeliveries({ target_id: targetId, limit: 2 })).map((d) => d.id)).toEqual([all[1]!.id, all[2]!.id]);
    expect((await t.store.dispatch.listDeliveries({ target_id: targetId, before: all[2]!.id, limit: 2 })).map((d) => d.id)).toEqual([all[3]!.id]);
    expect(await t.store.dispatch.listDeliveries({ event_id: decodedEvent(2).eventId, limit: 5 })).toEqual([all[2]]);
    expect(await t.store.dispatch.listDeliveries({ status: 'dead', limit: 5 })).toEqual([]);
  });

  it('a clean stop frees only its own leases; freeing every lease is for a store one process owns', async () => {
    await t.store.dispatch.claimDue(targetId, 'a', { ...lease, limit: 1 });
    await t.store.dispatch.releaseLeases('b');
    expect((await t.store.dispatch.claimDue(targetId, 'b', { ...lease, now: T0 + 1 })).deliveries).toEqual([]);
    await t.store.dispatch.releaseLeases('a');
    expect((await t.store.dispatch.claimDue(targetId, 'b', { ...lease, now: T0 + 1 })).deliveries).toHaveLength(3);
    await t.store.dispatch.releaseLeases(null);
    expect((await t.store.dispatch.claimDue(targetId, 'c', { ...lease, now: T0 + 2 })).deliveries).toHaveLength(3);
  });

  it('targets keep their config as written and their rule through an update', async () => {
    const config = { url: 'sealed', headers: { 'X-Zeta': '1', 'X-Alpha': '2' }, method: 'PUT' };
    const created = await target(t.store, 'hook', config);
    expect(Object.keys(created.config)).toEqual(['url', 'headers', 'method']);
    expect(Object.keys(created.config.headers as object)).toEqual(['X-Zeta', 'X-Alpha']);
    const rule = ruleSchema.parse({ min_priority: 'high', event_types: ['withdrawal'] });
    const updated = await t.store.dispatch.updateTarget(created.id, { name: 'renamed', kind: 'webhook', enabled: false, config: { url: 'x' }, rule }, T0 + 1);
    expect(updated).toMatchObject({ id: created.id, name: 'renamed', enabled: false, config: { url: 'x' }, rules: [{ id: created.rules[0]!.id, match: rule }] });
    expect(updated!.createdAt).toBe(new Date(T0).toISOString());
    expect(updated!.updatedAt).toBe(new Date(T0 + 1).toISOString());
    expect((await t.store.dispatch.listTargets()).map((x) => [x.name, x.enabled])).toEqual([['t', true], ['renamed', false]]);
    expect(await t.store.dispatch.getTarget(created.id)).toEqual(updated);
    expect(await t.store.dispatch.updateTarget(9_999, { name: 'x', kind: 'webhook', enabled: true, config: {}, rule }, T0)).toBeNull();
  });

  it('deleting a target deletes its deliveries and their attempts; a late attempt for them is dropped', async () => {
    const head = await retryHead(T0 + 5_000);
    expect(await t.store.dispatch.deleteTarget(targetId)).toBe(true);
    expect(await t.store.dispatch.deleteTarget(targetId)).toBe(false);
    expect((await t.count('deliveries')) + (await t.count('delivery_attempts'))).toBe(0);
    await t.store.dispatch.recordAttempts([outcome(head.id, { state: 'delivered' })], T0);
    expect(await t.count('delivery_attempts')).toBe(0);
  });

  it('retention takes the deliveries of deleted events with them', async () => {
    await t.store.deleteEventsBefore(decodedEvent(3).closedAt, 100);
    expect((await t.store.dispatch.listDeliveries({ limit: 10 })).map((d) => d.eventId)).toEqual([decodedEvent(3).eventId]);
  });
});

describe('PostgreSQL: several instances on one database', () => {
  let a: StoreUnderTest<PostgresStore>;
  let b: StoreUnderTest<PostgresStore>;
  beforeEach(async () => {
    a = await openPostgres();
    b = await openPostgres(a.store.connectionString);
  });
  afterEach(async () => {
    await b.close();
    await a.close().catch(() => {});
  });

  async function queue(targets: number, events: number): Promise<{ targetIds: number[]; deliveries: number }> {
    const created = await Promise.all(Array.from({ length: targets }, (_, i) => target(a.store, `t${i}`)));
    for (let from = 0; from < events; from += 50) {
      await a.store.commitIngest({ events: Array.from({ length: Math.min(50, events - from) }, (_, i) => decodedEvent(1_000 + from + i)) });
    }
    let deliveries = 0;
    for (;;) {
      const result = await a.store.dispatch.fanOut(500, () => created.map((c) => ({ targetId: c.id, ruleId: c.rules[0]!.id })), T0);
      deliveries += result.deliveries;
      if (result.events === 0) return { targetIds: created.map((c) => c.id), deliveries };
    }
  }

  it('two instances claiming 1,000 deliveries at once claim each exactly once, in order per target', async () => {
    const { targetIds, deliveries } = await queue(10, 100);
    expect(deliveries).toBe(1_000);
    const claims = new Map<number, string[]>();
    const order = new Map<number, ClaimedDelivery[]>();
    const work = (store: Store, owner: string, targetId: number) => async () => {
      for (;;) {
        const claim = await store.dispatch.claimDue(targetId, owner, { limit: 7, now: Date.now(), leaseMs: 60_000 });
        if (claim.deliveries.length === 0) {
          if (claim.nextAt === null) return;
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        for (const d of claim.deliveries) claims.set(d.id, [...(claims.get(d.id) ?? []), owner]);
        order.set(targetId, [...(order.get(targetId) ?? []), ...claim.deliveries]);
        await store.dispatch.recordAttempts(claim.deliveries.map((d) => outcome(d.id, { state: 'delivered' })), Date.now());
      }
    };
    // Two workers per target on each instance (each its own lease owner), all at once.
    const loops = targetIds.flatMap((id) => [work(a.store, 'a1', id), work(b.store, 'b1', id), work(a.store, 'a2', id), work(b.store, 'b2', id)]);
    await Promise.all(loops.map((loop) => loop()));
    expect(claims.size).toBe(1_000);
    expect([...claims.values()].filter((owners) => owners.length > 1)).toEqual([]);
    const instances = [...claims.values()].map(([owner]) => owner![0]);
    expect(instances.filter((i) => i === 'a').length).toBeGreaterThan(0);
    expect(instances.filter((i) => i === 'b').length).toBeGreaterThan(0);
    for (const claimed of order.values()) {
      const ledgers = claimed.map((d) => d.event.ledger_sequence);
      expect(ledgers).toEqual([...ledgers].sort((x, y) => x - y));
    }
    expect(await a.store.dispatch.countDeliveries()).toEqual(targetIds.toSorted((x, y) => x - y).map((id) => ({ targetId: id, status: 'delivered', count: 100 })));
  });

  it("a dead instance's deliveries go to another once its lease runs out, not before", async () => {
    const { targetIds: [targetId] } = await queue(1, 5);
    const held = await a.store.dispatch.claimDue(targetId!, 'a', { limit: 3, now: T0, leaseMs: 30_000 });
    expect(held.deliveries).toHaveLength(3);
    await a.close(); // dies with its leases in the table
    expect(await b.store.dispatch.claimDue(targetId!, 'b', { ...lease, now: T0 + 29_999 })).toEqual({ deliveries: [], nextAt: T0 + 30_000 });
    const taken = await b.store.dispatch.claimDue(targetId!, 'b', { ...lease, now: T0 + 30_000 });
    expect(taken.deliveries.map((d) => d.webhookId).slice(0, 3)).toEqual(held.deliveries.map((d) => d.webhookId));
    expect(taken.deliveries).toHaveLength(5);
  });

  it('two instances fanning out at once keep each target in the order events were stored', async () => {
    const [one, two] = await Promise.all([target(a.store, 'one'), target(a.store, 'two')]);
    const routes = [one!, two!].map((c) => ({ targetId: c.id, ruleId: c.rules[0]!.id }));
    const ingest = (async () => {
      for (let l = 0; l < 600; l += 20) {
        await a.store.commitIngest({ events: Array.from({ length: 20 }, (_, i) => decodedEvent(5_000 + l + i)) });
      }
    })();
    let ingesting = true;
    void ingest.then(() => (ingesting = false));
    const fanOut = async (store: Store) => {
      for (;;) {
        const result = await store.dispatch.fanOut(7, () => routes, T0);
        if (result.events === 0 && !ingesting) return;
      }
    };
    await Promise.all([ingest, fanOut(a.store), fanOut(b.store), fanOut(a.store), fanOut(b.store)]);
    await fanOut(a.store);
    for (const { targetId } of routes) {
      // Oldest delivery first; event ids sort as the events were stored here.
      const eventIds = (await a.store.dispatch.listDeliveries({ target_id: targetId, limit: 1_000 })).reverse().map((d) => d.eventId);
      expect(eventIds).toHaveLength(600);
      expect(eventIds).toEqual([...eventIds].sort());
    }
  });
});
