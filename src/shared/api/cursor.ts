// Keyset cursors. Events are ordered by (network epoch, event id); a cursor names one event:
// its id alone in epoch 0, `<epoch>:<id>` after a network reset. A bare id is read as the oldest
// epoch that holds it, so an `id` copied from an event works as a cursor too. Events NotifyChain
// raises itself (a reminder falling due, a notification expiring) have `local:…` ids.
import { z } from 'zod';

const CURSOR = /^(?:(\d{1,9}):)?(\d{19}-\d{10}|local:[A-Za-z0-9_.:-]{1,160})$/;

export interface EventKey {
  /** null = not given (a bare event id): the store resolves it. */
  epoch: number | null;
  eventId: string;
}

export function formatCursor(epoch: number, eventId: string): string {
  return epoch === 0 ? eventId : `${epoch}:${eventId}`;
}

export function parseCursor(value: string): EventKey | null {
  const match = CURSOR.exec(value);
  if (!match) return null;
  return { epoch: match[1] === undefined ? null : Number(match[1]), eventId: match[2]! };
}

export const cursorSchema = z
  .string()
  .max(180)
  .transform((value, ctx) => {
    const key = parseCursor(value);
    if (!key) {
      ctx.addIssue({ code: 'custom', message: 'must be an event id (0000001234567890123-0000000001 or local:…) or <epoch>:<event id>' });
      return z.NEVER;
    }
    return key;
  });
