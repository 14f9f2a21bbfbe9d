import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../src/shared/ipc';
import {
  INITIAL_TRAY_STATE, reduceTray, STALLED_AFTER_MS, trayIcon, viewTray, type RecentEvent, type TrayAction, type TrayState,
} from '../../../src/main/shell/tray-state';

const NOW = new Date(2026, 10, 25, 13, 0, 0).getTime();

const status = (over: Partial<EngineStatus> = {}): EngineStatus => ({
  state: 'live', latestLedger: 1000, cursorLedger: 1000, lastPollAt: NOW - 1000, lastSuccessAt: NOW - 1000, lastError: null, ...over,
});
const recent = (n: number, at = NOW - 5 * 60_000): RecentEvent => ({ id: `000000000000000000${n}-0000000001`, eventType: `type_${n}`, contractName: 'AutoShare', at });
const run = (...actions: TrayAction[]): TrayState => actions.reduce(reduceTray, INITIAL_TRAY_STATE);

describe('tray state', () => {
  it('a healthy, caught-up engine shows "watching" with its lag and no events yet', () => {
    const view = viewTray(run({ type: 'status', status: status() }), NOW);
    expect(view.icon).toBe('watching');
    expect(view.tooltip).toBe('NotifyChain: watching\nLag: 0 ledgers\nLast event: none yet');
  });

  it('stored events light up "new events" until the window is looked at', () => {
    const state = run({ type: 'status', status: status() }, { type: 'events-stored', events: [recent(1), recent(2), recent(3)] });
    expect(viewTray(state, NOW)).toEqual({
      icon: 'new-events',
      tooltip: 'NotifyChain: 3 new events\nLag: 0 ledgers\nLast event: type_3 (AutoShare), 5 min ago',
    });
    expect(trayIcon(reduceTray(state, { type: 'seen' }), NOW)).toBe('watching');
  });

  it('falling more than ten ledgers behind shows "lagging" with the count', () => {
    const view = viewTray(run({ type: 'status', status: status({ latestLedger: 1042, cursorLedger: 1000 }) }), NOW);
    expect(view.icon).toBe('lagging');
    expect(view.tooltip.split('\n').slice(0, 2)).toEqual(['NotifyChain: 42 ledgers behind', 'Lag: 42 ledgers']);
    expect(trayIcon(run({ type: 'status', status: status({ latestLedger: 1010, cursorLedger: 1000 }) }), NOW)).toBe('watching');
  });

  it('no successful poll for over two minutes is lagging even when the last lag was small', () => {
    const stalled = run({ type: 'status', status: status({ lastSuccessAt: NOW - STALLED_AFTER_MS - 60_000 }) });
    expect(viewTray(stalled, NOW).tooltip.split('\n')[0]).toBe('NotifyChain: no successful poll for 3 min');
  });

  it('a failing poll shows "error" with its message, ahead of lag and new events', () => {
    const state = run(
      { type: 'events-stored', events: [recent(1)] },
      { type: 'status', status: status({ state: 'error', latestLedger: 2000, lastError: { code: 'rpc.unreachable', message: 'connect ECONNREFUSED 127.0.0.1:8000' } }) },
    );
    const view = viewTray(state, NOW);
    expect(view.icon).toBe('error');
    expect(view.tooltip.split('\n')[0]).toBe('NotifyChain: error: connect ECONNREFUSED 127.0.0.1:8000');
  });

  it('pausing wins over everything, and resuming brings the real state back', () => {
    const failing = run({ type: 'status', status: status({ state: 'error', lastError: { code: 'x', message: 'down' } }) });
    const paused = reduceTray(failing, { type: 'paused', paused: true });
    expect(viewTray(paused, NOW).icon).toBe('paused');
    expect(viewTray(paused, NOW).tooltip.split('\n')[0]).toBe('NotifyChain: paused');
    expect(trayIcon(reduceTray(paused, { type: 'paused', paused: false }), NOW)).toBe('error');
  });

  it('do not disturb shows its own icon with the time it ends, and expires by itself', () => {
    const until = new Date(2026, 10, 25, 14, 0).getTime();
    const muted = run({ type: 'status', status: status() }, { type: 'dnd', until }, { type: 'events-stored', events: [recent(1)] });
    expect(viewTray(muted, NOW).icon).toBe('dnd');
    expect(viewTray(muted, NOW).tooltip.split('\n')[0]).toBe('NotifyChain: do not disturb until 14:00');
    const later = reduceTray(muted, { type: 'status', status: status({ lastSuccessAt: until }) });
    expect(trayIcon(later, until + 1)).toBe('new-events');
  });

  it('keeps the last five events, newest first', () => {
    const state = run({ type: 'events-stored', events: [recent(1), recent(2), recent(3)] }, { type: 'events-stored', events: [recent(4), recent(5), recent(6), recent(7)] });
    expect(state.recent.map((e) => e.eventType)).toEqual(['type_7', 'type_6', 'type_5', 'type_4', 'type_3']);
    expect(state.unseen).toBe(7);
  });

  it('a very long error still fits a tooltip (Windows cuts them at 127 characters)', () => {
    const state = run(
      { type: 'status', status: status({ state: 'error', lastError: { code: 'x', message: 'x'.repeat(500) } }) },
      { type: 'events-stored', events: [{ ...recent(1), eventType: 'e'.repeat(100), contractName: 'c'.repeat(100) }] },
    );
    expect(viewTray(state, NOW).tooltip.length).toBeLessThanOrEqual(127);
  });
});
