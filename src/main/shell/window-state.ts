// The window's size and place, remembered across launches and put back only where a display
// still shows it (a monitor may have been unplugged since).
import { z } from 'zod';

export const windowStateSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.output<typeof windowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 };
/** How much of the window must be on a display (its title bar, roughly) to put it back there. */
const MIN_VISIBLE = { width: 120, height: 60 };

export interface RestoredBounds {
  /** No x/y: let the OS centre it. */
  bounds: Partial<Rect> & { width: number; height: number };
  maximized: boolean;
}

export function restoreBounds(saved: WindowState | null, workAreas: Rect[]): RestoredBounds {
  if (!saved) return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false };
  const visible = workAreas.some((area) => {
    const w = Math.min(saved.x + saved.width, area.x + area.width) - Math.max(saved.x, area.x);
    const h = Math.min(saved.y + saved.height, area.y + area.height) - Math.max(saved.y, area.y);
    return w >= MIN_VISIBLE.width && h >= MIN_VISIBLE.height && saved.y >= area.y;
  });
  if (visible) {
    return { bounds: { x: saved.x, y: saved.y, width: saved.width, height: saved.height }, maximized: saved.maximized };
  }
  const primary = workAreas[0];
  const size = {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(saved.width, primary?.width ?? saved.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(saved.height, primary?.height ?? saved.height)),
  };
  return { bounds: size, maximized: saved.maximized };
}

export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

export interface WindowStateTracker {
  /** Saves now (before the window is destroyed on quit, which emits no 'close'). */
  saveNow(): void;
  stop(): void;
}

/** Saves the window's state shortly after it stops moving, and at once when it closes. */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => void, debounceMs = 500): WindowStateTracker {
  let timer: NodeJS.Timeout | null = null;
  const saveNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    const parsed = windowStateSchema.safeParse({ ...roundRect(window.getNormalBounds()), maximized: window.isMaximized() });
    if (parsed.success) save(parsed.data);
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', saveNow);
  return {
    saveNow,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function roundRect(rect: Rect): Rect {
  return { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) };
}
