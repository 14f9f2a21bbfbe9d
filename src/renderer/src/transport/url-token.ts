// The browser dashboard is opened with `?token=…` (as notebook servers print it). The token is
// read once, kept for this tab in sessionStorage and taken out of the address bar, so it does
// not linger in history, bookmarks or screenshots.
import type { TokenPort } from './transport';

export const TOKEN_KEY = 'notifychain.api-token';

export interface TokenHost {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export function adoptUrlToken(host: TokenHost): void {
  const url = new URL(host.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  if (token.trim() !== '') host.storage.setItem(TOKEN_KEY, token.trim());
  url.searchParams.delete('token');
  host.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
}

export function sessionToken(storage: TokenHost['storage']): TokenPort {
  return {
    get: () => storage.getItem(TOKEN_KEY),
    set: (token) => (token ? storage.setItem(TOKEN_KEY, token) : storage.removeItem(TOKEN_KEY)),
  };
}
