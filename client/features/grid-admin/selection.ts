// Selecting grids: click, shift-click and the polygons drawn by box and lasso. Pure.
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf'
import type { Feature, Polygon, Position } from 'geojson'
import type { GridGeometry } from './api.ts'

/** A click replaces the selection; shift-click adds the grid, or removes it when already in. */
export function clickSelection(selected: readonly string[], code: string, additive: boolean) {
  if (!additive) return selected.length === 1 && selected[0] === code ? [] : [code]
  return selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code]
}

/** Box or lasso: with shift the grids join the selection, otherwise they replace it. */
export function mergeSelection(
  selected: readonly string[],
  found: readonly string[],
  add: boolean,
) {
  if (!add) return [...found]
  const out = [...selected]
  for (const code of found) if (!out.includes(code)) out.push(code)
  return out
}

/** A point surely inside each grid (its centroid may fall outside an L-shaped grid). */
export function anchorPoints(
  shapes: readonly { code: string; geometry: GridGeometry }[],
): Map<string, Position> {
  const out = new Map<string, Position>()
  for (const { code, geometry } of shapes) {
    const feature: Feature<GridGeometry> = { type: 'Feature', properties: {}, geometry }
    out.set(code, pointOnFeature(feature).geometry.coordinates)
  }
  return out
}

/** Grids whose anchor point lies inside the drawn polygon, in code order. */
export function gridsInside(anchors: ReadonlyMap<string, Position>, drawn: Polygon): string[] {
  const ring = drawn.coordinates[0]
  if (!ring || ring.length < 4) return []
  const found: string[] = []
  for (const [code, point] of anchors) if (booleanPointInPolygon(point, drawn)) found.push(code)
  return found.sort()
}
