// Small helpers the benchmarks share: timing, temp folders, result files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

export function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'nc-bench-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export function writeResult(name: string, result: unknown): string {
  mkdirSync('bench/results', { recursive: true });
  const path = join('bench/results', `${name}.json`);
  writeFileSync(path, JSON.stringify(result, null, 2) + '\n');
  return path;
}

export function machine() {
  return { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, memory_gib: Math.round(totalmem() / 2 ** 30) };
}
