import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_SIZE, restoreBounds, trackWindowState } from '../../../src/main/shell/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window bounds', () => {
  afterEach(() => vi.useRealTimers());

  it('the first launch uses the default size, centred by the OS', () => {
    expect(restoreBounds(null, [laptop])).toEqual({ bounds: DEFAULT_WINDOW_SIZE, maximized: false });
  });

  it('a window on the second monitor goes back there while it is connected', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800, maximized: false };
    expect(restoreBounds(saved, [laptop, monitor]).bounds).toEqual({ x: 2000, y: 100, width: 1200, height: 800 });
  });

  it('after the monitor is unplugged it opens on the laptop, shrunk to fit', () => {
    const saved = { x: 2000, y: 100, width: 2400, height: 1300, maximized: false };
    expect(restoreBounds(saved, [laptop]).bounds).toEqual({ width: 1440, height: 900 });
  });

  it('a window whose title bar is above every screen is not put back there', () => {
    const saved = { x: 100, y: -500, width: 1000, height: 800, maximized: false };
    expect(restoreBounds(saved, [laptop]).bounds.x).toBeUndefined();
  });

  it('saves once the window has stopped moving, and right away when it closes', () => {
    vi.useFakeTimers();
    const window = Object.assign(new EventEmitter(), {
      bounds: { x: 0, y: 0, width: 800, height: 600 },
      getNormalBounds() { return this.bounds; },
      isMaximized: () => false,
      isDestroyed: () => false,
    });
    const save = vi.fn();
    trackWindowState(window, save, 500);
    for (let x = 0; x < 10; x++) {
      window.bounds = { ...window.bounds, x: x * 10 + 0.4 };
      window.emit('move');
      vi.advanceTimersByTime(100);
    }
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(save).toHaveBeenCalledExactlyOnceWith({ x: 90, y: 0, width: 800, height: 600, maximized: false });
    window.bounds = { ...window.bounds, width: 1000 };
    window.emit('close');
    expect(save).toHaveBeenLastCalledWith({ x: 90, y: 0, width: 1000, height: 600, maximized: false });
  });
});
