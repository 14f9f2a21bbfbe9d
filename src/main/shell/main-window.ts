// The dashboard window: secure web preferences, bounds remembered, closing hides it to the tray
// (the app keeps watching), and "show this event" for notifications and the tray menu.
import { BrowserWindow, screen } from 'electron';
import type { IpcEventName, IpcEventPayload } from '../../shared/ipc';
import { secureWebPreferences } from './security';
import { MIN_WINDOW_SIZE, restoreBounds, trackWindowState, type WindowState, type WindowStateTracker } from './window-state';

export interface MainWindowOptions {
  preload: string;
  /** app://notifychain/index.html, or the dev server. */
  url: string;
  icon?: string;
  windowState: { get(): WindowState | null; set(state: WindowState): void };
  /** True once the app is quitting: then closing really closes. */
  isQuitting(): boolean;
  /** Started at login with --hidden: stay in the tray until asked. */
  startHidden?: boolean;
  /** The window was shown or focused: the user has seen what is new. */
  onSeen?(): void;
}

export class MainWindow {
  readonly window: BrowserWindow;
  private loaded = false;
  private pendingEvent: string | null = null;
  private readonly tracker: WindowStateTracker;

  constructor(opts: MainWindowOptions) {
    const restored = restoreBounds(opts.windowState.get(), screen.getAllDisplays().map((d) => d.workArea));
    this.window = new BrowserWindow({
      ...restored.bounds,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: 'NotifyChain',
      ...(opts.icon ? { icon: opts.icon } : {}),
      webPreferences: secureWebPreferences(opts.preload),
    });
    if (restored.maximized) this.window.maximize();
    this.tracker = trackWindowState(this.window, (state) => opts.windowState.set(state));

    this.window.on('close', (event) => {
      if (opts.isQuitting()) return;
      event.preventDefault();
      this.window.hide();
    });
    this.window.on('focus', () => opts.onSeen?.());
    this.window.once('ready-to-show', () => {
      if (!opts.startHidden) this.show();
    });
    this.window.webContents.on('did-finish-load', () => {
      this.loaded = true;
      if (this.pendingEvent) this.sendShowEvent(this.pendingEvent);
    });
    this.window.webContents.on('did-start-loading', () => {
      this.loaded = false;
    });
    void this.window.loadURL(opts.url);
  }

  show(): void {
    if (this.window.isDestroyed()) return;
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** Brings the window forward and tells the dashboard to open this event (once it has loaded). */
  showEvent(eventId: string): void {
    this.show();
    if (this.loaded) this.sendShowEvent(eventId);
    else this.pendingEvent = eventId;
  }

  send<E extends IpcEventName>(name: E, payload: IpcEventPayload<E>): void {
    if (this.window.isDestroyed() || !this.loaded) return;
    this.window.webContents.send(name, payload);
  }

  /** For quitting: saves the bounds, then closes without the hide-to-tray detour. */
  destroy(): void {
    this.tracker.saveNow();
    this.tracker.stop();
    if (!this.window.isDestroyed()) this.window.destroy();
  }

  private sendShowEvent(eventId: string): void {
    this.pendingEvent = null;
    this.window.webContents.send('window:show-event', { eventId });
  }
}
