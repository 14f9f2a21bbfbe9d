import { describe, expect, test } from 'vitest';
import type { NotifyChainApi } from '../../../src/shared/ipc';
import type { StoredEvent } from '../../../src/shared/model';
import { eventCursor } from '../../../src/renderer/src/api/event-query';
import { createIpcTransport } from '../../../src/renderer/src/transport/ipc-transport';
import { event, settle } from './fake-transport';

function bridge(answer: (req: { method: string; path: string; body?: unknown }) => unknown) {
  const listeners: ((events: StoredEvent[]) => void)[] = [];
  const requests: { method: string; path: string; body?: unknown }[] = [];
  const api = {
    request: async (req: { method: string; path: string; body?: unknown }) => {
      requests.push(req);
      return answer(req);
    },
    onEventsStored: (l: (events: StoredEvent[]) => void) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
  } as unknown as NotifyChainApi;
  return { api, requests, push: (events: StoredEvent[]) => listeners.forEach((l) => l(events)), listeners };
}

describe('app transport', () => {
  test('sends REST calls over the bridge and reads API and bridge errors', async () => {
    const b = bridge((req) =>
      req.path === '/health'
        ? { ok: true, value: { status: 200, body: { status: 'ok' } } }
        : req.method === 'POST'
          ? { ok: true, value: { status: 400, body: { error: { code: 'request.invalid_parameter', message: 'id: bad', parameter: 'id' } } } }
          : { ok: false, code: 'api.unreachable', message: 'the local API cannot be reached' });
    const t = createIpcTransport({ bridge: b.api, saveText: () => {} });
    expect(await t.request('GET', '/health')).toEqual({ ok: true, status: 200, body: { status: 'ok' } });
    expect(await t.request('POST', '/api/contracts', { id: 'x' })).toEqual({ ok: false, status: 400, code: 'request.invalid_parameter', message: 'id: bad', parameter: 'id' });
    expect(await t.request('GET', '/api/events')).toMatchObject({ ok: false, status: 0, code: 'api.unreachable' });
    expect(b.requests[1]).toEqual({ method: 'POST', path: '/api/contracts', body: { id: 'x' } });
    expect(t.token).toBeNull();
  });

  test('passes on only the pushed events that match the filter', () => {
    const b = bridge(() => null);
    const t = createIpcTransport({ bridge: b.api, saveText: () => {} });
    const got: string[] = [];
    t.live({ event_type: ['deposit'] }, { onEvents: (e) => got.push(...e.map((x) => x.id)), onState: () => {} });
    const keep = event(5, 1, { event_type: 'deposit' });
    b.push([event(5, 2), keep]);
    expect(got).toEqual([keep.id]);
  });

  test('after a page load it first reads what was stored since, then goes live without repeating anything', async () => {
    const missed = [event(20, 1), event(21, 1)];
    const b = bridge((req) => ({ ok: true, value: { status: 200, body: { events: missed, has_more: false, next_cursor: eventCursor(missed[1]!) } } }));
    const t = createIpcTransport({ bridge: b.api, saveText: () => {} });
    const got: string[] = [];
    const states: string[] = [];
    t.live({}, { onEvents: (e) => got.push(...e.map((x) => x.id)), onState: (s) => states.push(s) }, 'head');
    const during = event(22, 1);
    b.push([missed[1]!, during]); // arrives while the catch-up is in flight
    await settle();
    expect(b.requests[0]!.path).toBe('/api/events?after=head&order=asc&limit=500');
    expect(got).toEqual([missed[0]!.id, missed[1]!.id, during.id]);
    expect(states).toEqual(['connecting', 'live']);
  });

  test('saves an export as text, whatever shape the bridge handed it in', async () => {
    const one = event(1);
    const b = bridge(() => ({ ok: true, value: { status: 200, body: one } }));
    const saved: string[] = [];
    const t = createIpcTransport({ bridge: b.api, saveText: (text) => saved.push(text) });
    await t.download('/api/events/export?format=ndjson', 'x.ndjson');
    expect(saved).toEqual([`${JSON.stringify(one)}\n`]);
  });
});
