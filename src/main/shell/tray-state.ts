// What the tray shows, as a pure state machine: actions in (engine status, stored events, the
// user pausing or muting, the window being looked at), an icon and a tooltip out.
import type { EngineStatus } from '../../shared/ipc';
import { isDndActive } from './dnd';

export const TRAY_ICONS = ['watching', 'new-events', 'lagging', 'error', 'paused', 'dnd'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

/** More ledgers behind than this is lagging (the same line /health draws for "degraded"). */
export const LAGGING_LEDGERS = 10;
/** No successful poll for this long is lagging too, even when the last known lag was small. */
export const STALLED_AFTER_MS = 2 * 60_000;
export const RECENT_EVENTS = 5;

export interface RecentEvent {
  id: string;
  eventType: string;
  contractName: string;
  /** When it was stored (epoch ms). */
  at: number;
}

export interface TrayState {
  status: EngineStatus | null;
  paused: boolean;
  dndUntil: number | null;
  /** Events stored since the window was last looked at. */
  unseen: number;
  /** Newest first. */
  recent: RecentEvent[];
}

export type TrayAction =
  | { type: 'status'; status: EngineStatus }
  | { type: 'events-stored'; events: RecentEvent[] }
  | { type: 'seen' }
  | { type: 'paused'; paused: boolean }
  | { type: 'dnd'; until: number | null };

export const INITIAL_TRAY_STATE: TrayState = { status: null, paused: false, dndUntil: null, unseen: 0, recent: [] };

export function reduceTray(state: TrayState, action: TrayAction): TrayState {
  switch (action.type) {
    case 'status':
      return { ...state, status: action.status };
    case 'events-stored': {
      if (action.events.length === 0) return state;
      const newestFirst = [...action.events].reverse();
      return {
        ...state,
        unseen: state.unseen + action.events.length,
        recent: [...newestFirst, ...state.recent].slice(0, RECENT_EVENTS),
      };
    }
    case 'seen':
      return state.unseen === 0 ? state : { ...state, unseen: 0 };
    case 'paused':
      return { ...state, paused: action.paused };
    case 'dnd':
      return { ...state, dndUntil: action.until };
  }
}

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
}

/** Ledgers between the newest ledger and our cursor; null until both are known. */
export function lagOf(status: EngineStatus | null): number | null {
  if (!status || status.latestLedger === null || status.cursorLedger === null) return null;
  return Math.max(0, status.latestLedger - status.cursorLedger);
}

function stalledFor(status: EngineStatus | null, now: number): number | null {
  if (!status || status.lastSuccessAt === null || status.state === 'paused' || status.state === 'stopped') return null;
  const quiet = now - status.lastSuccessAt;
  return quiet > STALLED_AFTER_MS ? quiet : null;
}

/** Paused wins (the user chose it), then trouble, then muting, then news. */
export function trayIcon(state: TrayState, now: number): TrayIcon {
  if (state.paused || state.status?.state === 'paused') return 'paused';
  if (state.status?.state === 'error') return 'error';
  const lag = lagOf(state.status);
  if ((lag !== null && lag > LAGGING_LEDGERS) || stalledFor(state.status, now) !== null) return 'lagging';
  if (isDndActive(state.dndUntil, now)) return 'dnd';
  if (state.unseen > 0) return 'new-events';
  return 'watching';
}

export function viewTray(state: TrayState, now: number): TrayView {
  const icon = trayIcon(state, now);
  const lag = lagOf(state.status);
  const last = state.recent[0];
  const lines = [
    `NotifyChain: ${headline(icon, state, now)}`,
    `Lag: ${lag === null ? 'unknown' : `${lag} ledger${lag === 1 ? '' : 's'}`}`,
    last
      ? `Last event: ${clip(last.eventType, 32)} (${clip(last.contractName, 24)}), ${ago(now - last.at)}`
      : 'Last event: none yet',
  ];
  return { icon, tooltip: fitLines(lines, TOOLTIP_MAX) };
}

/** Windows keeps 127 characters of a tray tooltip: shorten the longest line until it all fits. */
export const TOOLTIP_MAX = 127;

function fitLines(lines: string[], max: number): string {
  const fitted = [...lines];
  let overflow = fitted.join('\n').length - max;
  while (overflow > 0) {
    const longest = fitted.reduce((best, line, i) => (line.length > fitted[best]!.length ? i : best), 0);
    const line = fitted[longest]!;
    fitted[longest] = clip(line, Math.max(12, line.length - overflow));
    const next = fitted.join('\n').length - max;
    if (next >= overflow) break;
    overflow = next;
  }
  return fitted.join('\n');
}

function headline(icon: TrayIcon, state: TrayState, now: number): string {
  switch (icon) {
    case 'paused':
      return 'paused';
    case 'error':
      return `error: ${clip(state.status?.lastError?.message ?? 'the last poll failed', 48)}`;
    case 'lagging': {
      const stalled = stalledFor(state.status, now);
      return stalled !== null ? `no successful poll for ${duration(stalled)}` : `${lagOf(state.status)} ledgers behind`;
    }
    case 'dnd':
      return `do not disturb until ${clockTime(state.dndUntil!, now)}`;
    case 'new-events':
      return `${state.unseen} new event${state.unseen === 1 ? '' : 's'}`;
    case 'watching':
      if (state.status?.state === 'syncing') return 'catching up';
      if (state.status?.state === 'standby') return 'standby (another instance is reading the chain)';
      return 'watching';
  }
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

export function ago(ms: number): string {
  return ms < 60_000 ? 'just now' : `${duration(ms)} ago`;
}

/** `14:05` today, `tomorrow 08:00`, else the date too (local time). */
export function clockTime(at: number, now: number): string {
  const date = new Date(at);
  const hhmm = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  const today = new Date(now);
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  if (sameDay(date, today)) return hhmm;
  if (sameDay(date, tomorrow)) return `tomorrow ${hhmm}`;
  const ymd = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${ymd} ${hhmm}`;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
