// EventQueries on both stores against real databases: order across network epochs, cursors,
// every API filter, time and ledger bounds, totals kept exact through inserts and deletions, the
// insertion-ordered feed and chunked export. Then the two stores side by side on the same data.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { EventFilter, EventQueries } from '../../../src/main/engine/store/event-queries';
import type { StoredEvent } from '../../../src/shared/model';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';
import { STORE_KINDS, openPostgres, openSqlite, openStore, type StoreUnderTest } from '../../fixtures/stores';
import { untilClockPasses } from '../../fixtures/clock-tick';

const OTHER = 'CDO7W5CT6QO4MHXBKKQS5N2ZRJ3K6TIBXDO5FYUMYXQDZNDPGD7TQJYQ';

/** Ledgers [from, to), two events each, alternating contracts and types. */
async function ledgers(t: StoreUnderTest, from: number, to: number, closedAt?: (ledger: number) => string) {
  const events = [];
  for (let l = from; l < to; l++) {
    for (let i = 0; i < 2; i++) {
      events.push(decodedEvent(l, i, {
        contractId: i === 0 ? CONTRACT_A : OTHER,
        eventType: l % 3 === 0 ? 'deposit' : 'withdrawal',
        category: l % 4 === 0 ? null : l % 4 === 1 ? 'financial' : 'admin',
        priority: (['low', 'medium', 'high', 'critical', null] as const)[(l + i) % 5]!,
        ...(closedAt ? { closedAt: closedAt(l) } : {}),
      }));
    }
  }
  await t.store.commitIngest({ events });
}

async function pageThrough(queries: EventQueries, filter: EventFilter, order: 'asc' | 'desc', limit = 7): Promise<string[]> {
  const out: string[] = [];
  let after: { epoch: number; eventId: string } | undefined;
  for (;;) {
    const page = await queries.query({ filter, order, limit, after });
    out.push(...keys(page.events));
    if (!page.hasMore) return out;
    const last = page.events.at(-1)!;
    after = { epoch: last.network_epoch, eventId: last.id };
  }
}

async function pageByOffset(queries: EventQueries, filter: EventFilter, order: 'asc' | 'desc', limit = 7): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const page = await queries.query({ filter, order, limit, offset: out.length });
    out.push(...keys(page.events));
    if (!page.hasMore) return out;
  }
}

const keys = (events: StoredEvent[]) => events.map((e) => `${e.network_epoch}:${e.id}`);

