// Saved filters: named views kept in localStorage, so they outlive the tab and the app restart.
import { createStore } from 'zustand/vanilla';
import { EMPTY_FILTER, type FeedFilter } from './feed-filter';

export const VIEWS_KEY = 'notifychain.saved-views';
const MAX_VIEWS = 50;

export interface SavedView {
  name: string;
  filter: FeedFilter;
}

export interface ViewsState {
  views: SavedView[];
  /** Saves (or replaces, by name) a view; returns a problem or null. */
  save(name: string, filter: FeedFilter): string | null;
  remove(name: string): void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function read(storage: Storage): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(VIEWS_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.filter === 'object' && v.filter !== null)
      .map((v) => ({ name: v.name, filter: { ...EMPTY_FILTER, ...v.filter } }));
  } catch {
    return [];
  }
}

export function createViewsStore(storage: Storage) {
  return createStore<ViewsState>()((set, get) => {
    const write = (views: SavedView[]) => {
      storage.setItem(VIEWS_KEY, JSON.stringify(views));
      set({ views });
    };
    return {
      views: read(storage),
      save: (rawName, filter) => {
        const name = rawName.trim();
        if (name === '') return 'Give the view a name.';
        if (name.length > 60) return 'Keep the name under 60 characters.';
        const others = get().views.filter((v) => v.name !== name);
        if (others.length >= MAX_VIEWS) return `At most ${MAX_VIEWS} views can be saved.`;
        write([...others, { name, filter: { ...filter } }].sort((a, b) => a.name.localeCompare(b.name)));
        return null;
      },
      remove: (name) => write(get().views.filter((v) => v.name !== name)),
    };
  });
}
