// The installer configuration is checked against the JSON schema electron-builder publishes
// for its configuration (app-builder-lib's scheme.json, the file editors use through `$schema`),
// so a typo fails here rather than at release time on another machine.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(root, 'package.json'));

interface BuilderConfig {
  appId: string;
  productName: string;
  files: (string | { filter?: string[] })[];
  asarUnpack: string[];
  extraMetadata: { main: string };
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const readConfig = (): BuilderConfig => parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

let validate: ReturnType<Ajv['compile']> | undefined;

function schemaErrors(config: unknown): string[] {
  validate ??= new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')));
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

function loadConfig(): BuilderConfig {
  const config = readConfig();
  const errors = schemaErrors(config);
  if (errors.length > 0) throw new Error(`electron-builder.yml does not match electron-builder's schema:\n${errors.join('\n')}`);
  return config;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own schema, which refuses a misspelt option', async () => {
    expect(loadConfig()).toBeDefined();
    expect(schemaErrors({ ...readConfig(), asarUnpak: ['x'] }).join()).toContain('asarUnpak');
  });

  it('names the app and builds AppImage + deb, dmg and nsis installers', async () => {
    const config = loadConfig();
    expect(config.appId).toBe('org.notifychain.app');
    expect(config.productName).toBe('NotifyChain');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs the built app and its icons, with the native SQLite module outside the archive', async () => {
    const config = loadConfig();
    const filters = config.files.flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
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