describe.each(STORE_KINDS)('%s event queries', (kind) => {
  let t: StoreUnderTest;
  beforeEach(async () => {
    t = await openStore(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('orders by epoch then event id, across a network reset that restarts the ledgers', async () => {
    await ledgers(t, 500, 520);
    await t.store.recordNetworkReset('testnet reset', 'Test SDF Network ; September 2015');
    await ledgers(t, 10, 30); // lower ledgers, later epoch
    const all = await t.allEvents();
    expect(await pageThrough(t.store.events, {}, 'asc')).toEqual(keys(all));
    expect(await pageThrough(t.store.events, {}, 'desc')).toEqual(keys(all).reverse());
    expect(await pageThrough(t.store.events, { contractIds: [OTHER], eventTypes: ['deposit'] }, 'desc', 3)).toEqual(
      keys(all.filter((e) => e.contract_id === OTHER && e.event_type === 'deposit')).reverse(),
    );
    // A ledger range applies within every epoch.
    const inRange = all.filter((e) => e.ledger_sequence >= 15 && e.ledger_sequence <= 505);
    expect(await pageThrough(t.store.events, { ledgerFrom: 15, ledgerTo: 505 }, 'asc')).toEqual(keys(inRange));
    expect(await t.store.events.count({ ledgerFrom: 15, ledgerTo: 505 })).toBe(inRange.length);
  });

  it('reads a bare event id as the oldest epoch that has it', async () => {
    await ledgers(t, 10, 12);
    await t.store.recordNetworkReset('reset', 'p');
    await ledgers(t, 10, 14);
    const all = await t.allEvents();
    const id = all[0]!.id;
    expect((await t.store.events.get({ epoch: null, eventId: id }))!.network_epoch).toBe(0);
    expect((await t.store.events.get({ epoch: 1, eventId: id }))!.network_epoch).toBe(1);
    expect((await t.store.events.get({ epoch: null, eventId: all.at(-1)!.id }))!.network_epoch).toBe(1);
    expect(await t.store.events.get({ epoch: 0, eventId: '0000000000000000001-0000000000' })).toBeNull();
    const page = await t.store.events.query({ filter: {}, order: 'asc', limit: 100, after: { epoch: null, eventId: id } });
    expect(page.events).toHaveLength(all.length - 1);
  });

  it.each<[string, EventFilter, (e: StoredEvent) => boolean]>([
    ['contract', { contractIds: [CONTRACT_A] }, (e) => e.contract_id === CONTRACT_A],
    ['two contracts', { contractIds: [CONTRACT_A, OTHER] }, () => true],
    ['no contract at all', { contractIds: [] }, () => false],
    ['event type', { eventTypes: ['withdrawal'] }, (e) => e.event_type === 'withdrawal'],
    ['contract and event type', { contractIds: [OTHER], eventTypes: ['deposit'] }, (e) => e.contract_id === OTHER && e.event_type === 'deposit'],
    ['category', { categories: ['financial'] }, (e) => e.category === 'financial'],
    ['priority list', { priorities: ['high', 'critical'] }, (e) => e.priority === 'high' || e.priority === 'critical'],
    ['ledger range', { ledgerFrom: 130, ledgerTo: 140 }, (e) => e.ledger_sequence >= 130 && e.ledger_sequence <= 140],
    ['everything at once', { contractIds: [CONTRACT_A], categories: ['admin', 'financial'], priorities: ['low', 'high'], ledgerFrom: 105 },
      (e) => e.contract_id === CONTRACT_A && ['admin', 'financial'].includes(e.category!) && ['low', 'high'].includes(e.priority!) && e.ledger_sequence >= 105],
  ])('filters by %s, with the matching total', async (_name, filter, keep) => {
    await ledgers(t, 100, 160);
    const expected = keys((await t.allEvents()).filter(keep));
    expect(await pageThrough(t.store.events, filter, 'desc')).toEqual([...expected].reverse());
    expect(await pageThrough(t.store.events, filter, 'asc', 500)).toEqual(expected);
    expect(await t.store.events.count(filter)).toBe(expected.length);
  });

  it('filters by time exactly, also when epochs overlap in time', async () => {
    const at = (l: number) => new Date(Date.UTC(2026, 0, 1) + l * 60_000).toISOString();
    await ledgers(t, 100, 130, at);
    await t.store.recordNetworkReset('switched network', 'p');
    // The new epoch's history reaches back before the end of the old one.
    await ledgers(t, 5, 30, (l) => at(l + 110));
    const all = await t.allEvents();
    for (const [since, until] of [[at(120), undefined], [undefined, at(118)], [at(116), at(125)], [at(200), undefined], [undefined, at(0)]] as const) {
      const expected = all.filter((e) => (since === undefined || e.created_at >= since) && (until === undefined || e.created_at < until));
      const filter = { ...(since ? { since } : {}), ...(until ? { until } : {}) };
      expect(await pageThrough(t.store.events, filter, 'asc', 5), JSON.stringify(filter)).toEqual(keys(expected));
      expect(await pageThrough(t.store.events, filter, 'desc', 5)).toEqual(keys(expected).reverse());
      expect(await t.store.events.count(filter)).toBe(expected.length);
    }
  });

  it('pages by offset and by keyset to the same events, oldest first too', async () => {
    await ledgers(t, 100, 140);
    const all = keys(await t.allEvents());
    expect(await pageByOffset(t.store.events, {}, 'desc')).toEqual([...all].reverse());
    expect(await pageByOffset(t.store.events, {}, 'asc', 9)).toEqual(all);
    expect(await pageByOffset(t.store.events, { contractIds: [OTHER] }, 'asc', 4)).toEqual(await pageThrough(t.store.events, { contractIds: [OTHER] }, 'asc', 5));
  });

  it('an empty page keeps the cursor, so a poller can ask again later', async () => {
    await ledgers(t, 100, 105);
    const newest = (await t.allEvents()).at(-1)!;
    const empty = await t.store.events.query({ filter: {}, order: 'asc', limit: 10, after: { epoch: null, eventId: newest.id } });
    expect(empty).toEqual({ events: [], hasMore: false, nextCursor: newest.id });
    await ledgers(t, 105, 106);
    const next = await t.store.events.query({ filter: {}, order: 'asc', limit: 10, after: { epoch: null, eventId: newest.id } });
    expect(next.events.map((e) => e.ledger_sequence)).toEqual([105, 105]);
    expect(next.nextCursor).toBe(next.events[1]!.id);
  });

  it('keeps totals exact as events are stored and deleted', async () => {
    await ledgers(t, 100, 150);
    const filter = { eventTypes: ['deposit'] };
    const deposits = async () => (await t.allEvents()).filter((e) => e.event_type === 'deposit').length;
    expect(await t.store.events.count(filter)).toBe(await deposits());
    await ledgers(t, 150, 160);
    expect(await t.store.events.count(filter)).toBe(await deposits());
    expect(await t.store.events.count({})).toBe(await t.store.countEvents());
    const before = await t.store.events.version();
    const cutoff = (await t.allEvents())[40]!.created_at;
    await t.store.deleteEventsBefore(cutoff, 1_000);
    expect(await t.store.events.count(filter)).toBe(await deposits());
    expect(await t.store.events.count({})).toBe(await t.store.countEvents());
    const after = await t.store.events.version();
    expect(after.tag).not.toBe(before.tag);
    expect(after.lastModified! >= before.lastModified!).toBe(true);
  });

  it('Last-Modified and the tag move when an event is stored, and only then', async () => {
    expect(await t.store.events.version()).toMatchObject({ lastModified: null });
    await ledgers(t, 100, 101);
    const first = await t.store.events.version();
    expect(first.lastModified).toBe((await t.allEvents())[0]!.stored_at);
    expect(await t.store.events.version()).toEqual(first);
    await untilClockPasses(Date.parse(first.lastModified!));
    await ledgers(t, 101, 102);
    const second = await t.store.events.version();
    expect(second.tag).not.toBe(first.tag);
    expect(second.lastModified! > first.lastModified!).toBe(true);
  });

  it('feeds events in insertion order from a position, past deleted ones too', async () => {
    await ledgers(t, 100, 110);
    const end = await t.store.events.feedEnd();
    await ledgers(t, 50, 52); // stored later, older ledgers (a backfill)
    const fresh = await t.store.events.readFeed(end, {}, 100);
    expect(fresh.events.map((e) => e.ledger_sequence)).toEqual([50, 50, 51, 51]);
    expect(fresh.caughtUp).toBe(true);
    const middle = (await t.allEvents()).find((e) => e.ledger_sequence === 105)!;
    const from = await t.store.events.feedPositionAfter({ epoch: 0, eventId: middle.id });
    await t.sql('DELETE FROM events WHERE event_id = ?', middle.id);
    expect(await t.store.events.feedPositionAfter({ epoch: 0, eventId: middle.id })).toEqual({ seq: from.seq - 1 });
    const page = await t.store.events.readFeed(from, { contractIds: [OTHER] }, 3);
    expect(page.events).toHaveLength(3);
    expect(page.caughtUp).toBe(false);
    const rest = await t.store.events.readFeed(page.position, { contractIds: [OTHER] }, 100);
    expect([...page.events, ...rest.events].every((e) => e.contract_id === OTHER)).toBe(true);
    expect(rest.position).toEqual(await t.store.events.feedEnd());
  });

  it('exports in chunks as of the call, leaving later inserts out', async () => {
    await ledgers(t, 100, 140);
    const all = await t.allEvents();
    const chunks: number[] = [];
    const seen: string[] = [];
    for await (const chunk of t.store.events.export({ filter: {}, order: 'asc', chunkSize: 15 })) {
      chunks.push(chunk.length);
      seen.push(...chunk.map((e) => e.id));
      if (chunks.length === 1) await ledgers(t, 200, 205);
    }
    expect(chunks).toEqual([15, 15, 15, 15, 15, 5]);
    expect(seen).toEqual(all.map((e) => e.id));
    const newestFirst: StoredEvent[] = [];
    for await (const chunk of t.store.events.export({ filter: { contractIds: [CONTRACT_A] }, order: 'desc', chunkSize: 7 })) newestFirst.push(...chunk);
    expect(keys(newestFirst)).toEqual(keys((await t.allEvents()).filter((e) => e.contract_id === CONTRACT_A)).reverse());
  });

  it("reads a notification in the seed's shape, its updated_at moving whenever the row changes", async () => {
    await t.sql('INSERT INTO notifications (id, creator, created_at) VALUES (?, ?, ?)', 'n1', 'GABC', '2026-11-25T10:00:00.000Z');
    const created = (await t.store.events.getNotification('n1'))!;
    expect(created).toEqual({
      id: 'n1', creator: 'GABC', created_at: '2026-11-25T10:00:00.000Z', expires_at: null, revoked_by: null, revoked_at: null,
      scheduled_for: null, delivered: false, delivered_at: null, updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    await untilClockPasses(Date.parse(created.updated_at));
    await t.sql('UPDATE notifications SET delivered = ?, delivered_at = ? WHERE id = ?', kind === 'sqlite' ? 1 : true, '2026-11-25T11:00:00.000Z', 'n1');
    const delivered = (await t.store.events.getNotification('n1'))!;
    expect(delivered).toMatchObject({ delivered: true, delivered_at: '2026-11-25T11:00:00.000Z' });
    expect(delivered.updated_at > created.updated_at).toBe(true);
    expect(await t.store.events.getNotification('n2')).toBeNull();
  });
});

describe('SQLite and PostgreSQL side by side', () => {
  let stores: StoreUnderTest[];
  beforeEach(async () => {
    stores = await Promise.all(STORE_KINDS.map(openStore));
    const at = (l: number) => new Date(Date.UTC(2026, 0, 1) + l * 5_000).toISOString();
    for (const t of stores) {
      await ledgers(t, 300, 360, at);
      await t.store.recordNetworkReset('testnet reset', 'p');
      await ledgers(t, 10, 40, (l) => at(l + 330));
      await ledgers(t, 1, 10, (l) => at(l + 320)); // a backfill: older ledgers stored last
    }
  });
  afterEach(async () => {
    await Promise.all(stores.map((t) => t.close()));
  });

  /** What a query answers, without stored_at (each store stamps its own). */
  const answer = (events: StoredEvent[]) => events.map(({ stored_at: _, ...rest }) => rest);

  it('answers random filters with the same events, totals, feed and export', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const some = <T,>(values: readonly T[]) => values.filter(() => random() < 0.5);
    const at = (l: number) => new Date(Date.UTC(2026, 0, 1) + l * 5_000).toISOString();
    for (let i = 0; i < 40; i++) {
      const filter: EventFilter = {};
      if (random() < 0.4) filter.contractIds = some([CONTRACT_A, OTHER]);
      if (random() < 0.4) filter.eventTypes = some(['deposit', 'withdrawal', 'unknown']);
      if (random() < 0.3) filter.categories = some(['financial', 'admin', 'group'] as const);
      if (random() < 0.3) filter.priorities = some(['low', 'medium', 'high', 'critical'] as const);
      if (random() < 0.3) filter.since = at(300 + Math.floor(random() * 80));
      if (random() < 0.3) filter.until = at(300 + Math.floor(random() * 80));
      if (random() < 0.3) filter.ledgerFrom = Math.floor(random() * 360);
      if (random() < 0.3) filter.ledgerTo = Math.floor(random() * 360);
      const order = random() < 0.5 ? 'asc' : 'desc';
      const limit = 1 + Math.floor(random() * 30);
      const [sqlite, postgres] = await Promise.all(stores.map(async (t) => {
        const exported: StoredEvent[] = [];
        for await (const chunk of t.store.events.export({ filter, order, chunkSize: limit })) exported.push(...chunk);
        const feed = await t.store.events.readFeed({ seq: 0 }, filter, limit);
        return {
          keyset: await pageThrough(t.store.events, filter, order, limit),
          offset: (await t.store.events.query({ filter, order, limit, offset: limit })).events.map((e) => e.id),
          count: await t.store.events.count(filter),
          exported: answer(exported),
          feed: { events: answer(feed.events), caughtUp: feed.caughtUp },
        };
      }));
      expect(postgres, JSON.stringify({ filter, order, limit })).toEqual(sqlite);
    }
  });

  it('resolves cursors and feed positions the same way', async () => {
    const all = await stores[0]!.allEvents();
    const samples = [all[0]!, all[17]!, all[60]!, all.at(-1)!];
    for (const e of samples) {
      const results = await Promise.all(stores.map(async (t) => ({
        bare: answer([(await t.store.events.get({ epoch: null, eventId: e.id }))!]),
        page: (await t.store.events.query({ filter: {}, order: 'desc', limit: 5, after: { epoch: null, eventId: e.id } })).nextCursor,
        // Insertion order differs from key order here (the backfill), so positions are compared by what follows them.
        after: answer((await t.store.events.readFeed(await t.store.events.feedPositionAfter({ epoch: e.network_epoch, eventId: e.id }), {}, 3)).events),
      })));
      expect(results[1]).toEqual(results[0]);
    }
  });
});

describe('PostgreSQL created with a locale that sorts symbols before digits', () => {
  it('pages and filters by time as SQLite does', async () => {
    const maintenance = new pg.Client({ connectionString: inject('postgresUrl') });
    const name = `nc_icu_${process.pid}_${Date.now()}`;
    await maintenance.connect();
    await maintenance.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
    await maintenance.end();
    const stores = [await openSqlite(), await openPostgres(inject('postgresUrl').replace(/[^/]*$/, name))];
    try {
      const at = (l: number) => new Date(Date.UTC(2026, 0, 1) + l * 60_000).toISOString();
      for (const t of stores) {
        await ledgers(t, 100, 130, at);
        await t.store.recordNetworkReset('switched network', 'p');
        await ledgers(t, 5, 15, (l) => at(l + 110)); // within the first epoch's time span
      }
      // The last event before `until` is in the first epoch, so the bound reaches to the end of the second.
      for (const filter of [{ until: at(128) }, { since: at(116), until: at(128) }] as EventFilter[]) {
        const [sqlite, postgres] = await Promise.all(stores.map(async (t) => ({
          desc: await pageThrough(t.store.events, filter, 'desc', 6),
          count: await t.store.events.count(filter),
        })));
        expect(postgres, JSON.stringify(filter)).toEqual(sqlite);
      }
    } finally {
      await Promise.all(stores.map((t) => t.close()));
    }
  });
});
