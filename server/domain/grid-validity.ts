// Whether a geometry is a valid grid polygon (closed rings, finite coordinates, no self-crossing),
// and whether a drawn path crosses itself.
import { booleanValid } from '@turf/turf'
import type { Position } from 'geojson'
import { feature, polygonsOf } from './grid-rings.ts'
import type { GridGeometry } from './grid-shape.ts'

/** Whether segments p1p2 and p3p4 intersect or touch (closed segments). */
function segmentsMeet(p1: Position, p2: Position, p3: Position, p4: Position): boolean {
  const orient = (a: Position, b: Position, c: Position) =>
    ((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) -
    ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0))
  const within = (a: Position, b: Position, c: Position) =>
    Math.min(a[0] ?? 0, b[0] ?? 0) <= (c[0] ?? 0) &&
    (c[0] ?? 0) <= Math.max(a[0] ?? 0, b[0] ?? 0) &&
    Math.min(a[1] ?? 0, b[1] ?? 0) <= (c[1] ?? 0) &&
    (c[1] ?? 0) <= Math.max(a[1] ?? 0, b[1] ?? 0)
  const d1 = orient(p3, p4, p1)
  const d2 = orient(p3, p4, p2)
  const d3 = orient(p1, p2, p3)
  const d4 = orient(p1, p2, p4)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true
  }
  return (
    (d1 === 0 && within(p3, p4, p1)) ||
    (d2 === 0 && within(p3, p4, p2)) ||
    (d3 === 0 && within(p1, p2, p3)) ||
    (d4 === 0 && within(p1, p2, p4))
  )
}

/** Whether an open path or a closed ring crosses or touches itself (neighbouring segments may share their vertex). */
export function crossesItself(points: Position[], closed: boolean): boolean {
  const n = points.length - 1 // segments
  for (let i = 0; i < n; i++) {
    const a1 = points[i]
    const a2 = points[i + 1]
    if (!a1 || !a2) continue
    for (let j = i + 1; j < n; j++) {
      const b1 = points[j]
      const b2 = points[j + 1]
      if (!b1 || !b2) continue
      const neighbours = j === i + 1 || (closed && i === 0 && j === n - 1)
      if (neighbours) {
        // sharing a vertex is fine; folding back along the other segment is a spike
        const shared = j === i + 1 ? a2 : a1
        const aFar = j === i + 1 ? a1 : a2
        const bFar = j === i + 1 ? b2 : b1
        if (isBetween(shared, aFar, bFar) || isBetween(shared, bFar, aFar)) return true
        continue
      }
      if (segmentsMeet(a1, a2, b1, b2)) return true
    }
  }
  return false
}

/** Whether c lies on segment a–b. */
function isBetween(a: Position, b: Position, c: Position): boolean {
  const cross =
    ((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) -
    ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0))
  if (cross !== 0) return false
  const dot =
    ((c[0] ?? 0) - (a[0] ?? 0)) * ((b[0] ?? 0) - (a[0] ?? 0)) +
    ((c[1] ?? 0) - (a[1] ?? 0)) * ((b[1] ?? 0) - (a[1] ?? 0))
  const lengthSq = ((b[0] ?? 0) - (a[0] ?? 0)) ** 2 + ((b[1] ?? 0) - (a[1] ?? 0)) ** 2
  return dot > 0 && dot <= lengthSq
}

/** Why a geometry is not a valid grid polygon, or null when it is. */
export function invalidReason(geometry: GridGeometry): string | null {
  const polygons = polygonsOf(geometry)
  if (polygons.length === 0) return '没有任何面'
  for (const rings of polygons) {
    for (const ring of rings) {
      const first = ring[0]
      const last = ring[ring.length - 1]
      if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
        return '边界没有闭合或顶点太少'
      }
      if (ring.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) return '坐标不是数字'
      if (crossesItself(ring, true)) return '边界自相交'
    }
  }
  if (!booleanValid(feature(geometry))) return '边界自相交或内外环交叉'
  return null
}
