// Polygon operations on WGS84 coordinates: turf's boolean operations (polyclip-ts, exact
// BigNumber arithmetic), 6-decimal rounding, and the validity checks every output passes.
import {
  area,
  bboxClip,
  difference,
  featureCollection,
  intersect,
  kinks,
  multiPolygon,
  polygon,
  union,
} from '@turf/turf'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { round6 } from './plane.ts'

export type Rings = Position[][]
export type MultiRings = Position[][][]

function toMulti(geometry: Polygon | MultiPolygon | null | undefined): MultiRings {
  if (!geometry) return []
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

export function bboxOf(polys: MultiRings): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const poly of polys) {
    for (const p of poly[0] ?? []) {
      const [x, y] = p as [number, number]
      if (x < w) w = x
      if (x > e) e = x
      if (y < s) s = y
      if (y > n) n = y
    }
  }
  return [w, s, e, n]
}

export function intersectPolygons(a: MultiRings, b: MultiRings): MultiRings {
  if (a.length === 0 || b.length === 0) return []
  return toMulti(intersect(featureCollection([multiPolygon(a), multiPolygon(b)]))?.geometry)
}

export function subtractPolygons(a: MultiRings, b: MultiRings): MultiRings {
  if (a.length === 0) return []
  if (b.length === 0) return a
  return toMulti(difference(featureCollection([multiPolygon(a), multiPolygon(b)]))?.geometry)
}

export function unionPolygons(parts: readonly MultiRings[]): MultiRings {
  const nonEmpty = parts.filter((p) => p.length > 0)
  if (nonEmpty.length === 0) return []
  if (nonEmpty.length === 1) return nonEmpty[0] as MultiRings
  return toMulti(union(featureCollection(nonEmpty.map((p) => multiPolygon(p))))?.geometry)
}

/**
 * `a ∩ clip` where `clip` is large (the county, 1,652 vertices): clip is first cut to a box
 * around `a` with room to spare, so the exact boolean operation sees few vertices. Inside the
 * box the cut polygon equals `clip`, so the result is the same.
 */
export function clipToLarge(a: MultiRings, clip: Polygon): MultiRings {
  if (a.length === 0) return []
  const [w, s, e, n] = bboxOf(a)
  const pad = 0.01 // degrees (~1 km): any degenerate edges bboxClip leaves lie outside `a`
  const cut = bboxClip(polygon(clip.coordinates), [w - pad, s - pad, e + pad, n + pad]).geometry as
    | Polygon
    | MultiPolygon
  const rings = toMulti(cut).map((poly) => poly.filter((ring) => ring.length >= 4))
  return intersectPolygons(
    a,
    rings.filter((poly) => poly.length > 0),
  )
}

/**
 * Rounds to 6 decimals, removes repeated points and zero-width spikes, and drops rings and
 * polygons that collapse. Shared vertices round the same way, so neighbours stay coincident.
 */
export function roundPolygons(polys: MultiRings): MultiRings {
  const out: MultiRings = []
  for (const poly of polys) {
    const outer = cleanRing(roundRing(poly[0] ?? []))
    if (!outer) continue // the outer ring collapsed: drop the polygon
    const holes = poly.slice(1).map((ring) => cleanRing(roundRing(ring)))
    out.push([outer, ...holes.filter((ring): ring is Position[] => ring !== undefined)])
  }
  return out
}

function roundRing(ring: readonly Position[]): Position[] {
  return ring.map((p) => [round6(p[0] as number), round6(p[1] as number)])
}

/** Removes repeated points and a → b → a spikes; undefined when nothing with area is left. */
function cleanRing(closed: readonly Position[]): Position[] | undefined {
  const pts = closed.slice(0, -1)
  let i = 0
  while (pts.length >= 3 && i < pts.length) {
    const n = pts.length
    const prev = pts[(i - 1 + n) % n]
    const cur = pts[i]
    const next = pts[(i + 1) % n]
    if (samePoint(cur, next)) {
      pts.splice(i, 1)
      i = Math.max(0, i - 1)
    } else if (samePoint(prev, next)) {
      // cur is the tip of a spike; drop it and the repeated point after it
      pts.splice(i, 1)
      pts.splice(i % pts.length, 1)
      i = Math.max(0, i - 2)
    } else {
      i++
    }
  }
  if (pts.length < 3 || ringArea(pts) === 0) return undefined
  return [...pts, pts[0] as Position]
}

function samePoint(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1]
}

function ringArea(ring: readonly Position[]): number {
  let a = 0
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as Position
    const q = ring[(i + 1) % ring.length] as Position
    a += (p[0] as number) * (q[1] as number) - (q[0] as number) * (p[1] as number)
  }
  return a / 2
}

/** Geodesic area in km². */
export function areaKm2(polys: MultiRings): number {
  return polys.length === 0 ? 0 : area(multiPolygon(polys)) / 1e6
}

/** Throws unless every polygon is non-empty, closed, and free of self-intersections. */
export function assertValidPolygons(polys: MultiRings, what: string): void {
  if (polys.length === 0) throw new Error(`${what}: empty geometry`)
  for (const poly of polys) {
    for (const ring of poly) {
      if (ring.length < 4) throw new Error(`${what}: a ring has fewer than 4 positions`)
      if (!samePoint(ring[0], ring[ring.length - 1])) throw new Error(`${what}: an open ring`)
    }
    const found = kinks(polygon(poly)).features.length
    if (found > 0) throw new Error(`${what}: ${found} self-intersections`)
    if (area(polygon(poly)) <= 0) throw new Error(`${what}: zero area`)
  }
}
