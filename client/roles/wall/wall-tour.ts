// Tour mode: the townships in code order, each with its bounding box, and the cycle through them.
// Pure.
import type { Geometry, Position } from 'geojson'

export type BBox = [west: number, south: number, east: number, north: number]

export interface TourStop {
  code: string
  name: string
  bbox: BBox
}

interface TownshipLike {
  geometry: Geometry | null
  properties: { code?: unknown; name?: unknown } | null
}

/** One stop per township with an area, by code; a township without geometry is skipped. */
export function tourStops(townships: readonly TownshipLike[] | undefined): TourStop[] {
  const stops: TourStop[] = []
  for (const f of townships ?? []) {
    const code = f.properties?.code
    const bbox = geometryBBox(f.geometry)
    if (typeof code !== 'string' && typeof code !== 'number') continue
    if (!bbox) continue
    stops.push({ code: String(code), name: String(f.properties?.name ?? code), bbox })
  }
  return stops.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}

export function geometryBBox(geometry: Geometry | null): BBox | undefined {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  const visit = (p: Position) => {
    const [x = Number.NaN, y = Number.NaN] = p
    if (!Number.isFinite(x) || !Number.isFinite(y)) return
    w = Math.min(w, x)
    s = Math.min(s, y)
    e = Math.max(e, x)
    n = Math.max(n, y)
  }
  const walk = (g: Geometry | null) => {
    if (!g) return
    switch (g.type) {
      case 'Point':
        visit(g.coordinates)
        break
      case 'MultiPoint':
      case 'LineString':
        g.coordinates.forEach(visit)
        break
      case 'MultiLineString':
      case 'Polygon':
        for (const ring of g.coordinates) ring.forEach(visit)
        break
      case 'MultiPolygon':
        for (const polygon of g.coordinates) for (const ring of polygon) ring.forEach(visit)
        break
      case 'GeometryCollection':
        g.geometries.forEach(walk)
        break
    }
  }
  walk(geometry)
  return Number.isFinite(w) ? [w, s, e, n] : undefined
}

/** Where a tour starts: the township asked for, else the first. */
export function tourStart(stops: readonly TourStop[], township: string | undefined): number {
  const i = township ? stops.findIndex((s) => s.code === township) : -1
  return i >= 0 ? i : 0
}

/** The stop after `index`, wrapping round. */
export function nextStop(index: number, count: number): number {
  if (count <= 0) return 0
  return (((index + 1) % count) + count) % count
}
