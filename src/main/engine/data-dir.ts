// Where NotifyChain keeps its files when the host does not say (Electron passes its userData).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.NOTIFYCHAIN_HOME) return env.NOTIFYCHAIN_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'NotifyChain');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'NotifyChain');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'notifychain');
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'notifychain.db');
}
