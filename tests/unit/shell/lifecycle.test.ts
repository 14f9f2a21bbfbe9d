import { EventEmitter } from 'node:events';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { createLogger } from '../../../src/main/engine/log/logger';
import { createShutdown } from '../../../src/main/shell/shutdown';
import { claimSingleInstance } from '../../../src/main/shell/single-instance';

describe('single instance', () => {
  const fakeApp = (locked: boolean) =>
    Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => locked), quit: vi.fn() });

  it('the first launch takes the lock and keeps running', () => {
    const app = fakeApp(true);
    expect(claimSingleInstance(app, vi.fn())).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('a second launch quits at once and starts nothing', () => {
    const app = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance comes forward each time another launch is attempted', () => {
    const app = fakeApp(true);
    const focus = vi.fn();
    claimSingleInstance(app, focus);
    app.emit('second-instance', {}, ['notifychain'], '/home');
    app.emit('second-instance', {}, ['notifychain'], '/home');
    expect(focus).toHaveBeenCalledTimes(2);
  });
});

describe('shutdown', () => {
  const log = createLogger('silent');

  function steps(over: Partial<Record<'stopIpc' | 'closeWindows' | 'quit', Mock<() => void>>> & { closeRuntime?: Mock<() => Promise<void>>; runtimeTimeoutMs?: number } = {}) {
    const order: string[] = [];
    const s = {
      log,
      stopIpc: vi.fn(() => void order.push('ipc')),
      closeWindows: vi.fn(() => void order.push('windows')),
      closeRuntime: vi.fn(async () => {
        order.push('runtime:start');
        await new Promise((r) => setTimeout(r, 10));
        order.push('runtime:done');
      }),
      quit: vi.fn(() => void order.push('quit')),
      ...over,
    };
    return { s, order };
  }

  it('stops IPC, closes windows, closes the runtime and only then quits', async () => {
    const { s, order } = steps();
    await createShutdown(s)();
    expect(order).toEqual(['ipc', 'windows', 'runtime:start', 'runtime:done', 'quit']);
  });

  it('asking to quit again while shutting down does not close anything twice', async () => {
    const { s } = steps();
    const shutdown = createShutdown(s);
    await Promise.all([shutdown(), shutdown(), shutdown()]);
    await shutdown();
    expect([s.stopIpc, s.closeWindows, s.closeRuntime, s.quit].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
  });

  it('the app still quits when closing the engine fails', async () => {
    const { s, order } = steps({ closeRuntime: vi.fn(async () => Promise.reject(new Error('database is locked'))) });
    await createShutdown(s)();
    expect(order).toEqual(['ipc', 'windows', 'quit']);
  });

  it('the app still quits when closing the engine hangs', async () => {
    const { s, order } = steps({ closeRuntime: vi.fn(() => new Promise<void>(() => {})), runtimeTimeoutMs: 50 });
    await createShutdown(s)();
    expect(order).toEqual(['ipc', 'windows', 'quit']);
  });

  it('a window that fails to close does not stop the engine from closing', async () => {
    const { s, order } = steps({ closeWindows: vi.fn(() => { throw new Error('already destroyed'); }) });
    await createShutdown(s)();
    expect(order).toEqual(['ipc', 'runtime:start', 'runtime:done', 'quit']);
  });
});
