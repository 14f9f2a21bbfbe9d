// When to poll next: just after the next ledger is expected to close, so a new event is stored
// about a second after the RPC serves it, and never later than the configured interval.

const SLACK_MS = 300;
const EARLY_RETRY_MS = 400;
const MIN_DELAY_MS = 100;

export class PollSchedule {
  private intervalMs: number;
  private lastSequence: number | null = null;
  private lastCloseMs: number | null = null;
  private learned = false;

  constructor(
    private readonly maxDelayMs: number,
    initialLedgerIntervalMs = 5_000,
  ) {
    this.intervalMs = initialLedgerIntervalMs;
  }

  /** Learns the ledger cadence from successive (sequence, close time) observations. */
  observe(sequence: number, closeTimeMs: number | null): void {
    if (closeTimeMs === null) return;
    if (this.lastSequence !== null && this.lastCloseMs !== null && sequence > this.lastSequence) {
      const perLedger = (closeTimeMs - this.lastCloseMs) / (sequence - this.lastSequence);
      if (perLedger > 0) {
        // The first measurement replaces the guess; later ones smooth out close-time rounding.
        this.intervalMs = this.learned ? this.intervalMs * 0.7 + perLedger * 0.3 : perLedger;
        this.learned = true;
      }
    }
    if (this.lastSequence === null || sequence >= this.lastSequence) {
      this.lastSequence = sequence;
      this.lastCloseMs = closeTimeMs;
    }
  }

  get ledgerIntervalMs(): number {
    return this.intervalMs;
  }

  nextDelay(nowMs: number): number {
    if (this.lastCloseMs === null) return this.maxDelayMs;
    const nextClose = this.lastCloseMs + this.intervalMs + SLACK_MS;
    let delay = nextClose - nowMs;
    // Past the expected close and still no new ledger: look again soon, unless the network is stalled.
    if (delay <= 0) delay = nowMs - this.lastCloseMs > 3 * this.intervalMs ? this.maxDelayMs : EARLY_RETRY_MS;
    return Math.min(this.maxDelayMs, Math.max(MIN_DELAY_MS, delay));
  }
}
