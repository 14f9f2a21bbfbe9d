// One listener on the engine's 'events-stored' for all open streams (rather than one each, which
// would trip EventEmitter's leak warning), and the cap on how many streams may be open.
import type { Engine } from '../engine';

export class EventHub {
  private readonly listeners = new Set<() => void>();
  private readonly onStored = () => {
    for (const listener of this.listeners) listener();
  };

  constructor(
    private readonly engine: Engine,
    readonly maxStreams: number,
  ) {
    engine.on('events-stored', this.onStored);
  }

  get size(): number {
    return this.listeners.size;
  }

  get full(): boolean {
    return this.listeners.size >= this.maxStreams;
  }

  /** `wake` runs after every stored batch; call the returned function to stop. */
  subscribe(wake: () => void): () => void {
    this.listeners.add(wake);
    return () => this.listeners.delete(wake);
  }

  close(): void {
    this.engine.off('events-stored', this.onStored);
    this.listeners.clear();
  }
}
