import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../src/shared/targets';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { decodedEvent } from '../../fixtures/decoded-event';

let dir: string;
let store: SqliteStore;
let targetId: number;
const T0 = Date.UTC(2026, 10, 25);
const lease = { limit: 10, now: T0, leaseMs: 60_000 };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nc-dstore-'));
  store = new SqliteStore(join(dir, 'notifychain.db'));
  const target = await store.dispatch.createTarget({ name: 't', kind: 'webhook', enabled: true, config: { url: 'sealed' }, rule: ruleSchema.parse({}) }, T0);
  targetId = target.id;
  await store.commitIngest({ events: [decodedEvent(1), decodedEvent(2), decodedEvent(3)] });
  await store.dispatch.fanOut(100, () => [{ targetId, ruleId: target.rules[0]!.id }], T0);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const retryHead = async (at: number) => {
  const [head] = (await store.dispatch.claimDue(targetId, 'a', lease)).deliveries;
  await store.dispatch.recordAttempts([{ deliveryId: head!.id, startedAt: T0, durationMs: 1, httpStatus: 503, error: { code: 'target.unreachable', message: 'HTTP 503' }, retryAfterMs: null, next: { state: 'retry', at } }], T0);
  return head!;
};

describe('SQLite dispatch store', () => {
  it('fan-out turns each outbox row into one delivery per target and empties the outbox, once', async () => {
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(await store.dispatch.listDeliveries({ limit: 10 })).toHaveLength(3);
    const again = await store.dispatch.fanOut(100, () => [{ targetId, ruleId: 1 }], T0);
    expect(again).toEqual({ events: 0, deliveries: 0, targetIds: [] });
  });

  it('a fan-out whose routing throws leaves the outbox as it was', async () => {
    await store.commitIngest({ events: [decodedEvent(4)] });
    await expect(store.dispatch.fanOut(100, () => { throw new Error('boom'); }, T0)).rejects.toThrow('boom');
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('claims the due deliveries of a target oldest first, and not those leased by another instance', async () => {
    const mine = await store.dispatch.claimDue(targetId, 'a', lease);
    expect(mine.deliveries.map((d) => d.event.ledger_sequence)).toEqual([1, 2, 3]);
    expect(mine.deliveries[0]!.webhookId).toMatch(/^msg_/);
    const theirs = await store.dispatch.claimDue(targetId, 'b', { ...lease, now: T0 + 1 });
    expect(theirs).toEqual({ deliveries: [], nextAt: T0 + 60_000 });
    expect((await store.dispatch.claimDue(targetId, 'b', { ...lease, now: T0 + 60_001 })).deliveries).toHaveLength(3);
  });

  it('a head waiting for its retry holds back everything behind it', async () => {
    await retryHead(T0 + 5_000);
    expect(await store.dispatch.claimDue(targetId, 'a', { ...lease, now: T0 + 4_999 })).toEqual({ deliveries: [], nextAt: T0 + 5_000 });
    expect((await store.dispatch.claimDue(targetId, 'a', { ...lease, now: T0 + 5_000 })).deliveries.map((d) => d.attempts)).toEqual([1, 0, 0]);
  });

  it('dead-letters an open delivery and redelivers it from zero attempts', async () => {
    const head = await retryHead(T0 + 5_000);
    await store.dispatch.deadLetter(head.id, { code: 'target.misconfigured', message: 'no key' }, T0);
    expect(await store.dispatch.getDelivery(head.id)).toMatchObject({ status: 'dead', attempts: 1, nextAttemptAt: null, lastError: { code: 'target.misconfigured' } });
    expect(await store.dispatch.redeliver(head.id, T0 + 10)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: T0 + 10 });
    expect(await store.dispatch.countDeliveries()).toEqual([{ targetId, status: 'pending', count: 3 }]);
  });

  it('deleting a target deletes its deliveries and their attempts', async () => {
    await retryHead(T0 + 5_000);
    expect(await store.dispatch.deleteTarget(targetId)).toBe(true);
    expect(store.db.prepare('SELECT (SELECT count(*) FROM deliveries) + (SELECT count(*) FROM delivery_attempts) AS n').get()).toEqual({ n: 0 });
  });
});
