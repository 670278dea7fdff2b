// Point-to-polyline distance in the plane, for "how far from the county line / the river".
import type { Xy } from './plane.ts'

export function distanceToSegment(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2))
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
}

export function distanceToPolyline(p: Xy, line: readonly Xy[]): number {
  let best = Infinity
  for (let i = 1; i < line.length; i++) {
    const d = distanceToSegment(p, line[i - 1] as Xy, line[i] as Xy)
    if (d < best) best = d
  }
  return best
}
