// A loop's pause between rounds that another part can cut short. A wake that arrives while the
// loop is busy is remembered, so the next pause ends at once and no work is left waiting.
import type { Clock } from './clock';

export class WakeSignal {
  private sleeping: AbortController | null = null;
  private woken = false;

  constructor(private readonly clock: Clock) {}

  wake(): void {
    this.woken = true;
    this.sleeping?.abort();
  }

  /** Waits `ms`, or until woken or `stop` aborts. */
  async sleep(ms: number, stop: AbortSignal): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    const controller = new AbortController();
    this.sleeping = controller;
    await this.clock.sleep(ms, AbortSignal.any([controller.signal, stop]));
    this.sleeping = null;
    this.woken = false;
  }
}
