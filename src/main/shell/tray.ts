// The tray icon: feeds actions to the tray state machine and draws the result (icon, tooltip,
// menu). Redraws every half minute so "2 min ago" and do-not-disturb expiry stay true.
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import { trayMenuTemplate, type TrayMenuActions, type TrayMenuModel } from './tray-menu';
import { INITIAL_TRAY_STATE, reduceTray, viewTray, type TrayAction, type TrayIcon, type TrayState, type TrayView } from './tray-state';

export const TRAY_REFRESH_MS = 30_000;

export interface TrayOptions {
  /** The folder holding tray/<state>.png (and @2x). */
  resourcesDir: string;
  actions: TrayMenuActions;
  /** The menu's parts that live outside the tray state. */
  menuExtras(): Pick<TrayMenuModel, 'launchAtLogin' | 'apiUrl' | 'hasApiToken'>;
  now?(): number;
}

export class TrayController {
  private readonly tray: Tray;
  private readonly images = new Map<TrayIcon, NativeImage>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private state: TrayState = INITIAL_TRAY_STATE;
  private shownIcon: TrayIcon | null = null;
  private shownTooltip = '';

  constructor(private readonly opts: TrayOptions) {
    this.now = opts.now ?? Date.now;
    this.tray = new Tray(this.image('watching'));
    this.shownIcon = 'watching';
    // Windows and Linux open the dashboard on a click; macOS shows the menu.
    this.tray.on('click', () => opts.actions.openDashboard());
    this.timer = setInterval(() => this.render(), TRAY_REFRESH_MS);
    this.timer.unref();
    this.render();
  }

  get current(): TrayState {
    return this.state;
  }

  /** What the tray shows now; null once it is gone. */
  get view(): TrayView | null {
    return this.tray.isDestroyed() ? null : viewTray(this.state, this.now());
  }

  dispatch(action: TrayAction): void {
    const next = reduceTray(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.render();
  }

  /** Redraws after something outside the tray state changed (preferences, the API address). */
  render(): void {
    if (this.tray.isDestroyed()) return;
    const now = this.now();
    const view = viewTray(this.state, now);
    if (view.icon !== this.shownIcon) {
      this.tray.setImage(this.image(view.icon));
      this.shownIcon = view.icon;
    }
    if (view.tooltip !== this.shownTooltip) {
      this.tray.setToolTip(view.tooltip);
      this.shownTooltip = view.tooltip;
    }
    const model: TrayMenuModel = {
      ...this.opts.menuExtras(),
      recent: this.state.recent,
      paused: this.state.paused,
      dndUntil: this.state.dndUntil,
      now,
    };
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model, this.opts.actions)));
  }

  destroy(): void {
    clearInterval(this.timer);
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private image(icon: TrayIcon): NativeImage {
    let image = this.images.get(icon);
    if (!image) {
      // createFromPath picks up name@2x.png next to it on high-DPI displays.
      image = nativeImage.createFromPath(join(this.opts.resourcesDir, 'tray', `${icon}.png`));
      this.images.set(icon, image);
    }
    return image;
  }
}
