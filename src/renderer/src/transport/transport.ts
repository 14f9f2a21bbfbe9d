// The dashboard's one door to the engine. The app implements it over IPC (window.notifychain),
// the browser over HTTP + SSE; stores talk to this interface and never learn which one runs.
import type { StoredEvent } from '../../../shared/model';
import type { Preferences, PreferencesPatch, DndMode } from '../../../shared/ipc';
import type { EventQuery } from '../api/event-query';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiFailure {
  ok: false;
  /** 0 when the API could not be reached at all. */
  status: number;
  /** The API's code (`auth.missing_token`, `route.not_found`, …) or the transport's (`transport.unreachable`). */
  code: string;
  message: string;
  parameter?: string;
  /** What the API answered, for routes whose error answers carry data (/health's 503). */
  body?: unknown;
}

export type ApiAnswer<T> = { ok: true; status: number; body: T } | ApiFailure;

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveHandlers {
  onEvents(events: StoredEvent[]): void;
  onState(state: LiveState): void;
}

/** The API token, where the page holds it (browser). In the app main keeps it and adds it. */
export interface TokenPort {
  get(): string | null;
  set(token: string | null): void;
}

/** The desktop app's own settings (window.notifychain); absent in the browser. */
export interface DesktopPort {
  getPreferences(): Promise<Preferences | null>;
  setPreferences(patch: PreferencesPatch): Promise<Preferences | null>;
  setDoNotDisturb(mode: DndMode): Promise<number | null>;
  onPreferencesChanged(listener: (preferences: Preferences) => void): () => void;
  onShowEvent(listener: (eventId: string) => void): () => void;
}

export interface Transport {
  readonly kind: 'ipc' | 'http';
  request<T>(method: ApiMethod, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /**
   * Events stored from now on that match `query`; with `after`, those stored after that cursor
   * first, so nothing between a page load and the subscription is missed. Returns unsubscribe.
   */
  live(query: EventQuery, handlers: LiveHandlers, after?: string | null): () => void;
  /** Saves what an export route answers as a file. */
  download(path: string, filename: string): Promise<ApiAnswer<null>>;
  /** Opens a Stellar explorer link outside the dashboard. */
  openExternal(url: string): void;
  readonly token: TokenPort | null;
  readonly desktop: DesktopPort | null;
}
