// Dissolve grids into one: merging and reshaping both join grids along their shared borders.
import type { Position } from 'geojson'
import { bboxOf, clean, polygonsOf, solidPolygons, toPolygon, unionOf } from './grid-rings.ts'
import type { GridGeometry } from './grid-shape.ts'

const onEdgeDeg = 1e-9 // ≈ 0.1 mm: a vertex this close to another grid's edge lies on it

/**
 * `geometry` with the vertices of `others` that lie on its edges inserted into those edges. Clipping
 * leaves a split point a rounding error off the neighbour's edge, and polyclip then fails to see
 * the shared border; with the vertex in both rings the border is exact again.
 */
function nodeAgainst(geometry: GridGeometry, others: GridGeometry[]): GridGeometry {
  const box = bboxOf(geometry)
  const vertices: Position[] = []
  for (const other of others) {
    for (const rings of polygonsOf(other)) {
      for (const ring of rings) {
        for (const v of ring) {
          const [lng = 0, lat = 0] = v
          if (lng >= box[0] - onEdgeDeg && lng <= box[2] + onEdgeDeg) {
            if (lat >= box[1] - onEdgeDeg && lat <= box[3] + onEdgeDeg) vertices.push(v)
          }
        }
      }
    }
  }
  if (vertices.length === 0) return geometry
  const noded = polygonsOf(geometry).map((rings) =>
    rings.map((ring) => {
      const out: Position[] = []
      for (let i = 1; i < ring.length; i++) {
        const p = ring[i - 1] as Position
        const q = ring[i] as Position
        out.push(p)
        const [px = 0, py = 0] = p
        const dx = (q[0] ?? 0) - px
        const dy = (q[1] ?? 0) - py
        const lengthSq = dx * dx + dy * dy
        if (lengthSq === 0) continue
        const length = Math.sqrt(lengthSq)
        const inserts: [number, Position][] = []
        for (const v of vertices) {
          const [vx = 0, vy = 0] = v
          const t = ((vx - px) * dx + (vy - py) * dy) / lengthSq
          if (t <= 0 || t >= 1) continue
          if (Math.abs((vx - px) * dy - (vy - py) * dx) / length > onEdgeDeg) continue
          if ((vx === px && vy === py) || (vx === q[0] && vy === q[1])) continue
          inserts.push([t, [vx, vy]])
        }
        inserts.sort((a, b) => a[0] - b[0])
        for (const [, v] of inserts) {
          const last = out[out.length - 1]
          if (!last || last[0] !== v[0] || last[1] !== v[1]) out.push(v)
        }
      }
      out.push(ring[ring.length - 1] as Position)
      return out
    }),
  )
  return geometry.type === 'Polygon'
    ? toPolygon(noded[0] ?? [])
    : { type: 'MultiPolygon', coordinates: noded }
}

export const onePiece = (geometry: GridGeometry | null) => solidPolygons(geometry).length === 1

/** Union of grids that share borders, noded first so the shared borders dissolve. */
export function dissolve(geometries: GridGeometry[]): GridGeometry | null {
  const noded = geometries.map((g, i) =>
    nodeAgainst(
      g,
      geometries.filter((_, j) => j !== i),
    ),
  )
  return clean(unionOf(noded))
}
