/**
 * Seeded pseudo-random numbers. Every random choice in the simulation goes through an `Rng`
 * derived from `--seed`, so the same seed and flags give the same fleet and the same values.
 */

/** A deterministic random stream (mulberry32: tiny, fast, good enough for a simulation). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer uniform in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (mean 0, deviation 1). */
  gauss(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** Hashes a string into a 32-bit seed (FNV-1a), to derive independent streams by name. */
export function hashSeed(seed: number, name: string): number {
  let hash = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}

/**
 * Creates a random stream from `seed`, optionally derived by `name` so each device (and each
 * purpose within a device) has its own stream: one device's activity never shifts another's values.
 */
export function createRng(seed: number, name = ""): Rng {
  let state = hashSeed(seed >>> 0, name) || 0x9e3779b9;
  let spareGauss: number | undefined;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    gauss: () => {
      if (spareGauss !== undefined) {
        const value = spareGauss;
        spareGauss = undefined;
        return value;
      }
      // Box-Muller gives two normals per pair of uniforms; keep the second for the next call.
      const u = Math.max(next(), Number.EPSILON);
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareGauss = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}
