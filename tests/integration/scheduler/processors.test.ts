// Several processors on one database (two PostgreSQL connections, as two `serve` instances have;
// two connections to one SQLite file): every due notification is sent exactly once, and what a
// dead processor had leased is finished by another once the lease runs out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import type { Store } from '../../../src/main/engine/store/store';
import type { Scheduler } from '../../../src/main/engine/scheduler/scheduler';
import { openPostgres, openSqlite, type StoreUnderTest } from '../../fixtures/stores';
import { FakeClock } from '../dispatch/support/fake-clock';
import { spyOnStore } from './support/processor-spy';
import { MINUTE, START, makeScheduler, reminder } from './support/scheduler-setup';

const COUNT = 1000;
const OPTIONS = { batchSize: 50, chunkSize: 10, leaseMs: MINUTE };

interface Shared {
  t: StoreUnderTest;
  /** A second connection to the same database. */
  second: Store;
  close(): Promise<void>;
}

const setups: Record<string, () => Promise<Shared>> = {
  postgres: async () => {
    const t = await openPostgres();
    const other = await openPostgres(t.store.connectionString);
    const close = async () => {
      await other.close();
      await t.close();
    };
    return { t, second: other.store, close };
  },
  sqlite: async () => {
    const t = await openSqlite();
    const second = new SqliteStore(t.store.path);
    const close = async () => {
      await second.close();
      await t.close();
    };
    return { t, second, close };
  },
};

/** Runs passes until one finds nothing to do. */
async function drain(s: Scheduler): Promise<void> {
  for (;;) {
    const r = await s.runOnce();
    if (r.delivered + r.expired === 0 && !r.more) return;
  }
}

describe.each(Object.keys(setups))('two processors on one %s database', (kind) => {
  let db: Shared;
  let clock: FakeClock;
  let ids: string[];

  beforeEach(async () => {
    db = await setups[kind]!();
    clock = new FakeClock(START);
    ids = [];
    for (let i = 0; i < COUNT; i++) ids.push((await db.t.store.notifications.createReminder(reminder(START - i))).id);
  }, 120_000);
  afterEach(async () => {
    await db.close();
  });

  const dueEvents = () => db.t.sql<{ n: number }>(`SELECT count(*) AS n FROM events WHERE event_type = 'reminder_due'`).then((r) => Number(r[0]!.n));
  const undelivered = async () => (await db.t.store.notifications.list({ state: 'due', now: clock.now(), limit: 500 })).items.length;

  it(`process ${COUNT} due notifications together, each sent exactly once`, async () => {
    const a = spyOnStore(db.t.store);
    const b = spyOnStore(db.second);
    const first = makeScheduler(a.store, clock, { processorId: 'instance-a', ...OPTIONS });
    const second = makeScheduler(b.store, clock, { processorId: 'instance-b', ...OPTIONS });
    await Promise.all([drain(first), drain(second)]);

    const all = [...a.closed, ...b.closed];
    expect(all).toHaveLength(COUNT);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(a.closed.length).toBeGreaterThan(0);
    expect(b.closed.length).toBeGreaterThan(0);
    expect(await dueEvents()).toBe(COUNT);
    expect(await db.t.count('outbox')).toBe(COUNT);
    expect(await undelivered()).toBe(0);
  }, 120_000);

  it('a processor killed mid-batch leaves its leased rows to the other, which finishes them once the lease runs out', async () => {
    let killed: Scheduler | null = null;
    const a = spyOnStore(db.t.store, () => void killed?.stop({ releaseLeases: false }));
    const b = spyOnStore(db.second);
    const doomed = makeScheduler(a.store, clock, { processorId: 'instance-a', ...OPTIONS });
    const survivor = makeScheduler(b.store, clock, { processorId: 'instance-b', ...OPTIONS });
    killed = doomed;

    await doomed.runOnce(); // leases a batch of 50, closes one chunk of 10, then "dies"
    expect(a.closed).toHaveLength(OPTIONS.chunkSize);
    await drain(survivor);
    const stranded = OPTIONS.batchSize - OPTIONS.chunkSize;
    expect(await undelivered()).toBe(stranded);
    expect(b.closed).toHaveLength(COUNT - OPTIONS.batchSize);

    clock.advance(MINUTE - 1);
    await drain(survivor);
    expect(await undelivered()).toBe(stranded);

    clock.advance(1);
    await drain(survivor);
    expect(await undelivered()).toBe(0);
    expect(b.closed).toHaveLength(COUNT - OPTIONS.chunkSize);
    expect(new Set([...a.closed, ...b.closed])).toEqual(new Set(ids));
    expect(await dueEvents()).toBe(COUNT);
    expect(await db.t.count('outbox')).toBe(COUNT);
  }, 120_000);
});
