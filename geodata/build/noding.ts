// Noding: where one polygon's vertex lies on another's edge (a T-junction left by separate
// boolean operations and 6-decimal rounding), insert it into that edge too, so neighbours share
// identical vertex chains and tile without slivers.
import type { Position } from 'geojson'
import type { MultiRings } from './polygons.ts'

const TOLERANCE = 1e-6 // degrees (≈ 0.1 m): twice the 6-decimal rounding error
const CELL = 0.002 // degrees: bucket size of the vertex hash

/** Inserts shared vertices into every ring of every geometry, in place. */
export function nodePolygons(geometries: MultiRings[]): void {
  const buckets = new Map<string, Position[]>()
  const seen = new Set<string>()
  for (const g of geometries) {
    for (const p of g.flat(2)) {
      const k = `${p[0]},${p[1]}`
      if (seen.has(k)) continue
      seen.add(k)
      const b = `${Math.floor((p[0] as number) / CELL)},${Math.floor((p[1] as number) / CELL)}`
      const list = buckets.get(b)
      if (list) list.push(p)
      else buckets.set(b, [p])
    }
  }
  for (const g of geometries) {
    for (const poly of g) {
      for (const [r, ring] of poly.entries()) poly[r] = nodeRing(ring, buckets)
    }
  }
}

function nodeRing(ring: Position[], buckets: Map<string, Position[]>): Position[] {
  const out: Position[] = []
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as Position
    const b = ring[i + 1] as Position
    out.push(a)
    const [ax, ay] = a as [number, number]
    const [bx, by] = b as [number, number]
    const dx = bx - ax
    const dy = by - ay
    const len2 = dx * dx + dy * dy
    if (len2 === 0) continue
    const found: [number, Position][] = []
    const cx0 = Math.floor((Math.min(ax, bx) - TOLERANCE) / CELL)
    const cx1 = Math.floor((Math.max(ax, bx) + TOLERANCE) / CELL)
    const cy0 = Math.floor((Math.min(ay, by) - TOLERANCE) / CELL)
    const cy1 = Math.floor((Math.max(ay, by) + TOLERANCE) / CELL)
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        for (const p of buckets.get(`${cx},${cy}`) ?? []) {
          const [px, py] = p as [number, number]
          const t = ((px - ax) * dx + (py - ay) * dy) / len2
          if (t <= 0 || t >= 1) continue
          // points at an endpoint are already shared (or are a near-duplicate of it)
          if ((px - ax) ** 2 + (py - ay) ** 2 <= TOLERANCE * TOLERANCE) continue
          if ((px - bx) ** 2 + (py - by) ** 2 <= TOLERANCE * TOLERANCE) continue
          const ex = ax + t * dx - px
          const ey = ay + t * dy - py
          if (ex * ex + ey * ey <= TOLERANCE * TOLERANCE) found.push([t, p])
        }
      }
    }
    found.sort((u, v) => u[0] - v[0])
    for (const [, p] of found) out.push([p[0] as number, p[1] as number])
  }
  out.push(ring[ring.length - 1] as Position)
  return out
}
