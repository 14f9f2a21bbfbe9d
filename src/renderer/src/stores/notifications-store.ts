// Scheduled notifications (the notification contract's, and local reminders) by state, from
// GET /api/notifications; an engine without that route shows an empty state instead of an error.
import { createStore } from 'zustand/vanilla';
import type { NotificationListResponse, NotificationState } from '../../../shared/api/notifications';
import { describeFailure } from '../transport/api-failure';
import type { Transport } from '../transport/transport';

export interface ReminderDraft {
  message: string;
  /** Local date-time text from the form. */
  when: string;
  targetIds: number[];
}

export interface NotificationsState {
  state: NotificationState | null;
  rows: NotificationListResponse['notifications'];
  nextCursor: string | null;
  /** False when the engine has no notifications list yet. */
  available: boolean;
  loading: boolean;
  error: string | null;
  setState(state: NotificationState | null): Promise<void>;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  addReminder(draft: ReminderDraft): Promise<string | null>;
  revoke(id: string): Promise<void>;
}

export function createNotificationsStore(transport: Transport) {
  let generation = 0;
  return createStore<NotificationsState>()((set, get) => {
    async function fetchPage(after: string | null) {
      const gen = ++generation;
      set({ loading: true });
      const params = new URLSearchParams({ limit: '100' });
      const state = get().state;
      if (state) params.set('state', state);
      if (after) params.set('after', after);
      const answer = await transport.request<NotificationListResponse>('GET', `/api/notifications?${params}`);
      if (gen !== generation) return;
      if (answer.ok) {
        const { notifications, next_cursor } = answer.body;
        return set((s) => ({ rows: after ? [...s.rows, ...notifications] : notifications, nextCursor: next_cursor, available: true, loading: false, error: null }));
      }
      if (answer.code === 'route.not_found') return set({ rows: [], available: false, loading: false, error: null });
      set({ loading: false, error: describeFailure(answer) });
    }
    return {
      state: null,
      rows: [],
      nextCursor: null,
      available: true,
      loading: false,
      error: null,
      setState: async (state) => {
        set({ state });
        await fetchPage(null);
      },
      refresh: () => fetchPage(null),
      loadMore: async () => {
        const cursor = get().nextCursor;
        if (cursor) await fetchPage(cursor);
      },
      addReminder: async (draft) => {
        const message = draft.message.trim();
        if (message === '') return 'Write what the reminder should say.';
        const when = Date.parse(draft.when);
        if (Number.isNaN(when)) return 'Pick when to be reminded.';
        if (when <= Date.now()) return 'Pick a time in the future.';
        const body: Record<string, unknown> = { message, when: new Date(when).toISOString() };
        if (draft.targetIds.length) body.target_ids = draft.targetIds;
        const answer = await transport.request('POST', '/api/notifications', body);
        if (!answer.ok) return describeFailure(answer);
        await fetchPage(null);
        return null;
      },
      revoke: async (id) => {
        const answer = await transport.request('DELETE', `/api/notifications/${encodeURIComponent(id)}`);
        if (!answer.ok) return set({ error: describeFailure(answer) });
        await fetchPage(null);
      },
    };
  });
}
