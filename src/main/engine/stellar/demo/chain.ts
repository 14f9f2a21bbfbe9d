// A deterministic Stellar-like ledger sequence carrying the demo contracts' events.
import { createHash } from 'node:crypto';

import type { RpcEvent } from '../rpc-types.js';
import { DEMO_PASSPHRASE, type DemoChainOptions, type DemoLedger, type EventPredicate } from './chain-types.js';
import { demoContractIds, type DemoContracts } from './contracts.js';
import { closedAtIso, historyEvent, historyTemplate, liveEvents, type EpochContext } from './ledger-events.js';
import { mix32 } from './rng.js';
import { templatePool } from './template-pool.js';

interface ChainEvents {
  ledger: DemoLedger;
  reset: { epoch: number; passphrase: string };
}

export class DemoChain {
  readonly contracts: DemoContracts;
  readonly seed: number;
  readonly genesisLedger: number;
  readonly ledgerIntervalMs: number;
  readonly retentionLedgers: number;
  #passphrase: string;
  #epoch = 0;
  #now: () => number;
  #liveRange: readonly [number, number];
  #genesisTimeMs: number;
  #historyEnd: number;
  #historyPerLedger: number;
  #latest: number;
  #floor = 0;
  #live = new Map<number, RpcEvent[]>();
  #ctx: EpochContext;
  #timer: ReturnType<typeof setInterval> | undefined;
  #listeners: { [K in keyof ChainEvents]: Set<(payload: ChainEvents[K]) => void> } = { ledger: new Set(), reset: new Set() };

  constructor(options: DemoChainOptions = {}) {
    this.seed = options.seed ?? 2026;
    this.genesisLedger = options.genesisLedger ?? 1000;
    this.ledgerIntervalMs = options.ledgerIntervalMs ?? 5000;
    this.retentionLedgers = options.retentionLedgers ?? 17_280;
    this.#passphrase = options.passphrase ?? DEMO_PASSPHRASE;
    this.#now = options.now ?? Date.now;
    const perLedger = options.eventsPerLedger ?? [0, 6];
    this.#liveRange = typeof perLedger === 'number' ? [perLedger, perLedger] : perLedger;
    if (this.retentionLedgers < 1 || this.#liveRange[0] < 0 || this.#liveRange[1] < this.#liveRange[0]) {
      throw new RangeError('retentionLedgers must be ≥ 1 and eventsPerLedger a valid range');
    }
    this.contracts = demoContractIds(this.seed);
    const history = options.history;
    const historyLedgers = history ? Math.max(1, Math.floor(history.ledgers)) : 0;
    this.#historyPerLedger = history ? Math.max(0, Math.floor(history.eventsPerLedger)) : 0;
    // History ends "now": its last ledger closed at construction time.
    this.#genesisTimeMs = this.#now() - Math.max(0, historyLedgers - 1) * this.ledgerIntervalMs;
    this.#historyEnd = this.genesisLedger + historyLedgers - 1;
    this.#latest = Math.max(this.genesisLedger, this.#historyEnd);
    if (historyLedgers === 0) this.#live.set(this.genesisLedger, []);
    this.#ctx = this.#context();
  }

