// The browser's transport: REST over fetch on the page's own origin (the dashboard is served by
// the API), live events over SSE, and the token from the opening URL on writes.
import type { StoredEvent } from '../../../shared/model';
import { queryString } from '../api/event-query';
import { answerFrom, unreachable } from './api-failure';
import { eventBatcher } from './event-batcher';
import type { ApiAnswer, ApiMethod, LiveHandlers, TokenPort, Transport } from './transport';

export interface EventSourceLike {
  readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  close(): void;
}

export interface HttpTransportDeps {
  fetch: typeof fetch;
  openEventSource(url: string): EventSourceLike;
  token: TokenPort;
  /** Starts a download of a same-origin URL (an <a download> click). */
  saveUrl(url: string, filename: string): void;
  openWindow(url: string): void;
  /** How long to wait before reopening a stream the server closed (429, restart). */
  reopenAfterMs?: number;
}

const CLOSED = 2;

export function createHttpTransport(deps: HttpTransportDeps): Transport {
  const reopenAfterMs = deps.reopenAfterMs ?? 5_000;

  async function request<T>(method: ApiMethod, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = deps.token.get();
    if (method !== 'GET' && token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      // no-cache: read routes say max-age=5; revalidating (ETag → 304) keeps the feed current.
      response = await deps.fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-cache' });
    } catch {
      return unreachable('the NotifyChain API cannot be reached');
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (type.includes('json') && text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    } else if (text === '') parsed = null;
    return answerFrom<T>(response.status, parsed);
  }

  function live(query: Parameters<Transport['live']>[0], handlers: LiveHandlers, after?: string | null): () => void {
    let source: EventSourceLike | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    let lastCursor = after ?? null;
    let stopped = false;
    const batcher = eventBatcher((events) => handlers.onEvents(events));

    const open = () => {
      handlers.onState('connecting');
      const es = deps.openEventSource(`/api/events/stream${queryString(query, { after: lastCursor })}`);
      source = es;
      es.onopen = () => handlers.onState('live');
      es.onmessage = (message) => {
        let event: StoredEvent;
        try {
          event = JSON.parse(message.data) as StoredEvent;
        } catch {
          return;
        }
        if (message.lastEventId) lastCursor = message.lastEventId;
        batcher.push(event);
      };
      es.onerror = () => {
        if (es.readyState !== CLOSED) return handlers.onState('connecting');
        // The browser gave up (an error status): try again later from where we were.
        handlers.onState('offline');
        es.close();
        if (!stopped) reopen = setTimeout(open, reopenAfterMs);
      };
    };
    open();
    return () => {
      stopped = true;
      if (reopen) clearTimeout(reopen);
      batcher.cancel();
      source?.close();
    };
  }

  async function download(path: string, filename: string): Promise<ApiAnswer<null>> {
    // HEAD validates the filters first, so a bad one is an error here rather than a saved file.
    let head: Response;
    try {
      head = await deps.fetch(path, { method: 'HEAD', cache: 'no-cache' });
    } catch {
      return unreachable('the NotifyChain API cannot be reached');
    }
    // A refused export answers small JSON: ask again with GET for the message.
    if (!head.ok) {
      const answer = await request<null>('GET', path);
      return answer.ok ? answerFrom<null>(head.status, null) : answer;
    }
    deps.saveUrl(path, filename);
    return { ok: true, status: head.status, body: null };
  }

  return {
    kind: 'http',
    request,
    live,
    download,
    openExternal: (url) => deps.openWindow(url),
    token: deps.token,
    desktop: null,
  };
}
