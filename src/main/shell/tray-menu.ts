// The tray's context menu as a template: what it lists and what each item does. Pure, so the
// tray can rebuild it on every change and tests can click through it.
import type { MenuItemConstructorOptions } from 'electron';
import type { DndMode } from '../../shared/ipc';
import { isDndActive } from './dnd';
import { clip, clockTime, type RecentEvent } from './tray-state';

export interface TrayMenuModel {
  recent: RecentEvent[];
  paused: boolean;
  dndUntil: number | null;
  now: number;
  launchAtLogin: boolean;
  apiUrl: string | null;
  hasApiToken: boolean;
}

export interface TrayMenuActions {
  openDashboard(): void;
  openEvent(eventId: string): void;
  setPaused(paused: boolean): void;
  setDoNotDisturb(mode: DndMode): void;
  setLaunchAtLogin(enabled: boolean): void;
  copyApiAddress(): void;
  copyApiToken(): void;
  quit(): void;
}

export function trayMenuTemplate(model: TrayMenuModel, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  const dndOn = isDndActive(model.dndUntil, model.now);
  const recent: MenuItemConstructorOptions[] =
    model.recent.length > 0
      ? model.recent.map((event) => ({
          label: `${clip(event.eventType, 32)} · ${clip(event.contractName, 24)} · ${clockTime(event.at, model.now)}`,
          click: () => actions.openEvent(event.id),
        }))
      : [{ label: 'No events yet', enabled: false }];

  return [
    { label: 'Open dashboard', click: () => actions.openDashboard() },
    { type: 'separator' },
    { label: 'Recent events', enabled: false },
    ...recent,
    { type: 'separator' },
    model.paused
      ? { label: 'Resume watching', click: () => actions.setPaused(false) }
      : { label: 'Pause watching', click: () => actions.setPaused(true) },
    {
      label: dndOn ? `Do not disturb (until ${clockTime(model.dndUntil!, model.now)})` : 'Do not disturb',
      submenu: [
        { label: 'For 1 hour', click: () => actions.setDoNotDisturb('one-hour') },
        { label: 'Until tomorrow', click: () => actions.setDoNotDisturb('until-tomorrow') },
        { label: 'Off', enabled: dndOn, click: () => actions.setDoNotDisturb('off') },
      ],
    },
    {
      label: 'Launch at login',
      type: 'checkbox',
      checked: model.launchAtLogin,
      click: () => actions.setLaunchAtLogin(!model.launchAtLogin),
    },
    { type: 'separator' },
    { label: 'Copy API address', enabled: model.apiUrl !== null, click: () => actions.copyApiAddress() },
    { label: 'Copy API token', enabled: model.hasApiToken, click: () => actions.copyApiToken() },
    { type: 'separator' },
    { label: 'Quit NotifyChain', click: () => actions.quit() },
  ];
}
