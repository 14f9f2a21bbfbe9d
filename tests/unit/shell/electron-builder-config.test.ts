// The installer configuration is checked by electron-builder's own loader and JSON schema, so a
// typo fails here rather than at release time on another machine.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(root, 'package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: { filter?: string[] }[];
  asarUnpack: string[];
  extraMetadata: { main: string };
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own schema', async () => {
    await expect(loadConfig()).resolves.toBeDefined();
  });

  it('names the app and builds AppImage + deb, dmg and nsis installers', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.notifychain.app');
    expect(config.productName).toBe('NotifyChain');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs the built app and its icons, with the native SQLite module outside the archive', async () => {
    const config = await loadConfig();
    const filters = config.files.flatMap((f) => f.filter ?? []);
    expect(filters).toEqual(expect.arrayContaining(['out/**', 'resources/**']));
    expect(config.extraMetadata.main).toBe('out/main/index.js');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['resources/**', '**/node_modules/better-sqlite3/**/*.node']));
    for (const platform of [config.linux, config.mac, config.win]) expect(existsSync(join(root, platform.icon))).toBe(true);
  });

  it('`npm run dist` builds the app and then the installers', () => {
    const pkg = require('./package.json') as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });
});
