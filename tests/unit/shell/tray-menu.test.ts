import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { trayMenuTemplate, type TrayMenuActions, type TrayMenuModel } from '../../../src/main/shell/tray-menu';

const NOW = new Date(2026, 10, 25, 13, 0).getTime();

function actions(): { [K in keyof TrayMenuActions]: Mock<TrayMenuActions[K]> } {
  return {
    openDashboard: vi.fn(), openEvent: vi.fn(), setPaused: vi.fn(), setDoNotDisturb: vi.fn(), setLaunchAtLogin: vi.fn(),
    copyApiAddress: vi.fn(), copyApiToken: vi.fn(), quit: vi.fn(),
  };
}

const model = (over: Partial<TrayMenuModel> = {}): TrayMenuModel => ({
  recent: [], paused: false, dndUntil: null, now: NOW, launchAtLogin: false, apiUrl: 'http://127.0.0.1:8787', hasApiToken: true, ...over,
});

const find = (items: MenuItemConstructorOptions[], label: string | RegExp) =>
  items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label ?? '')));
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('tray menu', () => {
  it('lists open dashboard, recent events, pause, do not disturb, launch at login, copy items and quit', () => {
    const labels = trayMenuTemplate(model(), actions()).filter((i) => i.type !== 'separator').map((i) => i.label);
    expect(labels).toEqual([
      'Open dashboard', 'Recent events', 'No events yet', 'Pause watching', 'Do not disturb', 'Launch at login',
      'Copy API address', 'Copy API token', 'Quit NotifyChain',
    ]);
  });

  it('shows the last events with contract and time, and clicking one opens that event', () => {
    const a = actions();
    const recent = [
      { id: '0000004294967296000-0000000001', eventType: 'withdrawal', contractName: 'AutoShare', at: new Date(2026, 10, 25, 12, 58).getTime() },
      { id: '0000004294967296000-0000000002', eventType: 'task_created', contractName: 'TaskBounty', at: new Date(2026, 10, 25, 12, 57).getTime() },
    ];
    const items = trayMenuTemplate(model({ recent }), a);
    click(find(items, 'task_created · TaskBounty · 12:57'));
    expect(a.openEvent).toHaveBeenCalledWith('0000004294967296000-0000000002');
    expect(find(items, 'withdrawal · AutoShare · 12:58')).toBeDefined();
  });

  it('pause and resume switch with the current state', () => {
    const a = actions();
    click(find(trayMenuTemplate(model(), a), 'Pause watching'));
    click(find(trayMenuTemplate(model({ paused: true }), a), 'Resume watching'));
    expect(a.setPaused.mock.calls).toEqual([[true], [false]]);
  });

  it('do not disturb offers one hour, until tomorrow and off, and shows when it ends', () => {
    const a = actions();
    const off = find(trayMenuTemplate(model(), a), 'Do not disturb')!.submenu as MenuItemConstructorOptions[];
    expect(off.map((i) => [i.label, i.enabled ?? true])).toEqual([['For 1 hour', true], ['Until tomorrow', true], ['Off', false]]);
    click(off[0]);
    click(off[1]);
    const on = find(trayMenuTemplate(model({ dndUntil: NOW + 3_600_000 }), a), /^Do not disturb/)!;
    expect(on.label).toBe('Do not disturb (until 14:00)');
    click((on.submenu as MenuItemConstructorOptions[])[2]);
    expect(a.setDoNotDisturb.mock.calls).toEqual([['one-hour'], ['until-tomorrow'], ['off']]);
  });

  it('launch at login is a checkbox that flips the setting', () => {
    const a = actions();
    const item = find(trayMenuTemplate(model({ launchAtLogin: true }), a), 'Launch at login')!;
    expect(item).toMatchObject({ type: 'checkbox', checked: true });
    click(item);
    expect(a.setLaunchAtLogin).toHaveBeenCalledWith(false);
  });

  it('copy items are greyed out until there is an API address and a token', () => {
    const items = trayMenuTemplate(model({ apiUrl: null, hasApiToken: false }), actions());
    expect(find(items, 'Copy API address')!.enabled).toBe(false);
    expect(find(items, 'Copy API token')!.enabled).toBe(false);
  });

  it('open dashboard, copy and quit call their actions', () => {
    const a = actions();
    const items = trayMenuTemplate(model(), a);
    for (const label of ['Open dashboard', 'Copy API address', 'Copy API token', 'Quit NotifyChain']) click(find(items, label));
    expect([a.openDashboard, a.copyApiAddress, a.copyApiToken, a.quit].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
  });
});
