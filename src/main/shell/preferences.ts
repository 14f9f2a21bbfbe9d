// The shell's own preferences (theme, launch at login, notifications, do not disturb, window
// state) in electron-store. Engine settings live in SQLite, not here. Every read is checked
// against the shared schema, so a hand-edited file falls back to defaults field by field.
import ElectronStore from 'electron-store';
import { DEFAULT_PREFERENCES, preferencesSchema, type Preferences } from '../../shared/ipc';
import { windowStateSchema, type WindowState } from './window-state';

/** The part of electron-store (conf) used here, so tests can hand in another. */
export interface PreferencesBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const WINDOW_KEY = 'window';
const KEYS = Object.keys(DEFAULT_PREFERENCES) as (keyof Preferences)[];

export class PreferencesStore {
  private readonly listeners = new Set<(prefs: Preferences) => void>();

  constructor(private readonly backend: PreferencesBackend) {}

  get(): Preferences {
    const prefs = { ...DEFAULT_PREFERENCES } as Record<keyof Preferences, unknown>;
    for (const key of KEYS) {
      const parsed = preferencesSchema.shape[key].safeParse(this.backend.get(key));
      if (parsed.success) prefs[key] = parsed.data;
    }
    return prefs as Preferences;
  }

  /** Validates the whole result; an invalid patch throws and changes nothing. */
  update(patch: Partial<Preferences>): Preferences {
    const next = preferencesSchema.parse({ ...this.get(), ...patch });
    let changed = false;
    for (const key of KEYS) {
      if (key in patch && this.backend.get(key) !== next[key]) {
        this.backend.set(key, next[key]);
        changed = true;
      }
    }
    if (changed) for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (prefs: Preferences) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getWindowState(): WindowState | null {
    const parsed = windowStateSchema.safeParse(this.backend.get(WINDOW_KEY));
    return parsed.success ? parsed.data : null;
  }

  setWindowState(state: WindowState): void {
    this.backend.set(WINDOW_KEY, state);
  }
}

/** `preferences.json` in the app's data folder. */
export function openPreferences(): PreferencesStore {
  const store = new ElectronStore<Record<string, unknown>>({
    name: 'preferences',
    defaults: { ...DEFAULT_PREFERENCES },
    // A file that is not JSON at all is replaced rather than stopping the app from starting.
    clearInvalidConfig: true,
  });
  return new PreferencesStore(store);
}
