// Picks the transport for where the dashboard runs: the app's bridge when the preload put one
// on window, else the API this page was served from.
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { adoptUrlToken, sessionToken } from './url-token';

export type { Transport } from './transport';

function clickDownload(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function createTransport(): Transport {
  if (window.notifychain) {
    return createIpcTransport({
      bridge: window.notifychain,
      saveText: (text, filename, type) => {
        const url = URL.createObjectURL(new Blob([text], { type }));
        clickDownload(url, filename);
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    });
  }
  adoptUrlToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  return createHttpTransport({
    fetch: (input, init) => window.fetch(input, init),
    openEventSource: (url) => new EventSource(url),
    token: sessionToken(window.sessionStorage),
    saveUrl: clickDownload,
    openWindow: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
  });
}
