// Options and shapes of the demo chain, apart from the class so that XDR and RPC code need not import it.
export const DEMO_PASSPHRASE = 'NotifyChain Demo Network ; November 2026';
export const DEMO_PROTOCOL_VERSION = 23;

export interface DemoChainOptions {
  passphrase?: string;
  ledgerIntervalMs?: number;
  retentionLedgers?: number;
  genesisLedger?: number;
  seed?: number;
  /** Events in each newly closed ledger: exact, or a [min, max] range. */
  eventsPerLedger?: number | readonly [number, number];
  /** Fast mode: this many ledgers are already closed at construction, each with this many events. */
  history?: { ledgers: number; eventsPerLedger: number };
  /** Milliseconds since the epoch; close times derive from it. */
  now?: () => number;
}

export interface DemoLedger {
  readonly sequence: number;
  /** Hex sha256 of passphrase, epoch and sequence. */
  readonly hash: string;
  readonly previousHash: string;
  /** Unix seconds. */
  readonly closeTime: number;
  readonly eventCount: number;
}

export type EventPredicate = (contractId: string, topic: readonly string[]) => boolean;
