// The only pages the app opens outside itself: Stellar explorers, in the user's browser.
export const EXPLORER_HOSTS: readonly string[] = [
  'stellar.expert',
  'stellarchain.io',
  'testnet.stellarchain.io',
  'futurenet.stellarchain.io',
];

const MAX_URL_LENGTH = 2048;

export function isExplorerUrl(raw: string): boolean {
  if (raw.length > MAX_URL_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  // user:pass@ and odd ports are how look-alike links hide where they really go.
  if (url.username || url.password || url.port) return false;
  return EXPLORER_HOSTS.includes(url.hostname);
}
