// What ships next to the code: tray icons for every state, the app icon, and a preload bundle
// that a sandboxed renderer can load.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_ICONS } from '../../../src/main/shell/tray-state';

const root = resolve(import.meta.dirname, '../../..');

function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('icons', () => {
  it.each(TRAY_ICONS)('the tray has a "%s" icon at 1x and 2x', (state) => {
    expect(pngSize(join(root, 'resources/tray', `${state}.png`))).toEqual({ width: 16, height: 16 });
    expect(pngSize(join(root, 'resources/tray', `${state}@2x.png`))).toEqual({ width: 32, height: 32 });
  });

  it('the app icon is 512 px, enough for every installer', () => {
    expect(pngSize(join(root, 'resources/icon.png'))).toEqual({ width: 512, height: 512 });
  });
});

const builtPreload = join(root, 'out/preload/index.cjs');

describe('the built preload', () => {
  it.skipIf(!existsSync(builtPreload))('requires nothing but electron, as the sandbox demands (run after `npm run build`)', () => {
    const code = readFileSync(builtPreload, 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
  });
});
