// Quitting in an order that loses nothing: stop answering the renderer, close the windows and
// the tray, close the runtime (API, then engine, then database), and only then quit. Runs once
// however many times quit is asked for; a step that fails or hangs does not keep the app alive.
import type { Logger } from '../engine/log/logger';

export interface ShutdownSteps {
  stopIpc(): void;
  closeWindows(): void;
  /** runtime.close(): API → engine → store. */
  closeRuntime(): Promise<void>;
  quit(): void;
  log: Logger;
  /** How long the runtime may take to close before the app quits anyway. */
  runtimeTimeoutMs?: number;
}

export const RUNTIME_CLOSE_TIMEOUT_MS = 15_000;

export function createShutdown(steps: ShutdownSteps): () => Promise<void> {
  let running: Promise<void> | null = null;
  const attempt = (name: string, step: () => void) => {
    try {
      step();
    } catch (error) {
      steps.log.error(`shutdown: ${name} failed`, { error });
    }
  };

  return () =>
    (running ??= (async () => {
      attempt('stopping IPC', steps.stopIpc);
      attempt('closing windows', steps.closeWindows);
      const timeoutMs = steps.runtimeTimeoutMs ?? RUNTIME_CLOSE_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          steps.closeRuntime(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`not closed after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (error) {
        steps.log.error('shutdown: closing the engine failed', { error });
      } finally {
        clearTimeout(timer);
      }
      attempt('quitting', steps.quit);
    })());
}
