// What a stored contract event does to a notification row. Pure: both stores turn these changes
// into SQL inside their ingest transaction. Every change carries the event's key (epoch, then
// event id: the chain's order), so a store keeps the latest expiry and the first revocation,
// delivery and expiry whatever order events arrive in, and a repeat changes nothing.
import type { JsonValue, StoredEvent } from '../../../shared/model';

interface Base {
  id: string;
  contractId: string;
  /** Orders events totally: zero-padded epoch, then the event id. */
  key: string;
  /** The ledger's close time (ISO): on-chain state never takes the local clock's time. */
  at: string;
}

export type LifecycleChange =
  | (Base & { kind: 'scheduled'; creator: string | null })
  | (Base & { kind: 'expires'; expiresAt: string })
  | (Base & { kind: 'revoked'; by: string | null })
  | (Base & { kind: 'expired' })
  | (Base & { kind: 'delivered' });

/** Event types that change a notification row (the others are only stored and dispatched). */
export const LIFECYCLE_EVENT_TYPES = new Set([
  'notification_scheduled',
  'notification_extended',
  'notification_revoked',
  'scheduled_notification_cancelled',
  'notification_recalled',
  'notification_expired',
  'notification_delivered',
]);

/** Local reminders' ids start with this; an on-chain id never does (they are hex). */
export const LOCAL_ID_PREFIX = 'local-';
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const LATEST_ISO = '9999-12-31T23:59:59.999Z';

export function eventKey(epoch: number, eventId: string): string {
  return `${String(epoch).padStart(10, '0')}:${eventId}`;
}

export function lifecycleChanges(event: StoredEvent): LifecycleChange[] {
  if (!LIFECYCLE_EVENT_TYPES.has(event.event_type)) return [];
  const data = isRecord(event.data) ? event.data : {};
  // Spec-named fields first, positional names (`topic_1`, `value`) when the contract has no spec.
  const pick = (named: string, positional: string): JsonValue | undefined => data[named] ?? data[positional];
  const base = (idField: string, positional: string): Base | null => {
    const id = pick(idField, positional);
    if (typeof id !== 'string' || !ID.test(id) || id.startsWith(LOCAL_ID_PREFIX)) return null;
    return { id, contractId: event.contract_id, key: eventKey(event.network_epoch, event.id), at: event.created_at };
  };
  const account = (named: string, positional: string) => {
    const value = pick(named, positional);
    return typeof value === 'string' ? value : null;
  };

  switch (event.event_type) {
    case 'notification_scheduled': {
      const b = base('notification_id', 'value');
      return b ? [{ ...b, kind: 'scheduled', creator: account('creator', 'topic_1') }] : [];
    }
    case 'notification_extended': {
      const b = base('id', 'topic_1');
      const expiresAt = unixSecondsToIso(pick('new_expires_at', 'value'));
      return b && expiresAt ? [{ ...b, kind: 'expires', expiresAt }] : [];
    }
    case 'notification_revoked':
    case 'notification_recalled': {
      const b = base('id', 'topic_1');
      const by = event.event_type === 'notification_revoked' ? account('revoked_by', 'topic_2') : account('recalled_by', 'topic_2');
      return b ? [{ ...b, kind: 'revoked', by }] : [];
    }
    case 'scheduled_notification_cancelled': {
      const b = base('notification_id', 'value');
      return b ? [{ ...b, kind: 'revoked', by: account('caller', 'topic_1') }] : [];
    }
    case 'notification_expired': {
      const b = base('notification_id', 'topic_1');
      if (!b) return [];
      const expiresAt = unixSecondsToIso(pick('expires_at', 'value'));
      return expiresAt ? [{ ...b, kind: 'expires', expiresAt }, { ...b, kind: 'expired' }] : [{ ...b, kind: 'expired' }];
    }
    case 'notification_delivered': {
      const b = base('id', 'topic_1');
      return b ? [{ ...b, kind: 'delivered' }] : [];
    }
    default:
      return [];
  }
}

/**
 * The changes of a batch reduced to the one that counts per notification and kind (the latest
 * extension, the first of everything else), plus one placeholder per notification with the
 * earliest ledger time seen: a store can then apply a page in a few set-wide statements and end
 * where applying every change in turn would.
 */
export function reduceChanges(changes: LifecycleChange[]): {
  placeholders: { id: string; contractId: string; at: string }[];
  winners: LifecycleChange[];
} {
  const placeholders = new Map<string, { id: string; contractId: string; at: string }>();
  const winners = new Map<string, LifecycleChange>();
  for (const change of changes) {
    const seen = placeholders.get(change.id);
    if (!seen || change.at < seen.at) placeholders.set(change.id, { id: change.id, contractId: change.contractId, at: change.at });
    const slot = `${change.kind}|${change.id}`;
    const best = winners.get(slot);
    const wins = !best || (change.kind === 'expires' ? change.key > best.key : change.key < best.key);
    if (wins) winners.set(slot, change);
  }
  return { placeholders: [...placeholders.values()], winners: [...winners.values()] };
}

/** A contract's u64 timestamp (decimal string or number) as ISO; far-future values clamp to year 9999. */
export function unixSecondsToIso(value: JsonValue | undefined): string | null {
  let seconds: bigint;
  try {
    if (typeof value === 'number' && Number.isInteger(value)) seconds = BigInt(value);
    else if (typeof value === 'string' && /^\d{1,20}$/.test(value)) seconds = BigInt(value);
    else return null;
  } catch {
    return null;
  }
  const ms = seconds * 1000n;
  return ms >= BigInt(Date.parse(LATEST_ISO)) ? LATEST_ISO : new Date(Number(ms)).toISOString();
}

function isRecord(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
