import { describe, expect, test, vi } from 'vitest';
import { createHttpTransport, type EventSourceLike } from '../../../src/renderer/src/transport/http-transport';
import { adoptUrlToken, sessionToken, TOKEN_KEY } from '../../../src/renderer/src/transport/url-token';
import { event } from './fake-transport';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

class FakeEventSource implements EventSourceLike {
  static opened: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent<string>) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  message(data: unknown, lastEventId = '') {
    this.onmessage?.({ data: JSON.stringify(data), lastEventId } as MessageEvent<string>);
  }
}

function setup(fetchImpl: typeof fetch, token: string | null = 'tok') {
  const storage = memoryStorage();
  if (token) storage.setItem(TOKEN_KEY, token);
  const saved: string[] = [];
  const transport = createHttpTransport({
    fetch: fetchImpl,
    openEventSource: (url) => new FakeEventSource(url),
    token: sessionToken(storage),
    saveUrl: (url) => saved.push(url),
    openWindow: () => {},
    reopenAfterMs: 20,
  });
  return { transport, storage, saved };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('browser transport', () => {
  test('takes the token from the address once, keeps it for the tab and removes it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    adoptUrlToken({ location: { href: 'http://127.0.0.1:8787/?token=s3cret&x=1#/feed' }, history: { replaceState: (_d, _u, url) => replaced.push(url) }, storage });
    expect(storage.getItem(TOKEN_KEY)).toBe('s3cret');
    expect(replaced).toEqual(['/?x=1#/feed']);
    adoptUrlToken({ location: { href: 'http://127.0.0.1:8787/#/feed' }, history: { replaceState: (_d, _u, url) => replaced.push(url) }, storage });
    expect(replaced).toHaveLength(1);
    expect(storage.getItem(TOKEN_KEY)).toBe('s3cret');
  });

  test('sends the token on writes only', async () => {
    const fetchMock = vi.fn(async () => json({ ok: true }));
    const { transport } = setup(fetchMock as unknown as typeof fetch);
    await transport.request('GET', '/api/contracts');
    await transport.request('POST', '/api/contracts', { id: 'C' });
    const [getInit, postInit] = fetchMock.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1]);
    expect((getInit!.headers as Record<string, string>).Authorization).toBeUndefined();
    expect((postInit!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(postInit!.body).toBe('{"id":"C"}');
    expect(getInit!.cache).toBe('no-cache');
  });

  test("reads the API's error body, and says when the API is unreachable", async () => {
    const { transport } = setup((async () => json({ error: { code: 'auth.missing_token', message: 'writes need a token' } }, 401)) as typeof fetch, null);
    expect(await transport.request('POST', '/api/contracts', {})).toEqual({ ok: false, status: 401, code: 'auth.missing_token', message: 'writes need a token' });
    const down = setup((async () => { throw new TypeError('fetch failed'); }) as typeof fetch);
    expect(await down.transport.request('GET', '/health')).toMatchObject({ ok: false, status: 0, code: 'transport.unreachable' });
  });

  test('streams live events in batches, with the filters, and resumes from the last one after the server closed the stream', async () => {
    FakeEventSource.opened = [];
    const { transport } = setup((async () => json({})) as typeof fetch);
    const batches: string[][] = [];
    const states: string[] = [];
    const stop = transport.live({ contract_id: ['CA', 'CB'], priority: ['high'] }, { onEvents: (e) => batches.push(e.map((x) => x.id)), onState: (s) => states.push(s) }, 'head-cursor');
    const es = FakeEventSource.opened[0]!;
    expect(es.url).toBe('/api/events/stream?contract_id=CA,CB&priority=high&after=head-cursor');
    es.onopen?.(new Event('open'));
    const a = event(10);
    const b = event(11);
    es.message(a, a.id);
    es.message(b, b.id);
    await vi.waitFor(() => expect(batches).toEqual([[a.id, b.id]]));
    es.readyState = 2;
    es.onerror?.(new Event('error'));
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    expect(FakeEventSource.opened[1]!.url).toContain(`after=${b.id}`);
    expect(states).toEqual(['connecting', 'live', 'offline', 'connecting']);
    stop();
    expect(FakeEventSource.opened[1]!.closed).toBe(true);
  });

  test('an export with a bad filter is an error, not a saved file', async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'HEAD' ? new Response(null, { status: 400 }) : json({ error: { code: 'request.invalid_parameter', message: 'since: bad' } }, 400));
    const { transport, saved } = setup(fetchMock as unknown as typeof fetch);
    expect(await transport.download('/api/events/export?format=csv&since=x', 'e.csv')).toMatchObject({ ok: false, message: 'since: bad' });
    expect(saved).toEqual([]);
    const good = setup((async () => new Response(null, { status: 200 })) as typeof fetch);
    expect(await good.transport.download('/api/events/export?format=csv', 'e.csv')).toMatchObject({ ok: true });
    expect(good.saved).toEqual(['/api/events/export?format=csv']);
  });
});
