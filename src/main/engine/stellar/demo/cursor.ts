import { isEventId, ledgerOfEventId } from '../event-id.js';
import { invalidParams } from './json-rpc.js';

/**
 * The largest id a ledger could hold. getEvents returns it when a scan ends short of the
 * limit, so a caller that resumes from it starts with the next ledger.
 */
export function ledgerEndCursor(ledger: number): string {
  const toid = (BigInt(ledger) << 32n) | 0xffffffffn;
  return `${toid.toString().padStart(19, '0')}-4294967295`;
}

export function parseCursor(cursor: string): { id: string; ledger: number } {
  if (!isEventId(cursor)) throw invalidParams(`invalid cursor ${JSON.stringify(cursor)}: expected <19-digit TOID>-<10-digit index>`);
  return { id: cursor, ledger: ledgerOfEventId(cursor) };
}
