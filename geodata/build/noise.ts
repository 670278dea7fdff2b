// Smooth seeded displacement (a sum of random plane waves), used to bend straight Voronoi lines
// into organic ones. Deterministic for a given generator.

import type { Xy } from './plane.ts'
import { type Rng, uniform } from './prng.ts'

export type Warp = (p: Xy) => Xy

/** Displaces points by up to about `amplitudeKm` with wavelengths in [minKm, maxKm]. */
export function createWarp(
  rng: Rng,
  amplitudeKm: number,
  minKm: number,
  maxKm: number,
  waves = 6,
): Warp {
  const terms = Array.from({ length: waves * 2 }, () => {
    const angle = uniform(rng, 0, 2 * Math.PI)
    const k = (2 * Math.PI) / uniform(rng, minKm, maxKm)
    return { kx: k * Math.cos(angle), ky: k * Math.sin(angle), phase: uniform(rng, 0, 2 * Math.PI) }
  })
  const scale = amplitudeKm / Math.sqrt(waves / 2)
  return ([x, y]) => {
    let dx = 0
    let dy = 0
    terms.forEach((t, i) => {
      const v = Math.sin(t.kx * x + t.ky * y + t.phase)
      if (i % 2 === 0) dx += v
      else dy += v
    })
    return [x + dx * scale, y + dy * scale]
  }
}
