// Seeded randomness: the same seed gives the same demo chain, byte for byte.

export interface Rng {
  /** A uniformly distributed uint32. */
  next(): number;
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Uint8Array;
  /** A non-negative bigint below 2^bits. */
  bigint(bits: number): bigint;
  chance(probability: number): boolean;
}

/** Stateless 32-bit hash of up to four integers; used to derive history events arithmetically. */
export function mix32(a: number, b = 0, c = 0, d = 0): number {
  // Fixed arity on purpose: this runs several times per served event, and rest args allocate.
  let h = 0x9e3779b9;
  h = round(h, a);
  h = round(h, b);
  h = round(h, c);
  return round(h, d) >>> 0;
}

function round(h: number, part: number): number {
  h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** sfc32, seeded through mix32 so that nearby seeds give unrelated streams. */
export function createRng(seed: number): Rng {
  let a = mix32(seed, 1);
  let b = mix32(seed, 2);
  let c = mix32(seed, 3);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();

  const float = (): number => next() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1));
  return {
    next,
    float,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('cannot pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    bytes: (length: number): Uint8Array => {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 4) {
        const word = next();
        for (let j = 0; j < 4 && i + j < length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
      }
      return out;
    },
    bigint: (bits: number): bigint => {
      let value = 0n;
      for (let i = 0; i < bits; i += 32) value = (value << 32n) | BigInt(next());
      return value & ((1n << BigInt(bits)) - 1n);
    },
    chance: (probability: number): boolean => float() < probability,
  };
}
