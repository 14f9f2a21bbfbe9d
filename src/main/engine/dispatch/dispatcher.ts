// Reads the outbox and delivers events to targets. (Filled in by the dispatch work.)
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';

export interface DispatcherOptions {
  store: Store;
  log: Logger;
  clock: Clock;
}

export class Dispatcher {
  constructor(private readonly opts: DispatcherOptions) {}

  start(): void {}

  async stop(): Promise<void> {}

  /** New outbox rows exist: look now instead of at the next tick. */
  wake(): void {}
}
