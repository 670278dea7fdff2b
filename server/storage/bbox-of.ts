// Bounding box of a GeoJSON geometry, the key every spatial index stores. Pure.
import type { Bbox } from '../ogc/feature-query.ts'
import type { GeoJsonGeometry } from './store.ts'

/** [west, south, east, north] of all positions, or undefined for an empty or missing geometry. */
export function bboxOf(geometry: GeoJsonGeometry | null | undefined): Bbox | undefined {
  if (!geometry) return undefined
  const box = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (coords: unknown): void => {
    if (!Array.isArray(coords)) return
    if (typeof coords[0] === 'number') {
      const [x, y] = coords as number[]
      if (!Number.isFinite(x) || !Number.isFinite(y)) return
      box[0] = Math.min(box[0] as number, x as number)
      box[1] = Math.min(box[1] as number, y as number)
      box[2] = Math.max(box[2] as number, x as number)
      box[3] = Math.max(box[3] as number, y as number)
      return
    }
    for (const c of coords) visit(c)
  }
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries ?? []) {
      const inner = bboxOf(g)
      if (inner) visit([inner.slice(0, 2), inner.slice(2)])
    }
  } else {
    visit(geometry.coordinates)
  }
  return (box[0] as number) <= (box[2] as number) ? (box as unknown as Bbox) : undefined
}
