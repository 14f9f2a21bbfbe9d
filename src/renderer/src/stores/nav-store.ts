// Which page is open, kept in the URL's hash (#/feed, #/charts, …) so reload and the browser's
// back button work, and an event can be linked (#/feed/<event id>).
import { createStore } from 'zustand/vanilla';

export const PAGES = ['feed', 'charts', 'contracts', 'targets', 'deliveries', 'notifications', 'settings'] as const;
export type PageName = (typeof PAGES)[number];

export interface NavState {
  page: PageName;
  /** The rest of the hash after the page (an event id on the feed). */
  param: string | null;
  go(page: PageName, param?: string | null): void;
}

export function parseHash(hash: string): { page: PageName; param: string | null } {
  const [name = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  const page = (PAGES as readonly string[]).includes(name) ? (name as PageName) : 'feed';
  return { page, param: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

export function createNavStore(location: { hash: string }, onHashChange: (listener: () => void) => void) {
  const store = createStore<NavState>()((set) => ({
    ...parseHash(location.hash),
    go: (page, param = null) => {
      location.hash = `#/${page}${param ? `/${encodeURIComponent(param)}` : ''}`;
      set({ page, param });
    },
  }));
  onHashChange(() => store.setState(parseHash(location.hash)));
  return store;
}
