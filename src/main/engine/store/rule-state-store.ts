// What the rule engine keeps between runs: one JSON state per rule (window buckets, silence,
// noise-control memory, counters), and the alerts it raises as local events. Saving states and
// inserting alert events (with their outbox rows) is one transaction, so an alert and the state
// that says it was raised never disagree after a crash.
import type { DecodedEvent } from '../stellar/decoded-event';

export interface RuleStateWrite {
  ruleId: number;
  /** JSON text; the rule engine owns its shape. */
  state: string;
}

export interface DecodeProblem {
  contractId: string;
  eventType: string;
  /** `failed`: the XDR could not be decoded; `positional`: the contract has a spec but no event layout fits. */
  status: 'failed' | 'positional';
  count: number;
  lastAt: string;
}

export interface RuleStateStore {
  /** Every saved state, by rule id. */
  load(): Promise<Map<number, string>>;
  /**
   * Saves the states and stores the alert events (each with an outbox row; an id already
   * stored is skipped), in one transaction. Returns how many alert events were new.
   */
  save(states: RuleStateWrite[], alerts: DecodedEvent[], now: number): Promise<number>;
  /** Drops the states of rules not in `keep` (deleted rules). */
  prune(keep: number[]): Promise<void>;
  /** Events stored raw or positionally although their contract has a spec, per contract, type and status. */
  decodeProblems(): Promise<DecodeProblem[]>;
}
