// Targets, rules and the delivery log (outbox fan-out, attempts, dead letters). Times that are
// compared (next attempt, lease expiry) are epoch milliseconds passed in by the caller, so the
// dispatcher's clock decides and the same interface fits PostgreSQL (bigint columns, row
// leases claimed with FOR UPDATE SKIP LOCKED).
import type { StoredEvent } from '../../../shared/model';
import type { DeliveryFilter, DeliveryStatus, Rule, TargetKind } from '../../../shared/targets';

export interface RuleRecord {
  id: number;
  /** Contracts, event types, categories, minimum priority and template (see ruleSchema). */
  match: Rule;
}

export interface TargetRecord {
  id: number;
  name: string;
  kind: TargetKind;
  enabled: boolean;
  /** The kind's config with every secret leaf sealed by the SecretBox. */
  config: Record<string, unknown>;
  /** Today exactly one per target; a table of their own so richer rules can be added. */
  rules: RuleRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface TargetWrite {
  name: string;
  kind: TargetKind;
  enabled: boolean;
  config: Record<string, unknown>;
  rule: Rule;
}

export interface RoutedDelivery {
  targetId: number;
  ruleId: number;
}

export interface FanOutResult {
  /** Outbox rows consumed. */
  events: number;
  deliveries: number;
  /** Targets that received new deliveries. */
  targetIds: number[];
}

export interface ClaimedDelivery {
  id: number;
  targetId: number;
  webhookId: string;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: number;
  leaseExpiresAt: number;
  event: StoredEvent;
}

export interface ClaimResult {
  /** Oldest first; a prefix of the target's open deliveries that are due. */
  deliveries: ClaimedDelivery[];
  /** When nothing was claimed: when the head of the queue becomes due or free (null = queue empty). */
  nextAt: number | null;
}

export interface AttemptOutcome {
  deliveryId: number;
  startedAt: number;
  durationMs: number;
  httpStatus: number | null;
  error: { code: string; message: string } | null;
  retryAfterMs: number | null;
  /** What the delivery becomes: delivered, retried at a time, or dead-lettered. */
  next: { state: 'delivered' } | { state: 'retry'; at: number } | { state: 'dead' };
}

export interface DeliveryRecord {
  id: number;
  targetId: number;
  eventId: string;
  webhookId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: { code: string; message: string; httpStatus: number | null } | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  httpStatus: number | null;
  error: { code: string; message: string } | null;
  retryAfterMs: number | null;
}

export interface DeliveryCounts {
  targetId: number;
  status: DeliveryStatus;
  count: number;
}

export interface DispatchStore {
  listTargets(): Promise<TargetRecord[]>;
  /** Changes whenever a target or rule is created, changed or deleted (by any instance). */
  targetsVersion(): Promise<string>;
  getTarget(id: number): Promise<TargetRecord | null>;
  createTarget(target: TargetWrite, now: number): Promise<TargetRecord>;
  updateTarget(id: number, target: TargetWrite, now: number): Promise<TargetRecord | null>;
  /** Deletes the target with its rules, deliveries and attempts. */
  deleteTarget(id: number): Promise<boolean>;

  /**
   * Takes up to `limit` outbox rows in order, creates one pending delivery per routed target and
   * removes the rows, in one transaction. `route` runs inside it and must be synchronous.
   */
  fanOut(limit: number, route: (event: StoredEvent) => RoutedDelivery[], now: number): Promise<FanOutResult>;
  /**
   * Leases the due prefix of a target's open deliveries (oldest first) to `owner`. Nothing is
   * claimed while the head is not due or is leased by another owner, which keeps order per target.
   */
  claimDue(targetId: number, owner: string, opts: { limit: number; now: number; leaseMs: number }): Promise<ClaimResult>;
  /** Logs attempts and moves their deliveries on (delivered / retry / dead), in one transaction. */
  recordAttempts(outcomes: AttemptOutcome[], now: number): Promise<void>;
  /** Dead-letters an open delivery without an attempt (e.g. its target's secrets cannot be read). */
  deadLetter(deliveryId: number, error: { code: string; message: string }, now: number): Promise<void>;
  /** Drops this owner's leases (a clean stop), or every lease where one process owns the file. */
  releaseLeases(owner: string | null): Promise<void>;

  listDeliveries(filter: DeliveryFilter): Promise<DeliveryRecord[]>;
  getDelivery(id: number): Promise<DeliveryRecord | null>;
  listAttempts(deliveryId: number): Promise<AttemptRecord[]>;
  /** Puts one delivery back in the queue (due now, attempts from zero), whatever its status. */
  redeliver(id: number, now: number): Promise<DeliveryRecord | null>;
  /** Same for every delivery of a target in one of `statuses`; returns how many. */
  redeliverTarget(targetId: number, statuses: DeliveryStatus[], now: number): Promise<number>;
  countDeliveries(): Promise<DeliveryCounts[]>;
}
