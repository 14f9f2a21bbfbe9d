// The dashboard's own settings: theme (the app keeps it in its preferences, the browser in
// localStorage), the desktop app's preferences and do-not-disturb, and, in the browser, the API
// token this tab writes with.
import { createStore } from 'zustand/vanilla';
import type { DndMode, Preferences, PreferencesPatch } from '../../../shared/ipc';
import { describeFailure } from '../transport/api-failure';
import type { Transport } from '../transport/transport';

export type Theme = 'system' | 'light' | 'dark';
export const THEME_KEY = 'notifychain.theme';

export interface SettingsState {
  theme: Theme;
  /** null in the browser, or until the app answered. */
  preferences: Preferences | null;
  token: string | null;
  notice: string | null;
  error: string | null;
  load(): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  setPreferences(patch: PreferencesPatch): Promise<void>;
  setDoNotDisturb(mode: DndMode): Promise<void>;
  setToken(token: string | null): void;
  regenerateToken(): Promise<void>;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const isTheme = (v: unknown): v is Theme => v === 'system' || v === 'light' || v === 'dark';

export function createSettingsStore(transport: Transport, storage: Storage) {
  const saved = storage.getItem(THEME_KEY);
  return createStore<SettingsState>()((set, get) => {
    transport.desktop?.onPreferencesChanged((preferences) => set({ preferences, theme: preferences.theme }));
    return {
      theme: isTheme(saved) ? saved : 'system',
      preferences: null,
      token: transport.token?.get() ?? null,
      notice: null,
      error: null,
      load: async () => {
        const preferences = (await transport.desktop?.getPreferences()) ?? null;
        if (preferences) set({ preferences, theme: preferences.theme });
      },
      setTheme: async (theme) => {
        set({ theme });
        storage.setItem(THEME_KEY, theme);
        if (transport.desktop) await get().setPreferences({ theme });
      },
      setPreferences: async (patch) => {
        if (!transport.desktop) return;
        const preferences = await transport.desktop.setPreferences(patch);
        if (preferences) set({ preferences, error: null });
        else set({ error: 'The app did not take the change.' });
      },
      setDoNotDisturb: async (mode) => {
        if (!transport.desktop) return;
        const until = await transport.desktop.setDoNotDisturb(mode);
        set((s) => ({ preferences: s.preferences ? { ...s.preferences, doNotDisturbUntil: until } : s.preferences }));
      },
      setToken: (token) => {
        const clean = token?.trim() || null;
        transport.token?.set(clean);
        set({ token: clean, notice: clean ? 'Token saved for this tab.' : 'Token forgotten.', error: null });
      },
      regenerateToken: async () => {
        const answer = await transport.request<{ token?: string }>('POST', '/api/token');
        if (!answer.ok) {
          const missing = answer.code === 'route.not_found';
          return set({
            notice: null,
            error: missing ? 'This engine cannot make a new token yet: delete the api-token file next to the database and restart it.' : describeFailure(answer),
          });
        }
        const token = answer.body.token ?? null;
        if (token) transport.token?.set(token);
        set({ token: token ?? get().token, notice: 'A new token is in use; the old one no longer works.', error: null });
      },
    };
  });
}