  get passphrase(): string {
    return this.#passphrase;
  }
  get epoch(): number {
    return this.#epoch;
  }
  get latestLedger(): number {
    return this.#latest;
  }
  get oldestLedger(): number {
    return Math.max(this.genesisLedger, this.#latest - this.retentionLedgers + 1, this.#floor);
  }
  get running(): boolean {
    return this.#timer !== undefined;
  }

  ledgerHash(sequence: number): string {
    return createHash('sha256').update(`${this.#passphrase}|${this.#epoch}|${sequence}`).digest('hex');
  }

  closeTimeOf(sequence: number): number {
    return Math.floor((this.#genesisTimeMs + (sequence - this.genesisLedger) * this.ledgerIntervalMs) / 1000);
  }

  /** A served ledger, or undefined outside [oldestLedger, latestLedger]. */
  ledger(sequence: number): DemoLedger | undefined {
    if (!Number.isInteger(sequence) || sequence < this.oldestLedger || sequence > this.#latest) return undefined;
    return {
      sequence,
      hash: this.ledgerHash(sequence),
      previousHash: this.ledgerHash(sequence - 1),
      closeTime: this.closeTimeOf(sequence),
      eventCount: this.#eventCountOf(sequence),
    };
  }

  eventsOf(sequence: number): RpcEvent[] {
    return this.scan(sequence, sequence + 1, null, Number.POSITIVE_INFINITY, () => true);
  }

  /** Every event currently served, oldest first. */
  *events(): Generator<RpcEvent> {
    for (let seq = this.oldestLedger; seq <= this.#latest; seq++) yield* this.eventsOf(seq);
  }

  get eventCount(): number {
    let total = 0;
    const oldest = this.oldestLedger;
    const historyLedgers = Math.min(this.#latest, this.#historyEnd) - Math.max(oldest, this.genesisLedger) + 1;
    if (historyLedgers > 0) total += historyLedgers * this.#historyPerLedger;
    for (const [seq, events] of this.#live) if (seq >= oldest) total += events.length;
    return total;
  }

  /** Events in ledgers [from, toExclusive), strictly after the `after` id, that match, up to `limit`. */
  scan(from: number, toExclusive: number, after: string | null, limit: number, matches: EventPredicate): RpcEvent[] {
    const out: RpcEvent[] = [];
    const { pool, contracts } = this.#ctx;
    const verdicts = new Int8Array(pool.length); // per template: 0 unknown, 1 match, 2 no match
    const first = Math.max(from, this.oldestLedger);
    const end = Math.min(toExclusive, this.#latest + 1);
    for (let seq = first; seq < end && out.length < limit; seq++) {
      if (seq > this.#historyEnd) {
        for (const event of this.#live.get(seq) ?? []) {
          if ((after !== null && event.id <= after) || !matches(event.contractId, event.topic)) continue;
          out.push(event);
          if (out.length >= limit) break;
        }
        continue;
      }
      const closedAt = closedAtIso(this.closeTimeOf(seq));
      for (let i = 0; i < this.#historyPerLedger && out.length < limit; i++) {
        const t = historyTemplate(this.#ctx, seq, i);
        if (verdicts[t] === 0) verdicts[t] = matches(contracts[pool[t]!.emitter], pool[t]!.topic) ? 1 : 2;
        if (verdicts[t] !== 1) continue;
        const event = historyEvent(this.#ctx, seq, i, closedAt, t);
        if (after === null || event.id > after) out.push(event);
      }
    }
    return out;
  }

  closeLedger(): DemoLedger {
    const sequence = this.#latest + 1;
    this.#live.set(sequence, liveEvents(this.#ctx, sequence, this.#liveRange, this.closeTimeOf(sequence)));
    this.#latest = sequence;
    this.#dropExpired();
    const ledger = this.ledger(sequence)!;
    for (const listener of this.#listeners.ledger) listener(ledger);
    return ledger;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.closeLedger(), this.ledgerIntervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** A testnet reset: a new epoch from the genesis ledger, new hashes, every old event gone. */
  reset(options: { passphrase?: string } = {}): void {
    this.#epoch += 1;
    if (options.passphrase !== undefined) this.#passphrase = options.passphrase;
    this.#genesisTimeMs = this.#now();
    this.#historyEnd = this.genesisLedger - 1;
    this.#historyPerLedger = 0;
    this.#latest = this.genesisLedger;
    this.#floor = 0;
    this.#live = new Map([[this.genesisLedger, []]]);
    this.#ctx = this.#context();
    for (const listener of this.#listeners.reset) listener({ epoch: this.#epoch, passphrase: this.#passphrase });
  }

  /** Forgets ledgers before `oldestLedger`, as an RPC whose retention window moved on. */
  pruneTo(oldestLedger: number): void {
    this.#floor = Math.min(Math.max(this.#floor, oldestLedger), this.#latest);
    this.#dropExpired();
  }

  on<K extends keyof ChainEvents>(event: K, listener: (payload: ChainEvents[K]) => void): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  #eventCountOf(sequence: number): number {
    return sequence <= this.#historyEnd ? this.#historyPerLedger : (this.#live.get(sequence)?.length ?? 0);
  }

  #dropExpired(): void {
    const oldest = this.oldestLedger;
    for (const seq of this.#live.keys()) if (seq < oldest) this.#live.delete(seq);
  }

  #context(): EpochContext {
    // Live ledgers build their own events; only a history needs the pool.
    const pool = this.#historyPerLedger > 0 ? templatePool(this.seed) : [];
    return { key: mix32(this.seed, this.#epoch), contracts: this.contracts, pool };
  }
}
