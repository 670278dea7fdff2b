// Merge grids that border each other into one grid.
import { sharedBorderM } from './grid-borders.ts'
import { dissolve, onePiece } from './grid-dissolve.ts'
import { borderM } from './grid-rings.ts'
import { GridEditError, type GridGeometry } from './grid-shape.ts'
import { invalidReason } from './grid-validity.ts'

/** Indices of `geometries` reachable from the first through shared borders longer than 1 m. */
function connectedFromFirst(geometries: GridGeometry[]): Set<number> {
  const seen = new Set<number>([0])
  const queue = [0]
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    const here = geometries[at]
    if (!here) continue
    geometries.forEach((other, i) => {
      if (!seen.has(i) && sharedBorderM(here, other) > borderM) {
        seen.add(i)
        queue.push(i)
      }
    })
  }
  return seen
}

/** Merge grids that form one connected piece (shared borders longer than 1 m; corners don't count). */
export function mergeGeometries(geometries: GridGeometry[]): GridGeometry {
  if (geometries.length < 2) {
    throw new GridEditError('too-few', '合并至少需要选择两个网格')
  }
  for (const geometry of geometries) {
    const reason = invalidReason(geometry)
    if (reason) throw new GridEditError('invalid-geometry', `有网格边界无效（${reason}），无法合并`)
  }
  if (connectedFromFirst(geometries).size < geometries.length) {
    throw new GridEditError(
      'not-adjacent',
      '所选网格没有连成一片（只在角上相接不算相邻）：请只选择边界相连的网格',
    )
  }
  const merged = dissolve(geometries)
  if (!merged) throw new GridEditError('invalid-geometry', '合并结果为空，请检查所选网格')
  if (!onePiece(merged)) {
    throw new GridEditError(
      'invalid-geometry',
      '合并结果没有连成一个面（相邻边界未能对齐）：请先检查这些网格的边界',
    )
  }
  return merged
}
