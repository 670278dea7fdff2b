// Point → grid lookup with a bounding-box prefilter.
import type { Grid } from './grid-layer.ts'
import { containsPoint } from './grids.ts'
import { bboxOf } from './polygons.ts'

export type Locate = (p: readonly [number, number]) => Grid | undefined

export function createLocator(grids: readonly Grid[]): Locate {
  const boxes = grids.map((g) => ({ g, box: bboxOf(g.polygons) }))
  return (p) => {
    for (const { g, box } of boxes) {
      if (p[0] < box[0] || p[0] > box[2] || p[1] < box[1] || p[1] > box[3]) continue
      if (containsPoint(g.polygons, p)) return g
    }
    return undefined
  }
}
