// What the preload exposes to the dashboard. Absent when the dashboard runs in a browser
// against `notifychain serve`: then it talks to the REST API and SSE directly.
import type { NotifyChainApi } from '../../shared/ipc';

declare global {
  interface Window {
    notifychain?: NotifyChainApi;
  }
}

export {};
