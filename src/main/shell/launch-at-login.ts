// Launch at login. macOS and Windows keep it in the OS (app.setLoginItemSettings); Linux has no
// such API, so an XDG autostart entry is written instead. Started this way the app stays in the
// tray (--hidden) until the user opens it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HIDDEN_FLAG = '--hidden';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface LaunchAtLoginOptions {
  app: LoginItemApp;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The binary to start: the AppImage when run from one, else the Electron executable. */
  execPath: string;
  home?: string;
}

export function autostartFile(env: Record<string, string | undefined>, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart', 'org.notifychain.app.desktop');
}

export function setLaunchAtLogin(enabled: boolean, opts: LaunchAtLoginOptions): void {
  if (opts.platform !== 'linux') {
    opts.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = autostartFile(opts.env, opts.home);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  const exec = opts.env.APPIMAGE || opts.execPath;
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=NotifyChain',
      'Comment=Watch Soroban smart contracts on Stellar',
      `Exec="${exec.replace(/(["`$\\])/g, '\\$1')}" ${HIDDEN_FLAG}`,
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  );
}
