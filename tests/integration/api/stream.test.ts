import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedToStored } from '../../../src/main/engine/store/event-row';
import type { StoredEvent } from '../../../src/shared/model';
import { decodedEvent } from '../../fixtures/decoded-event';
import { raw, startApiHarness, type ApiHarness } from './api-harness';
import { openSse } from './sse-client';

let a: ApiHarness;
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 60, eventsPerLedger: 5, maxStreams: 4 });
});
afterAll(async () => {
  await a.close();
});

const storedIds = () => (a.h.store.db.prepare('SELECT event_id FROM events ORDER BY seq').all() as { event_id: string }[]).map((r) => r.event_id);
const stream = (query = '', headers: Record<string, string> = {}) => openSse(`${a.url}/api/events/stream${query}`, headers);
type Row = { event_id: string; contract_id: string };
const rowsAfterSeq = (seq: number) => a.h.store.db.prepare('SELECT event_id, contract_id FROM events WHERE seq > ? ORDER BY seq').all(seq) as Row[];
const lastSeq = () => (a.h.store.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;

/**
 * Waits until the stream has sent `expected`, then proves nothing else came with them: events
 * stored later (that pass the same filter) must arrive right after them, and nothing between.
 */
async function expectStreamedExactly(client: Awaited<ReturnType<typeof stream>>, expected: string[], matches: (row: Row) => boolean = () => true) {
  await client.waitFor(expected.length);
  const from = lastSeq();
  let later: string[] = [];
  for (let ledgers = 0; later.length === 0; ledgers++) {
    if (ledgers === 30) throw new Error('no later event passed the filter in 30 ledgers');
    await a.advance(1);
    later = rowsAfterSeq(from).filter(matches).map((r) => r.event_id);
  }
  await client.waitFor(expected.length + later.length);
  expect(client.messages.map((m) => m.id)).toEqual([...expected, ...later]);
}

const parsed = (messages: { data: string }[]) => messages.map((m) => JSON.parse(m.data) as StoredEvent);

describe('GET /api/events/stream', () => {
  it('sends newly stored events live, with the event cursor as id', async () => {
    const before = storedIds().length;
    const client = await stream();
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toContain('text/event-stream');
    await a.advance(2);
    const fresh = storedIds().slice(before);
    const messages = await client.waitFor(fresh.length);
    expect(messages.map((m) => m.id)).toEqual(fresh);
    expect(parsed(messages).map((e) => e.id)).toEqual(fresh);
    client.close();
  });

  it('applies the list filters', async () => {
    const client = await stream(`?contract_id=${a.contracts.taskbounty}`);
    const before = storedIds().length;
    await a.advance(3);
    const rows = a.h.store.db.prepare('SELECT event_id, contract_id FROM events WHERE seq > ? ORDER BY seq').all(before) as { event_id: string; contract_id: string }[];
    const expected = rows.filter((r) => r.contract_id === a.contracts.taskbounty).map((r) => r.event_id);
    expect(expected.length).toBeGreaterThan(0);
    await expectStreamedExactly(client, expected, (r) => r.contract_id === a.contracts.taskbounty);
    client.close();
  });

  it('resumes after Last-Event-ID with nothing lost and nothing repeated', async () => {
    const first = await stream();
    await a.advance(2);
    const seenFirst = await first.waitFor(4);
    first.close();
    const lastSeen = seenFirst.at(-1)!.id!;
    const received = seenFirst.map((m) => m.id!);
    // Stored while nobody listens, and while the resumed stream catches up.
    await a.advance(3);
    const resumed = await stream('', { 'Last-Event-ID': lastSeen });
    const catchUp = a.advance(2);
    await catchUp;
    const all = storedIds();
    const expected = all.slice(all.indexOf(received[0]!));
    await expectStreamedExactly(resumed, expected.slice(received.length));
    expect(received).toEqual(expected.slice(0, received.length));
    resumed.close();
  });

  it('a long catch-up (several reads) meets the live tail exactly, with ledgers closing meanwhile', async () => {
    const first = storedIds()[0]!;
    const client = await stream('', { 'Last-Event-ID': first });
    const storing = (async () => {
      for (let i = 0; i < 4; i++) await a.advance(1);
    })();
    await storing;
    const expected = storedIds().slice(1);
    expect(expected.length).toBeGreaterThan(300);
    await expectStreamedExactly(client, expected);
    client.close();
  });

  it('the after parameter resumes too, and the header wins over it', async () => {
    const all = storedIds();
    const from = all[all.length - 10]!;
    const client = await stream(`?after=${all[0]}`, { 'Last-Event-ID': from });
    const messages = await client.waitFor(9);
    expect(messages.map((m) => m.id)).toEqual(all.slice(-9));
    client.close();
  });

  it('delivers events stored out of order (a backfill) that the stream had not sent', async () => {
    const client = await stream();
    // An older ledger than anything streamed so far, stored now: it must still arrive.
    const old = decodedEvent(100, 3, { contractId: a.contracts.autoshare, eventType: 'old_news' });
    const { inserted } = await a.h.store.commitIngest({ events: [old] });
    a.h.engine.emit('events-stored', inserted);
    const [message] = await client.waitFor(1);
    expect(message!.id).toBe(old.eventId);
    expect(JSON.parse(message!.data)).toEqual(decodedToStored(old, 0, inserted[0]!.stored_at));
    client.close();
  });

  it('400 for a malformed Last-Event-ID, naming it; HEAD answers without opening a stream', async () => {
    const bad = await raw(a.url, { path: '/api/events/stream', headers: { 'Last-Event-ID': 'nope' } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'request.invalid_parameter', parameter: 'Last-Event-ID' });
    const head = await raw(a.url, { method: 'HEAD', path: '/api/events/stream' });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toContain('text/event-stream');
  });

  it('caps open streams with 429 and frees a slot when a client leaves', async () => {
    const clients = await Promise.all([stream(), stream(), stream(), stream()]);
    const extra = await raw(a.url, { path: '/api/events/stream', keepAlive: false });
    expect(extra.status).toBe(429);
    expect(JSON.parse(extra.body).error.code).toBe('request.too_many_streams');
    clients[0]!.close();
    await expect.poll(async () => (await raw(a.url, { method: 'HEAD', path: '/api/events/stream' })).status).toBe(200);
    for (const client of clients) client.close();
  });
});
