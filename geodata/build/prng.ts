// Seeded pseudo-random numbers: mulberry32 (as in mourner/flatbush's tests). The build never
// calls Math.random, so one seed always gives the same bytes.

export type Rng = () => number

/** A uniform generator on [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// FNV-1a, so each layer draws from its own stream and editing one layer leaves the others alone
function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A generator for one named stream of a seed, e.g. `streamRng(seed, 'villages')`. */
export function streamRng(seed: number, stream: string): Rng {
  return mulberry32((seed ^ hashString(stream)) >>> 0)
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng()
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n)
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[randomInt(rng, items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

/** Picks an item with probability proportional to its weight. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0
  for (const [, w] of items) total += w
  let r = rng() * total
  for (const [item, w] of items) {
    r -= w
    if (r < 0) return item
  }
  const last = items[items.length - 1]
  if (last === undefined) throw new Error('pickWeighted from an empty list')
  return last[0]
}

/** A standard normal variate (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng() // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng())
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1)
    const a = out[i] as T
    out[i] = out[j] as T
    out[j] = a
  }
  return out
}
