// The app's transport: REST calls forwarded by main over `api:request` (main adds the token),
// live events pushed on `engine:events-stored` (every stored event: filtered here), and the
// desktop-only settings. A subscription with `after` first reads what it missed over REST.
import type { NotifyChainApi } from '../../../shared/ipc';
import type { StoredEvent } from '../../../shared/model';
import { eventCursor, matchesQuery, queryString, type EventQuery } from '../api/event-query';
import { answerFrom, unreachable } from './api-failure';
import type { ApiAnswer, ApiMethod, DesktopPort, LiveHandlers, Transport } from './transport';

const CATCH_UP_PAGES = 20;

export interface IpcTransportDeps {
  bridge: NotifyChainApi;
  /** Saves text as a file (a Blob behind an <a download>). */
  saveText(text: string, filename: string, type: string): void;
}

export function createIpcTransport({ bridge, saveText }: IpcTransportDeps): Transport {
  async function request<T>(method: ApiMethod, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    let result: Awaited<ReturnType<NotifyChainApi['request']>>;
    try {
      result = await bridge.request(body === undefined ? { method, path } : { method, path, body: body as never });
    } catch {
      return unreachable('NotifyChain is not answering');
    }
    if (!result.ok) return unreachable(result.message, result.code);
    return answerFrom<T>(result.value.status, result.value.body);
  }

  function live(query: EventQuery, handlers: LiveHandlers, after?: string | null): () => void {
    let stopped = false;
    let buffer: StoredEvent[] | null = after ? [] : null;
    const seen = new Set<string>();
    const deliver = (events: StoredEvent[]) => {
      const fresh = events.filter((e) => matchesQuery(e, query) && !seen.has(eventCursor(e)));
      for (const e of fresh) seen.add(eventCursor(e));
      if (seen.size > 10_000) seen.clear();
      if (fresh.length > 0) handlers.onEvents(fresh);
    };
    const unsubscribe = bridge.onEventsStored((events) => {
      if (stopped) return;
      if (buffer) buffer.push(...events);
      else deliver(events);
    });
    handlers.onState(after ? 'connecting' : 'live');

    if (after) {
      void (async () => {
        let cursor = after;
        for (let page = 0; page < CATCH_UP_PAGES && !stopped; page++) {
          const answer = await request<{ events: StoredEvent[]; has_more: boolean; next_cursor: string | null }>(
            'GET',
            `/api/events${queryString(query, { after: cursor, order: 'asc', limit: 500 })}`,
          );
          if (!answer.ok || stopped) break;
          deliver(answer.body.events);
          if (!answer.body.has_more || !answer.body.next_cursor) break;
          cursor = answer.body.next_cursor;
        }
        if (stopped) return;
        const pending = buffer ?? [];
        buffer = null;
        deliver(pending);
        handlers.onState('live');
      })();
    }
    return () => {
      stopped = true;
      unsubscribe();
    };
  }

  async function download(path: string, filename: string): Promise<ApiAnswer<null>> {
    const answer = await request<unknown>('GET', path);
    if (!answer.ok) return answer;
    const body = answer.body;
    // One NDJSON line parses as JSON on the way; an empty export arrives as null.
    const text = typeof body === 'string' ? body : body === null ? '' : `${JSON.stringify(body)}\n`;
    saveText(text, filename, filename.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson');
    return { ok: true, status: answer.status, body: null };
  }

  const desktop: DesktopPort = {
    getPreferences: async () => {
      const r = await bridge.getPreferences();
      return r.ok ? r.value : null;
    },
    setPreferences: async (patch) => {
      const r = await bridge.setPreferences(patch);
      return r.ok ? r.value : null;
    },
    setDoNotDisturb: async (mode) => {
      const r = await bridge.setDoNotDisturb(mode);
      return r.ok ? r.value.until : null;
    },
    onPreferencesChanged: (listener) => bridge.onPreferencesChanged(listener),
    onShowEvent: (listener) => bridge.onShowEvent((e) => listener(e.eventId)),
  };

  return {
    kind: 'ipc',
    request,
    live,
    download,
    openExternal: (url) => void bridge.openExternal(url),
    token: null,
    desktop,
  };
}
