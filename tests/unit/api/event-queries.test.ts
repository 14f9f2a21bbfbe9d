// The SQLite EventQueries against a real file: order across network epochs, cursors, time and
// ledger bounds, totals kept exact through inserts and deletions, and the insertion-ordered feed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowToEvent, type EventRow } from '../../../src/main/engine/store/event-row';
import type { EventFilter } from '../../../src/main/engine/store/event-queries';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import type { StoredEvent } from '../../../src/shared/model';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';

const OTHER = 'CDO7W5CT6QO4MHXBKKQS5N2ZRJ3K6TIBXDO5FYUMYXQDZNDPGD7TQJYQ';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nc-queries-'));
  store = new SqliteStore(join(dir, 'notifychain.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ledgers [from, to), two events each, alternating contracts and types. */
async function ledgers(from: number, to: number, closedAt?: (ledger: number) => string) {
  const events = [];
  for (let l = from; l < to; l++) {
    for (let i = 0; i < 2; i++) {
      events.push(decodedEvent(l, i, {
        contractId: i === 0 ? CONTRACT_A : OTHER,
        eventType: l % 3 === 0 ? 'deposit' : 'withdrawal',
        ...(closedAt ? { closedAt: closedAt(l) } : {}),
      }));
    }
  }
  await store.commitIngest({ events });
}

const all = (): StoredEvent[] =>
  (store.db.prepare('SELECT * FROM events ORDER BY network_epoch, event_id').all() as EventRow[]).map(rowToEvent);

async function pageThrough(filter: EventFilter, order: 'asc' | 'desc', limit = 7): Promise<string[]> {
  const out: string[] = [];
  let after: { epoch: number; eventId: string } | undefined;
  for (;;) {
    const page = await store.events.query({ filter, order, limit, after });
    out.push(...page.events.map((e) => `${e.network_epoch}:${e.id}`));
    if (!page.hasMore) return out;
    const last = page.events.at(-1)!;
    after = { epoch: last.network_epoch, eventId: last.id };
  }
}
const keys = (events: StoredEvent[]) => events.map((e) => `${e.network_epoch}:${e.id}`);

describe('SQLite event queries', () => {
  it('orders by epoch then event id, across a network reset that restarts the ledgers', async () => {
    await ledgers(500, 520);
    await store.recordNetworkReset('testnet reset', 'Test SDF Network ; September 2015');
    await ledgers(10, 30); // lower ledgers, later epoch
    const expected = keys(all());
    expect(await pageThrough({}, 'asc')).toEqual(expected);
    expect(await pageThrough({}, 'desc')).toEqual([...expected].reverse());
    expect(await pageThrough({ contractIds: [OTHER], eventTypes: ['deposit'] }, 'desc', 3)).toEqual(
      keys(all().filter((e) => e.contract_id === OTHER && e.event_type === 'deposit')).reverse(),
    );
    // A ledger range applies within every epoch.
    const inRange = all().filter((e) => e.ledger_sequence >= 15 && e.ledger_sequence <= 505);
    expect(await pageThrough({ ledgerFrom: 15, ledgerTo: 505 }, 'asc')).toEqual(keys(inRange));
    expect(await store.events.count({ ledgerFrom: 15, ledgerTo: 505 })).toBe(inRange.length);
  });

  it('reads a bare event id as the oldest epoch that has it', async () => {
    await ledgers(10, 12);
    await store.recordNetworkReset('reset', 'p');
    await ledgers(10, 14);
    const id = all()[0]!.id;
    expect((await store.events.get({ epoch: null, eventId: id }))!.network_epoch).toBe(0);
    expect((await store.events.get({ epoch: 1, eventId: id }))!.network_epoch).toBe(1);
    const onlyLater = all().at(-1)!;
    expect((await store.events.get({ epoch: null, eventId: onlyLater.id }))!.network_epoch).toBe(1);
    const page = await store.events.query({ filter: {}, order: 'asc', limit: 100, after: { epoch: null, eventId: id } });
    expect(page.events).toHaveLength(all().length - 1);
  });

  it('filters by time exactly, also when epochs overlap in time', async () => {
    const t = (l: number) => new Date(Date.UTC(2026, 0, 1) + l * 60_000).toISOString();
    await ledgers(100, 130, t);
    await store.recordNetworkReset('switched network', 'p');
    // The new epoch's history reaches back before the end of the old one.
    await ledgers(5, 30, (l) => t(l + 110));
    for (const [since, until] of [[t(120), undefined], [undefined, t(118)], [t(116), t(125)], [t(200), undefined], [undefined, t(0)]] as const) {
      const expected = all().filter((e) => (since === undefined || e.created_at >= since) && (until === undefined || e.created_at < until));
      const filter = { ...(since ? { since } : {}), ...(until ? { until } : {}) };
      expect(await pageThrough(filter, 'asc', 5), JSON.stringify(filter)).toEqual(keys(expected));
      expect(await pageThrough(filter, 'desc', 5)).toEqual(keys(expected).reverse());
      expect(await store.events.count(filter)).toBe(expected.length);
    }
  });

  it('keeps totals exact as events are stored and deleted', async () => {
    await ledgers(100, 150);
    const filter = { eventTypes: ['deposit'] };
    const count = () => all().filter((e) => e.event_type === 'deposit').length;
    expect(await store.events.count(filter)).toBe(count());
    await ledgers(150, 160);
    expect(await store.events.count(filter)).toBe(count());
    expect(await store.events.count({})).toBe(all().length);
    const before = await store.events.version();
    const cutoff = all()[40]!.created_at;
    await store.deleteEventsBefore(cutoff, 1_000);
    expect(await store.events.count(filter)).toBe(count());
    expect(await store.events.count({})).toBe(all().length);
    const after = await store.events.version();
    expect(after.tag).not.toBe(before.tag);
    expect(after.lastModified! >= before.lastModified!).toBe(true);
  });

  it('feeds events in insertion order from a position, past deleted ones too', async () => {
    await ledgers(100, 110);
    const end = await store.events.feedEnd();
    await ledgers(50, 52); // stored later, older ledgers (a backfill)
    const fresh = await store.events.readFeed(end, {}, 100);
    expect(fresh.events.map((e) => e.ledger_sequence)).toEqual([50, 50, 51, 51]);
    const middle = all().find((e) => e.ledger_sequence === 105)!;
    const from = await store.events.feedPositionAfter({ epoch: 0, eventId: middle.id });
    store.db.prepare('DELETE FROM events WHERE event_id = ?').run(middle.id);
    expect(await store.events.feedPositionAfter({ epoch: 0, eventId: middle.id })).toEqual({ seq: from.seq - 1 });
    const page = await store.events.readFeed(from, { contractIds: [OTHER] }, 3);
    expect(page.events).toHaveLength(3);
    const rest = await store.events.readFeed(page.position, { contractIds: [OTHER] }, 100);
    expect([...page.events, ...rest.events].every((e) => e.contract_id === OTHER)).toBe(true);
    expect(rest.position).toEqual(await store.events.feedEnd());
  });

  it('exports in chunks as of the call, leaving later inserts out', async () => {
    await ledgers(100, 140);
    const chunks: number[] = [];
    const seen: string[] = [];
    for await (const chunk of store.events.export({ filter: {}, order: 'asc', chunkSize: 15 })) {
      chunks.push(chunk.length);
      seen.push(...chunk.map((e) => e.id));
      if (chunks.length === 1) await ledgers(200, 205);
    }
    expect(chunks).toEqual([15, 15, 15, 15, 15, 5]);
    expect(seen).toEqual(all().slice(0, 80).map((e) => e.id));
  });
});
