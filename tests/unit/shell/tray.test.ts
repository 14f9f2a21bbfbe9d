import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { TRAY_REFRESH_MS, TrayController } from '../../../src/main/shell/tray';
import type { TrayMenuActions } from '../../../src/main/shell/tray-menu';
import { resetFakes, Tray } from './fake-electron';

const NOW = new Date(2026, 10, 25, 13, 0).getTime();

function make() {
  const actions: TrayMenuActions = {
    openDashboard: vi.fn(), openEvent: vi.fn(), setPaused: vi.fn(), setDoNotDisturb: vi.fn(), setLaunchAtLogin: vi.fn(),
    copyApiAddress: vi.fn(), copyApiToken: vi.fn(), quit: vi.fn(),
  };
  const controller = new TrayController({
    resourcesDir: '/res',
    actions,
    menuExtras: () => ({ launchAtLogin: false, apiUrl: 'http://127.0.0.1:8787', hasApiToken: false }),
  });
  return { controller, actions, tray: Tray.instances.at(-1)! };
}

describe('the tray icon', () => {
  beforeEach(() => {
    resetFakes();
    vi.useFakeTimers({ now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  it('starts as "watching" with a tooltip and a menu', () => {
    const { tray } = make();
    expect(tray.image).toEqual({ path: '/res/tray/watching.png' });
    expect(tray.tooltip).toContain('NotifyChain: watching');
    expect(tray.menu!.template[0].label).toBe('Open dashboard');
  });

  it('changes its icon with the state and lists new events in the menu', () => {
    const { controller, tray } = make();
    controller.dispatch({ type: 'events-stored', events: [{ id: '0000004294967296000-0000000001', eventType: 'withdrawal', contractName: 'AutoShare', at: NOW }] });
    expect(tray.image).toEqual({ path: '/res/tray/new-events.png' });
    expect(tray.menu!.template.map((i: { label?: string }) => i.label)).toContain('withdrawal · AutoShare · 13:00');
    controller.dispatch({ type: 'status', status: { state: 'error', latestLedger: null, cursorLedger: null, lastPollAt: null, lastSuccessAt: null, lastError: { code: 'rpc.unreachable', message: 'RPC down' } } });
    expect(tray.image).toEqual({ path: '/res/tray/error.png' });
    expect(tray.tooltip.split('\n')[0]).toBe('NotifyChain: error: RPC down');
  });

  it('a click opens the dashboard', () => {
    const { tray, actions } = make();
    tray.emit('click');
    expect(actions.openDashboard).toHaveBeenCalled();
  });

  it('keeps "how long ago" and do-not-disturb expiry current on its own', () => {
    const { controller, tray } = make();
    controller.dispatch({ type: 'dnd', until: NOW + 60_000 });
    expect(tray.image).toEqual({ path: '/res/tray/dnd.png' });
    vi.advanceTimersByTime(TRAY_REFRESH_MS * 3);
    expect(tray.image).toEqual({ path: '/res/tray/watching.png' });
  });

  it('is removed on quit', () => {
    const { controller, tray } = make();
    controller.destroy();
    expect(tray.destroyed).toBe(true);
    controller.dispatch({ type: 'seen' });
  });
});
