// A ring's edges bucketed into horizontal bands, for fast point-in-ring and "near the line" tests
// on the 1,652-vertex county outline (tens of thousands of queries per build).

import type { Xy } from './plane.ts'
import { distanceToSegment } from './segments.ts'

export interface RingIndex {
  contains(p: Xy): boolean
  /** whether some edge lies within `km` of p */
  isNear(p: Xy, km: number): boolean
}

export function createRingIndex(ring: readonly Xy[], bands = 256): RingIndex {
  let y0 = Infinity
  let y1 = -Infinity
  for (const p of ring) {
    y0 = Math.min(y0, p[1])
    y1 = Math.max(y1, p[1])
  }
  const height = (y1 - y0) / bands || 1
  const buckets: [Xy, Xy][][] = Array.from({ length: bands }, () => [])
  const band = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - y0) / height)))
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as Xy
    const b = ring[i + 1] as Xy
    for (let k = band(Math.min(a[1], b[1])); k <= band(Math.max(a[1], b[1])); k++)
      buckets[k]?.push([a, b])
  }
  return {
    contains(p) {
      if (p[1] < y0 || p[1] > y1) return false
      let inside = false
      for (const [a, b] of buckets[band(p[1])] as [Xy, Xy][]) {
        if (
          a[1] > p[1] !== b[1] > p[1] &&
          p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]
        ) {
          inside = !inside
        }
      }
      return inside
    },
    isNear(p, km) {
      const seen = new Set<[Xy, Xy]>()
      for (let k = band(p[1] - km); k <= band(p[1] + km); k++) {
        for (const edge of buckets[k] as [Xy, Xy][]) {
          if (seen.has(edge)) continue
          seen.add(edge)
          if (distanceToSegment(p, edge[0], edge[1]) < km) return true
        }
      }
      return false
    },
  }
}
