import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowToEvent, type EventRow } from '../../../src/main/engine/store/event-row';
import type { StoredEvent } from '../../../src/shared/model';
import type { EventListResponse } from '../../../src/shared/api/events';
import { getJson, startApiHarness, type ApiHarness } from './api-harness';

let a: ApiHarness;
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 150, eventsPerLedger: 6 });
});
afterAll(async () => {
  await a.close();
});

/** Every stored event, newest first: what the API should agree with. */
function stored(): StoredEvent[] {
  const rows = a.h.store.db.prepare('SELECT * FROM events ORDER BY network_epoch DESC, event_id DESC').all() as EventRow[];
  return rows.map(rowToEvent);
}
const ids = (events: StoredEvent[]) => events.map((e) => e.id);
const list = (query: string) => getJson<EventListResponse>(a.url, `/api/events${query}`);

async function pageAll(query: string, useCursor: boolean, between?: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const paging: string = useCursor ? (cursor ? `&after=${cursor}` : '') : `&offset=${seen.length}`;
    const { body } = await list(`?limit=37${query}${paging}`);
    seen.push(...ids(body.events));
    if (!body.has_more) return seen;
    cursor = body.next_cursor;
    await between?.();
  }
  throw new Error('did not finish');
}

describe('GET /api/events', () => {
  it('answers the newest 100 with the total, has_more and a cursor', async () => {
    const all = stored();
    const { status, body, headers } = await list('');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('private, max-age=5');
    expect(ids(body.events)).toEqual(ids(all).slice(0, 100));
    expect(body).toMatchObject({ total: all.length, has_more: true, next_cursor: all[99]!.id });
    expect(body.events[0]).toEqual(all[0]);
    expect(Object.keys(body.events[0]!)).toEqual(expect.arrayContaining(['id', 'contract_id', 'event_type', 'ledger_sequence', 'created_at', 'data', 'category', 'priority', 'tx_hash', 'topics']));
  });

  it.each([
    ['contract_id', (e: StoredEvent) => e.contract_id === a.contracts.autoshare, () => `contract_id=${a.contracts.autoshare}`],
    ['two contract ids', (e: StoredEvent) => e.contract_id !== a.contracts.autoshare, () => `contract_id=${a.contracts.taskbounty},${a.contracts.notifications}`],
    ['event_type', (e: StoredEvent) => e.event_type === 'withdrawal', () => 'event_type=withdrawal'],
    ['contract_id + event_type', (e: StoredEvent) => e.contract_id === a.contracts.taskbounty && e.event_type === 'task_created', () => `contract_id=${a.contracts.taskbounty}&event_type=task_created`],
    ['category', (e: StoredEvent) => e.category === 'financial', () => 'category=financial'],
    ['priority list', (e: StoredEvent) => e.priority === 'high' || e.priority === 'critical', () => 'priority=high,critical'],
    ['ledger range', (e: StoredEvent) => e.ledger_sequence >= 1030 && e.ledger_sequence <= 1040, () => 'ledger_from=1030&ledger_to=1040'],
  ])('filters by %s', async (_name, keep, query) => {
    const expected = stored().filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    const { body } = await list(`?limit=500&${query()}`);
    expect(ids(body.events)).toEqual(ids(expected).slice(0, 500));
    expect(body.total).toBe(expected.length);
  });

  it('filters by since and until (ISO 8601, any offset)', async () => {
    const all = stored();
    const pivot = all[Math.floor(all.length / 2)]!.created_at;
    const later = all.filter((e) => e.created_at >= pivot);
    const { body } = await list(`?limit=500&since=${encodeURIComponent(pivot.replace('Z', '+00:00'))}`);
    expect(ids(body.events)).toEqual(ids(later).slice(0, 500));
    expect(body.total).toBe(later.length);
    const earlier = all.filter((e) => e.created_at < pivot);
    const before = await list(`?limit=500&until=${pivot}&order=asc`);
    expect(ids(before.body.events)).toEqual(ids(earlier).reverse().slice(0, 500));
    const future = await list('?since=2999-01-01');
    expect(future.body).toMatchObject({ events: [], total: 0, has_more: false });
  });

  it('pages by offset and by keyset to the same events, oldest first too', async () => {
    const all = ids(stored());
    expect(await pageAll('', false)).toEqual(all);
    expect(await pageAll('', true)).toEqual(all);
    expect(await pageAll('&order=asc', true)).toEqual([...all].reverse());
    const filtered = ids(stored().filter((e) => e.contract_id === a.contracts.notifications));
    expect(await pageAll(`&contract_id=${a.contracts.notifications}`, true)).toEqual(filtered);
  });

  it('keyset pages stay exact while new events arrive', async () => {
    const before = ids(stored());
    // Newest first: new events land before page 1 and never shift the pages that follow.
    const desc = await pageAll('', true, () => a.advance(1));
    expect(desc).toEqual(before);
    // Oldest first: the pager reads on into the new events, each exactly once.
    const asc = await pageAll('&order=asc', true, () => a.advance(1));
    const after = ids(stored()).reverse();
    expect(new Set(asc).size).toBe(asc.length);
    expect(asc).toEqual(after.slice(0, asc.length));
    expect(asc.length).toBeGreaterThan(before.length);
  });

  it('an empty page keeps the cursor, so a poller can ask again later', async () => {
    const newest = stored()[0]!;
    const { body } = await list(`?order=asc&after=${newest.id}`);
    expect(body).toMatchObject({ events: [], has_more: false, next_cursor: newest.id });
    await a.advance(1);
    const next = await list(`?order=asc&after=${body.next_cursor}`);
    expect(next.body.events.length).toBeGreaterThan(0);
    expect(next.body.events[0]!.id > newest.id).toBe(true);
  });

  it.each([
    ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=ten', 'limit'], ['limit=1e2', 'limit'], ['offset=-1', 'offset'],
    ['contract_id=CABC', 'contract_id'], ['event_type=no%20spaces', 'event_type'], ['category=loud', 'category'],
    ['priority=urgent', 'priority'], ['since=yesterday', 'since'], ['until=2026-02-30', 'until'], ['ledger_from=9&ledger_to=3', 'ledger_to'],
    ['after=42', 'after'], ['order=sideways', 'order'], ['limit=1&limit=2', 'limit'],
  ])('400 for %s, naming %s', async (query, parameter) => {
    const { status, body } = await getJson<{ error: { code: string; message: string; parameter: string } }>(a.url, `/api/events?${query}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'request.invalid_parameter', parameter });
    expect(body.error.message.startsWith(parameter)).toBe(true);
  });

  it('400 for an unknown parameter, naming it', async () => {
    const { status, body } = await getJson(a.url, '/api/events?contractId=x');
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'request.unknown_parameter', message: 'unknown parameter "contractId"', parameter: 'contractId' } });
  });
});

describe('GET /api/events/:id', () => {
  it('answers one event by id or epoch:id, 404 when unknown, 400 when malformed', async () => {
    const event = stored()[5]!;
    expect((await getJson(a.url, `/api/events/${event.id}`)).body).toEqual(event);
    expect((await getJson(a.url, `/api/events/0:${event.id}`)).body).toEqual(event);
    const missing = await getJson(a.url, '/api/events/0000000000000000001-0000000000');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'event.not_found' } } });
    const bad = await getJson(a.url, '/api/events/not-an-id');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_parameter', parameter: 'id' } } });
  });
});

describe('conditional requests', () => {
  it('304 for a matching ETag until something is stored', async () => {
    const first = await fetch(`${a.url}/api/events?limit=5`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect((await fetch(`${a.url}/api/events?limit=5`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await a.advance(1);
    const changed = await fetch(`${a.url}/api/events?limit=5`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('304 for If-Modified-Since once the last change is a second old', async () => {
    // A change in the current second gets no Last-Modified; it appears once that second is over.
    let first!: Response;
    await vi.waitFor(async () => {
      first = await fetch(`${a.url}/api/events?limit=5`);
      expect(first.headers.get('last-modified')).toBeTruthy();
    }, { timeout: 3_000, interval: 50 });
    const lastModified = first.headers.get('last-modified')!;
    expect(Date.parse(lastModified)).toBeLessThanOrEqual(Date.now());
    expect((await fetch(`${a.url}/api/events?limit=5`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    const event = stored()[0]!;
    const one = await fetch(`${a.url}/api/events/${event.id}`);
    const again = await fetch(`${a.url}/api/events/${event.id}`, { headers: { 'If-Modified-Since': one.headers.get('last-modified')! } });
    expect(again.status).toBe(304);
    await a.advance(1);
    expect((await fetch(`${a.url}/api/events?limit=5`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(200);
  });
});
