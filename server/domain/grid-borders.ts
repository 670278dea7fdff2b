// Shared borders in metres on a local equirectangular projection, which is exact enough for grids
// of a few km²: how long the border of two grids is decides whether they are neighbours.

import { type Bbox, bboxesTouch, bboxOf, polygonsOf } from './grid-rings.ts'
import type { GridGeometry } from './grid-shape.ts'

const onLineM = 0.05 // how far a vertex may sit off a shared edge (coordinates carry ~0.1 m)

export interface Projection {
  x: (lng: number) => number
  y: (lat: number) => number
}

export function projectionAt(lat: number): Projection {
  const mPerDegLat = 110_574
  const mPerDegLng = 111_320 * Math.cos((lat * Math.PI) / 180)
  return { x: (lng) => lng * mPerDegLng, y: (lat) => lat * mPerDegLat }
}

/** Segments [x1, y1, x2, y2] of every ring, in metres. */
export function segmentsOf(geometry: GridGeometry, p: Projection, within?: Bbox): number[][] {
  const segments: number[][] = []
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [lng1 = 0, lat1 = 0] = ring[i - 1] ?? []
        const [lng2 = 0, lat2 = 0] = ring[i] ?? []
        if (
          within &&
          (Math.max(lng1, lng2) < within[0] ||
            Math.min(lng1, lng2) > within[2] ||
            Math.max(lat1, lat2) < within[1] ||
            Math.min(lat1, lat2) > within[3])
        ) {
          continue
        }
        segments.push([p.x(lng1), p.y(lat1), p.x(lng2), p.y(lat2)])
      }
    }
  }
  return segments
}

/** Length in metres of the collinear overlap of two segments (0 unless they lie on one line). */
function overlapM(a: number[], b: number[]): number {
  const [ax1 = 0, ay1 = 0, ax2 = 0, ay2 = 0] = a
  const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = b
  const dx = ax2 - ax1
  const dy = ay2 - ay1
  const length = Math.hypot(dx, dy)
  if (length === 0) return 0
  const ux = dx / length
  const uy = dy / length
  const off1 = Math.abs((bx1 - ax1) * uy - (by1 - ay1) * ux)
  const off2 = Math.abs((bx2 - ax1) * uy - (by2 - ay1) * ux)
  if (off1 > onLineM || off2 > onLineM) return 0
  const t1 = (bx1 - ax1) * ux + (by1 - ay1) * uy
  const t2 = (bx2 - ax1) * ux + (by2 - ay1) * uy
  return Math.max(0, Math.min(length, Math.max(t1, t2)) - Math.max(0, Math.min(t1, t2)))
}

/** Length in metres of the border two polygons share; a corner touch is 0. */
export function sharedBorderM(a: GridGeometry, b: GridGeometry): number {
  const boxA = bboxOf(a)
  const boxB = bboxOf(b)
  const pad = 1e-6
  if (!bboxesTouch(boxA, boxB, pad)) return 0
  const common: Bbox = [
    Math.max(boxA[0], boxB[0]) - pad,
    Math.max(boxA[1], boxB[1]) - pad,
    Math.min(boxA[2], boxB[2]) + pad,
    Math.min(boxA[3], boxB[3]) + pad,
  ]
  const p = projectionAt((common[1] + common[3]) / 2)
  const segsA = segmentsOf(a, p, common)
  const segsB = segmentsOf(b, p, common)
  let total = 0
  for (const sa of segsA) {
    const [ax1 = 0, ay1 = 0, ax2 = 0, ay2 = 0] = sa
    const minX = Math.min(ax1, ax2) - onLineM
    const maxX = Math.max(ax1, ax2) + onLineM
    const minY = Math.min(ay1, ay2) - onLineM
    const maxY = Math.max(ay1, ay2) + onLineM
    for (const sb of segsB) {
      const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = sb
      if (Math.max(bx1, bx2) < minX || Math.min(bx1, bx2) > maxX) continue
      if (Math.max(by1, by2) < minY || Math.min(by1, by2) > maxY) continue
      total += overlapM(sa, sb)
    }
  }
  return total
}
