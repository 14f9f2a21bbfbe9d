// Scheduled, expiring and revoked notifications: rows kept current from the contract's events
// (in the ingest transaction, by each store's applyEvents), local reminders, and leased batches
// for the scheduler. Times that are compared with the scheduler's clock (lease expiry, next
// on-chain attempt) are epoch milliseconds passed in by the caller; the seed's time columns stay
// ISO 8601 text (`toISOString()` form), which orders correctly as text.
import type { NotificationCursor, NotificationState } from '../../../shared/api/notifications';
import type { DecodedEvent } from '../stellar/decoded-event';

export interface NotificationRecord {
  id: string;
  local: boolean;
  contractId: string | null;
  creator: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  /** Local reminders only: when it falls due. */
  scheduledFor: string | null;
  delivered: boolean;
  deliveredAt: string | null;
  expiredAt: string | null;
  message: string | null;
  targetIds: number[];
  updatedAt: string;
  leaseOwner: string | null;
  chainExpiry: { txHash: string | null; error: string | null; attempts: number };
}

export interface ReminderInput {
  id: string;
  message: string;
  scheduledFor: string;
  expiresAt: string | null;
  targetIds: number[];
  creator: string;
  createdAt: string;
}

export type RevokeResult =
  | { status: 'revoked' | 'already_revoked'; record: NotificationRecord }
  | { status: 'not_found' }
  | { status: 'not_local' | 'finished'; record: NotificationRecord };

export interface NotificationPage {
  items: NotificationRecord[];
  hasMore: boolean;
}

export interface LeaseOptions {
  now: number;
  leaseMs: number;
  limit: number;
}

/**
 * What the scheduler hands back for a leased row: the row closes (delivered or expired) and
 * `event` is stored with its outbox row, in one transaction, only if the lease is still ours.
 */
export interface Completion {
  id: string;
  outcome: 'delivered' | 'expired';
  /** ISO time recorded as delivered_at / expired_at. */
  at: string;
  /** null: close it without telling anyone (a lapse long past, see completionFor). */
  event: DecodedEvent | null;
}

export type ChainExpiryResult =
  | { ok: true; txHash: string }
  | { ok: false; error: string; retryAt: number | null };

export interface NotificationStore {
  get(id: string): Promise<NotificationRecord | null>;
  /** Newest first by (created_at, id); `state` is judged at `now`. */
  list(q: { state?: NotificationState; now: number; limit: number; after?: NotificationCursor }): Promise<NotificationPage>;
  createReminder(input: ReminderInput): Promise<NotificationRecord>;
  /** Revokes an open local reminder; `at` is an ISO time. */
  revokeReminder(id: string, by: string, at: string): Promise<RevokeResult>;

  /**
   * Leases up to `limit` open rows that are due (scheduled_for ≤ now) or expiring (expires_at ≤
   * now), whose lease is free or has run out, to `owner` until now + leaseMs.
   */
  claimDue(owner: string, opts: LeaseOptions): Promise<NotificationRecord[]>;
  /** Closes leased rows and queues their events (event + outbox); returns the ids closed. */
  complete(owner: string, completions: Completion[]): Promise<string[]>;
  /** Drops this owner's leases (a clean stop), or every lease where one process owns the file. */
  releaseLeases(owner: string | null): Promise<number>;

  /** Leases on-chain rows expired locally whose contract has not said so yet, to call expire_notification. */
  claimChainExpiry(owner: string, opts: LeaseOptions): Promise<NotificationRecord[]>;
  recordChainExpiry(owner: string, id: string, result: ChainExpiryResult): Promise<void>;

  /** Deletes up to `limit` closed, unleased rows that closed before `before` (ISO); returns how many. */
  deleteFinishedBefore(before: string, limit: number): Promise<number>;
}

/** Rows as both stores read them (SQLite integers and PostgreSQL booleans alike). */
export function rowToNotification(row: Record<string, unknown>): NotificationRecord {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    id: String(row.id),
    local: truthy(row.local),
    contractId: text('contract_id'),
    creator: text('creator'),
    createdAt: String(row.created_at),
    expiresAt: text('expires_at'),
    revokedBy: text('revoked_by'),
    revokedAt: text('revoked_at'),
    scheduledFor: text('scheduled_for'),
    delivered: truthy(row.delivered),
    deliveredAt: text('delivered_at'),
    expiredAt: text('expired_at'),
    message: text('message'),
    targetIds: parseIds(row.target_ids),
    updatedAt: String(row.updated_at),
    leaseOwner: text('lease_owner'),
    chainExpiry: {
      txHash: text('chain_expiry_tx'),
      error: text('chain_expiry_error'),
      attempts: Number(row.chain_expiry_attempts ?? 0),
    },
  };
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value !== 0) || value === '1' || value === 't';
}

function parseIds(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(Number) : [];
  } catch {
    return [];
  }
}
