import { describe, expect, test, vi } from 'vitest';
import { eventCursor } from '../../../src/renderer/src/api/event-query';
import { EMPTY_FILTER } from '../../../src/renderer/src/stores/feed-filter';
import { createFeedStore, rowAt, rowCount } from '../../../src/renderer/src/stores/feed-store';
import { event, fail, fakeTransport, settle } from './fake-transport';
import { eventsApi } from './fake-events-api';

function setup(count = 250_000) {
  const api = eventsApi(count);
  const transport = fakeTransport((_m, path) => api.answer(path) ?? fail(404, 'route.not_found'));
  const feed = createFeedStore(transport);
  return { api, transport, feed };
}

async function started(count?: number) {
  const s = setup(count);
  s.feed.getState().start();
  await settle();
  return s;
}

describe('feed', () => {
  test('opens on the newest events with the total of all of them', async () => {
    const { feed, api } = await started();
    const state = feed.getState();
    expect(state.status).toBe('ready');
    expect(rowCount(state)).toBe(250_000);
    expect(rowAt(state, 0)?.id).toBe(api.all[0]!.id);
    expect(rowAt(state, 99)?.id).toBe(api.all[99]!.id);
    expect(rowAt(state, 100)).toBeUndefined();
  });

  test('jumping deep into the list reads that page after the snapshot head, not the newest events', async () => {
    const { feed, api, transport } = await started();
    api.add(event(200_000)); // stored after the page load: must not shift row numbers
    feed.getState().ensureRows(123_450, 123_470);
    await settle();
    const last = transport.calls.at(-1)!.path;
    expect(last).toContain(`after=${eventCursor(api.all[1]!)}`);
    expect(last).toContain('offset=123399');
    expect(rowAt(feed.getState(), 123_456)?.id).toBe(api.all[123_457]!.id);
  });

  test('scrolling on reads the next page from the last row it has, without an offset', async () => {
    const { feed, api, transport } = await started();
    feed.getState().ensureRows(90, 130);
    await settle();
    expect(transport.calls.at(-1)!.path).toContain(`after=${eventCursor(api.all[99]!)}`);
    expect(transport.calls.at(-1)!.path).not.toContain('offset');
    expect(rowAt(feed.getState(), 150)?.id).toBe(api.all[150]!.id);
  });

  test('opens the live stream after the newest event it showed, with the same filters', async () => {
    const { feed, api, transport } = await started();
    expect(transport.streams).toHaveLength(1);
    expect(transport.streams[0]!.after).toBe(eventCursor(api.all[0]!));
    feed.getState().setFilter({ ...EMPTY_FILTER, types: ['deposit'] });
    await vi.waitFor(() => expect(transport.streams[0]!.closed).toBe(true));
    expect(transport.streams.at(-1)!.query).toEqual({ event_type: ['deposit'] });
  });

  test('an event on top whose id the API would not take as a cursor does not break paging or the stream', async () => {
    const { feed, api, transport } = setup(300);
    api.add(event(0, 0, { id: 'not-a-cursor', contract_id: 'local', event_type: 'notification_expired' }));
    feed.getState().start();
    await settle();
    expect(transport.streams[0]!.after).toBe(eventCursor(api.all[1]!));
    expect(feed.getState().head).toEqual({ cursor: eventCursor(api.all[1]!), row: 1 });
    feed.getState().ensureRows(250, 260);
    await settle();
    expect(transport.calls.at(-1)!.path).toContain(`after=${eventCursor(api.all[1]!)}&offset=198`);
    expect(rowAt(feed.getState(), 255)?.id).toBe(api.all[255]!.id);
  });

  test('at the top, new events appear at once, newest first', async () => {
    const { feed, transport, api } = await started(50);
    const a = event(300_000, 1);
    const b = event(300_001, 1);
    transport.push([a, b]);
    const state = feed.getState();
    expect(rowCount(state)).toBe(52);
    expect(rowAt(state, 0)?.id).toBe(b.id);
    expect(rowAt(state, 1)?.id).toBe(a.id);
    expect(rowAt(state, 2)?.id).toBe(api.all[0]!.id);
  });

  test('scrolled down, new events wait behind the pill and the rows on screen stay where they are', async () => {
    const { feed, transport } = await started(500);
    feed.getState().setFollowing(false);
    const before = [rowAt(feed.getState(), 40)?.id, rowAt(feed.getState(), 41)?.id];
    transport.push([event(300_000), event(300_001)]);
    expect(feed.getState().pending).toHaveLength(2);
    expect([rowAt(feed.getState(), 40)?.id, rowAt(feed.getState(), 41)?.id]).toEqual(before);
    feed.getState().showPending();
    expect(feed.getState().pending).toHaveLength(0);
    expect(rowCount(feed.getState())).toBe(502);
    expect(feed.getState().following).toBe(true);
  });

  test('an event delivered twice (catch-up and live) is listed once', async () => {
    const { feed, transport, api } = await started(10);
    const fresh = event(300_000);
    transport.push([api.all[0]!, fresh]);
    transport.push([fresh]);
    expect(rowCount(feed.getState())).toBe(11);
  });

  test('an answer for a filter that was since changed is dropped', async () => {
    let release: () => void = () => {};
    const api = eventsApi(20);
    const transport = fakeTransport(async (_m, path) => {
      if (path.includes('event_type=slow')) await new Promise<void>((r) => (release = r));
      return api.answer(path)!;
    });
    const feed = createFeedStore(transport);
    feed.getState().setFilter({ ...EMPTY_FILTER, types: ['slow'] });
    await settle();
    feed.getState().setFilter(EMPTY_FILTER);
    await settle();
    release();
    await settle();
    expect(feed.getState().total).toBe(20);
    expect(feed.getState().filter.types).toEqual([]);
  });

  test('text search lists only matching events, then searches further on request', async () => {
    const { feed, api } = await started(30_000);
    const needle = (api.all[25_000]!.data as { amount: string }).amount;
    feed.getState().setFilter({ ...EMPTY_FILTER, text: needle });
    for (let i = 0; i < 10 && feed.getState().search?.busy !== false; i++) await settle();
    let search = feed.getState().search!;
    expect(search.scanned).toBe(20_000);
    expect(search.matches).toHaveLength(0);
    expect(search.done).toBe(false);
    await feed.getState().searchMore();
    search = feed.getState().search!;
    expect(search.matches.map((e) => e.id)).toEqual([api.all[25_000]!.id]);
    expect(search.done).toBe(true);
  });

  test('an API refusal is shown instead of the list', async () => {
    const transport = fakeTransport(() => fail(400, 'request.invalid_parameter', 'since: is not a valid date or time'));
    const feed = createFeedStore(transport);
    feed.getState().start();
    await settle();
    expect(feed.getState()).toMatchObject({ status: 'error', error: 'since: is not a valid date or time' });
  });

  test('a time range that ends before it starts is refused before asking the API', async () => {
    const { feed, transport } = await started(5);
    const calls = transport.calls.length;
    feed.getState().setFilter({ ...EMPTY_FILTER, since: '2026-11-25T10:00', until: '2026-11-25T09:00' });
    await settle();
    expect(feed.getState().status).toBe('error');
    expect(transport.calls.length).toBe(calls);
  });
});
