// Scripted failures, so engine tests can exercise retries against the real demo server.

interface FaultScope {
  /** How many requests this fault answers (default 1). */
  times?: number;
  /** Only requests for this JSON-RPC method; others pass through untouched. */
  method?: string;
}

export type DemoFault = FaultScope &
  (
    | { kind: 'http-status'; status: number; retryAfter?: number | string; body?: string }
    | { kind: 'garbage'; body?: string }
    | { kind: 'rpc-error'; code: number; message: string }
    /** Waits, then answers normally: for client timeouts. */
    | { kind: 'delay'; ms: number }
    /** Drops the connection without an answer. */
    | { kind: 'disconnect' }
  );

export class FaultQueue {
  #pending: { fault: DemoFault; remaining: number }[] = [];

  add(faults: readonly DemoFault[]): void {
    for (const fault of faults) {
      const remaining = fault.times ?? 1;
      if (!Number.isInteger(remaining) || remaining < 1) throw new RangeError('a fault needs times ≥ 1');
      this.#pending.push({ fault, remaining });
    }
  }

  /** The next fault for a request to `method`, consumed in the order they were injected. */
  take(method: string | undefined): DemoFault | undefined {
    const index = this.#pending.findIndex((p) => p.fault.method === undefined || p.fault.method === method);
    const slot = this.#pending[index];
    if (!slot) return undefined;
    slot.remaining -= 1;
    if (slot.remaining === 0) this.#pending.splice(index, 1);
    return slot.fault;
  }

  clear(): void {
    this.#pending = [];
  }

  get size(): number {
    return this.#pending.reduce((n, p) => n + p.remaining, 0);
  }
}
