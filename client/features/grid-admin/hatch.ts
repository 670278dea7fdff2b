// Diagonal hatching clipped to a polygon, drawn over unassigned grids so they read as "nobody's"
// even in greyscale print. Pure: scanlines in a locally square frame (lng scaled by cos(lat)).
import type { Position } from 'geojson'
import type { GridGeometry } from './api.ts'

export type Segment = [Position, Position]

/**
 * 45° hatch lines `spacingDeg` (in latitude degrees) apart inside the geometry, holes respected
 * (even-odd rule).
 */
export function hatchSegments(geometry: GridGeometry, spacingDeg: number): Segment[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const out: Segment[] = []
  for (const rings of polygons) {
    const first = rings[0]?.[0]
    if (!first) continue
    const k = Math.cos(((first[1] ?? 0) * Math.PI) / 180) // lng degrees → square units
    // rotate by -45°: u = (x + y)/√2 is constant along a 45° line, v runs along it
    const toUv = ([lng = 0, lat = 0]: Position): [number, number] => {
      const x = lng * k
      return [(x + lat) / Math.SQRT2, (lat - x) / Math.SQRT2]
    }
    const fromUv = (u: number, v: number): Position => {
      const x = (u - v) / Math.SQRT2
      const lat = (u + v) / Math.SQRT2
      return [x / k, lat]
    }
    const edges: [number, number, number, number][] = []
    let uMin = Number.POSITIVE_INFINITY
    let uMax = Number.NEGATIVE_INFINITY
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [u1, v1] = toUv(ring[i] as Position)
        const [u2, v2] = toUv(ring[i + 1] as Position)
        edges.push([u1, v1, u2, v2])
        uMin = Math.min(uMin, u1, u2)
        uMax = Math.max(uMax, u1, u2)
      }
    }
    for (let u = Math.ceil(uMin / spacingDeg) * spacingDeg; u <= uMax; u += spacingDeg) {
      const vs: number[] = []
      for (const [u1, v1, u2, v2] of edges) {
        // half-open rule so a vertex on the scanline counts once
        if (u1 <= u !== u2 <= u) vs.push(v1 + ((u - u1) / (u2 - u1)) * (v2 - v1))
      }
      vs.sort((a, b) => a - b)
      for (let i = 0; i + 1 < vs.length; i += 2) {
        out.push([fromUv(u, vs[i] as number), fromUv(u, vs[i + 1] as number)])
      }
    }
  }
  return out
}
