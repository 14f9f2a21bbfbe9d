// Do not disturb: how long each menu choice lasts. "Until tomorrow" ends at 08:00 local time.
import type { DndMode } from '../../shared/ipc';

export const HOUR_MS = 60 * 60_000;
export const TOMORROW_ENDS_AT_HOUR = 8;

export function dndUntil(mode: DndMode, now: number): number | null {
  switch (mode) {
    case 'off':
      return null;
    case 'one-hour':
      return now + HOUR_MS;
    case 'until-tomorrow': {
      const end = new Date(now);
      end.setDate(end.getDate() + 1);
      end.setHours(TOMORROW_ENDS_AT_HOUR, 0, 0, 0);
      return end.getTime();
    }
  }
}

export function isDndActive(until: number | null, now: number): boolean {
  return until !== null && now < until;
}
