// Which grids are neighbours: they share a border longer than 1 m.
import { sharedBorderM } from './grid-borders.ts'
import { bboxesTouch, bboxOf, borderM } from './grid-rings.ts'
import type { GridShape } from './grid-shape.ts'

/** Grid code → codes of the grids that share a border longer than 1 m with it (a corner is not a border). */
export function gridAdjacency(grids: GridShape[]): Map<string, string[]> {
  const boxes = grids.map((grid) => bboxOf(grid.geometry))
  const adjacency = new Map<string, string[]>(grids.map((grid) => [grid.code, []]))
  // sweep over west edges so only grids whose boxes overlap in lng are compared
  const order = grids.map((_, i) => i).sort((i, j) => (boxes[i]?.[0] ?? 0) - (boxes[j]?.[0] ?? 0))
  const pad = 1e-6
  for (let oi = 0; oi < order.length; oi++) {
    const i = order[oi] ?? 0
    const a = grids[i]
    const boxA = boxes[i]
    if (!a || !boxA) continue
    for (let oj = oi + 1; oj < order.length; oj++) {
      const j = order[oj] ?? 0
      const b = grids[j]
      const boxB = boxes[j]
      if (!b || !boxB) continue
      if (boxB[0] > boxA[2] + pad) break
      if (!bboxesTouch(boxA, boxB, pad)) continue
      if (sharedBorderM(a.geometry, b.geometry) > borderM) {
        adjacency.get(a.code)?.push(b.code)
        adjacency.get(b.code)?.push(a.code)
      }
    }
  }
  for (const codes of adjacency.values()) codes.sort()
  return adjacency
}
