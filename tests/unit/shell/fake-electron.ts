// Small stand-ins for the parts of `electron` the shell uses; tests load them with
// `vi.mock('electron', () => import('./fake-electron'))`. Each records what the code did to it.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  bounds: Rect;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;

  constructor(readonly options: Record<string, any>) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    BrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** What the user does when clicking the close button; returns whether the window closed. */
  userClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
    return !prevented;
  }
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: unknown;
  tooltip = '';
  menu: { template: any[] } | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: any[] }): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export const Menu = { buildFromTemplate: (template: any[]) => ({ template }) };
export const nativeImage = { createFromPath: (path: string) => ({ path }) };

export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string; urgency?: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

type Handler = (event: any, ...args: any[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, listener: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  on: vi.fn(),
};

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
  getPath: vi.fn(() => '/tmp/notifychain-test'),
  getAppPath: vi.fn(() => '/tmp/notifychain-app'),
  getVersion: vi.fn(() => '0.1.0'),
  setLoginItemSettings: vi.fn(),
});

export const shell = { openExternal: vi.fn(async () => {}) };
export const clipboard = { writeText: vi.fn() };
export const screen = { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) };
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn((plain: string) => Buffer.from(`sealed:${plain}`)),
  decryptString: vi.fn((data: Buffer) => data.toString().replace(/^sealed:/, '')),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, _request?: unknown): Promise<unknown> => undefined);
}
export const ipcRenderer = new FakeIpcRenderer();

export function resetFakes(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.shown = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
}

export default {
  app, BrowserWindow, Tray, Menu, nativeImage, Notification, ipcMain, shell, clipboard, screen, safeStorage, contextBridge, ipcRenderer,
};
