// Seeded randomness for the planning core: every draw replays from its seed, so a rehearsal or a
// random baseline is a pure function of its inputs. mulberry32 (as flatbush's tests use): 32-bit
// state, fast, good enough for sampling; not for anything secret.

/** A generator of floats in [0, 1), the same sequence for the same seed (any integer; taken mod 2³²). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An integer in [0, n). */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n)
}

/**
 * `count` distinct indexes in [0, n), in draw order (all n, shuffled, when count ≥ n). Floyd's
 * algorithm for small samples of big ranges, so a draw never copies the whole range.
 */
export function sampleIndices(random: () => number, n: number, count: number): number[] {
  const k = Math.max(0, Math.min(Math.floor(count), n))
  if (k * 4 >= n)
    return shuffle(
      random,
      Array.from({ length: n }, (_, i) => i),
    ).slice(0, k)
  const picked = new Set<number>()
  const order: number[] = []
  for (let j = n - k; j < n; j++) {
    const t = randomInt(random, j + 1)
    const value = picked.has(t) ? j : t
    picked.add(value)
    order.push(value)
  }
  return order
}

/** `count` distinct items of the list (fewer when the list is shorter), drawn without replacement. */
export function sampleWithoutReplacement<T>(
  random: () => number,
  items: readonly T[],
  count: number,
): T[] {
  return sampleIndices(random, items.length, count).map((i) => items[i] as T)
}

/** Shuffles the array in place (Fisher–Yates) and returns it. */
export function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1)
    const a = items[i] as T
    items[i] = items[j] as T
    items[j] = a
  }
  return items
}
