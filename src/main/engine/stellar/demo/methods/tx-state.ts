// What the demo network remembers about transactions: every account's sequence number (any key
// has an account here, since nothing funds accounts on the demo network), the transactions
// submitted, and which notifications expire_notification has expired. One state per chain.
import type { DemoChain } from '../chain.js';

export interface DemoTransaction {
  hash: string;
  envelopeXdr: string;
  /** Included in this ledger: NOT_FOUND until the chain has closed it. */
  ledger: number;
  ok: boolean;
  /** Why the contract refused it (a FAILED transaction). */
  failure: string | null;
}

export interface DemoTxState {
  /** The chain's epoch this state belongs to: a reset forgets everything. */
  epoch: number;
  sequences: Map<string, bigint>;
  transactions: Map<string, DemoTransaction>;
  expiredNotifications: Set<string>;
}

const states = new WeakMap<DemoChain, DemoTxState>();

export function txState(chain: DemoChain): DemoTxState {
  let state = states.get(chain);
  if (!state || state.epoch !== chain.epoch) {
    state = { epoch: chain.epoch, sequences: new Map(), transactions: new Map(), expiredNotifications: new Set() };
    states.set(chain, state);
  }
  return state;
}

/** An account's current sequence number: as if created in the chain's first ledger. */
export function sequenceOf(chain: DemoChain, account: string): bigint {
  return txState(chain).sequences.get(account) ?? BigInt(chain.genesisLedger) << 32n;
}
