// Pre-encoded events that history ledgers point into, so a million events cost no XDR work.
import { CATALOG, encodeEvent } from './catalog.js';
import type { DemoEmitter } from './catalog-types.js';
import { createRng, mix32 } from './rng.js';

export interface EventTemplate {
  readonly type: string;
  readonly emitter: DemoEmitter;
  readonly topic: readonly string[];
  readonly value: string;
}

export const DEFAULT_POOL_SIZE = 2048;

const pools = new Map<string, readonly EventTemplate[]>();

/** Every catalogue entry appears in turn, each time with fresh seeded values. */
export function templatePool(seed: number, size = DEFAULT_POOL_SIZE): readonly EventTemplate[] {
  const key = `${seed}:${size}`;
  const cached = pools.get(key);
  if (cached) return cached;
  const rng = createRng(mix32(seed, 0x7e3a));
  const pool = Array.from({ length: size }, (_, i): EventTemplate => {
    const entry = CATALOG[i % CATALOG.length]!;
    const built = entry.build(rng);
    return { type: entry.type, emitter: entry.emitter, ...encodeEvent(built) };
  });
  pools.set(key, pool);
  return pool;
}
