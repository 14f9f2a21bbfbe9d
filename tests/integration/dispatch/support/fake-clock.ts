// A Clock whose time moves only when the test says, so a 625 s retry takes no time at all.
import type { Clock } from '../../../../src/main/engine/clock';

interface Sleeper {
  at: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  private sleepers: Sleeper[] = [];

  constructor(private time = Date.UTC(2026, 10, 25, 12, 0, 0)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = { at: this.time + Math.max(0, ms), resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Whether something sleeps until exactly this time (a retry or rate-limit wait still pending). */
  hasSleeperAt(at: number): boolean {
    return this.sleepers.some((s) => s.at === at);
  }

  /** Moves time on and wakes every sleeper whose time has come. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.at <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.at > this.time);
    for (const s of due) s.resolve();
  }
}
