// Exact "does this geometry intersect this box" for the bbox refine step: the R*Tree finds
// features whose envelope touches the box, this keeps those whose points, lines or areas do
// (OGC API Features /req/core/fc-bbox-response: "intersects", as GDAL -spat and ST_Intersects).
// Closed sets: touching an edge or a corner counts. Pure.
import type { Bbox } from '../ogc/feature-query.ts'
import type { GeoJsonGeometry } from './store.ts'

type Position = readonly number[]
type Ring = readonly Position[]

/** Whether the geometry and the box share at least one point; west > east crosses the antimeridian. */
export function intersectsBbox(geometry: GeoJsonGeometry | null | undefined, bbox: Bbox): boolean {
  if (!geometry) return true // no geometry matches every bbox, like the R*Tree query
  const [w, s, e, n] = bbox
  if (w > e) {
    return intersectsBbox(geometry, [w, s, 180, n]) || intersectsBbox(geometry, [-180, s, e, n])
  }
  const c = geometry.coordinates as unknown
  switch (geometry.type) {
    case 'Point':
      return pointIn(c as Position, bbox)
    case 'MultiPoint':
      return (c as Position[]).some((p) => pointIn(p, bbox))
    case 'LineString':
      return lineIntersects(c as Ring, bbox)
    case 'MultiLineString':
      return (c as Ring[]).some((line) => lineIntersects(line, bbox))
    case 'Polygon':
      return polygonIntersects(c as Ring[], bbox)
    case 'MultiPolygon':
      return (c as Ring[][]).some((polygon) => polygonIntersects(polygon, bbox))
    case 'GeometryCollection':
      return (geometry.geometries ?? []).some((g) => intersectsBbox(g, bbox))
    default:
      return false
  }
}

function pointIn(p: Position, [w, s, e, n]: Bbox): boolean {
  const x = p[0] as number
  const y = p[1] as number
  return x >= w && x <= e && y >= s && y <= n
}

function lineIntersects(line: Ring, bbox: Bbox): boolean {
  if (line.length === 1) return pointIn(line[0] as Position, bbox)
  for (let i = 1; i < line.length; i++) {
    if (segmentIntersects(line[i - 1] as Position, line[i] as Position, bbox)) return true
  }
  return false
}

// Liang–Barsky clipping of segment a→b against the closed box: some t in [0, 1] lies inside
function segmentIntersects(a: Position, b: Position, [w, s, e, n]: Bbox): boolean {
  const x0 = a[0] as number
  const y0 = a[1] as number
  const dx = (b[0] as number) - x0
  const dy = (b[1] as number) - y0
  let t0 = 0
  let t1 = 1
  // each edge: p·t <= q keeps the point on the inner side
  const edges: [number, number][] = [
    [-dx, x0 - w],
    [dx, e - x0],
    [-dy, y0 - s],
    [dy, n - y0],
  ]
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false // parallel to this edge and outside it
    } else {
      const t = q / p
      if (p < 0) {
        if (t > t1) return false
        if (t > t0) t0 = t
      } else {
        if (t < t0) return false
        if (t < t1) t1 = t
      }
    }
  }
  return t0 <= t1
}

// A polygon meets the box when a ring edge does, or when the box lies wholly inside the area
// (then its corner does, and no edge crosses it); a box inside a hole meets neither
function polygonIntersects(rings: readonly Ring[], bbox: Bbox): boolean {
  if (rings.some((ring) => lineIntersects(ring, bbox))) return true
  return containsPoint(rings, bbox[0], bbox[1])
}

// even–odd over every ring, so holes count as outside
function containsPoint(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = (ring[i] as Position)[0] as number
      const yi = (ring[i] as Position)[1] as number
      const xj = (ring[j] as Position)[0] as number
      const yj = (ring[j] as Position)[1] as number
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}
