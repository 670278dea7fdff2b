// numberMatched for a bbox over a point collection without walking every match: the cells of
// feature_cells (migration 021) wholly inside the box are summed from their stored counts, and
// the R*Tree counts only the strips between those cells and the box's edges. For a 0.05° box the
// strips are under a sixth of its area, so a box of 10,000+ points costs one indexed sum.
import type { Prepare } from './feature-table.ts'

/** Side of a cell in R*Tree units (1e-7°): 0.002°, as in migration 021. */
export const cellUnits = 20_000
/** Added to R*Tree units before dividing, so cell numbers are never negative (migration 021). */
const cellOffset = 1_800_000_000

/** The cell number of an R*Tree coordinate (units of 1e-7°), as migrations 021 and 022 compute it. */
export function cellOf(units: number): number {
  return Math.floor((units + cellOffset) / cellUnits)
}

/** The same in SQL, of a `features f` column in degrees: the expression migration 022 indexes. */
export function cellSql(column: 'minx' | 'miny'): string {
  return `((CAST(round(f.${column} * 10000000) AS INTEGER) + 1800000000) / 20000)`
}

/** An inclusive box in R*Tree units: [w, s, e, n]. */
export type GridBox = readonly [number, number, number, number]

/** Whether feature_cells counts every feature with a geometry (only points are counted). */
export function cellsCoverCollection(
  prepare: Prepare,
  collectionId: string,
  withGeometry: number,
): boolean {
  const counted = prepare('SELECT n FROM feature_cell_totals WHERE collection = ?')
    .pluck()
    .get(collectionId) as number | undefined
  return (counted ?? 0) === withGeometry
}

/**
 * Points of the collection (R*Tree ordinal `ordinal`) inside `box`, exact up to `cap + 1`: with a
 * cap the answer may stop anywhere above it, as a capped SQL count does.
 */
export function countPointsInBox(
  prepare: Prepare,
  collectionId: string,
  ordinal: number,
  box: GridBox,
  cap?: number,
): number {
  const [w, s, e, n] = box
  const [cx0, cx1] = innerCells(w, e)
  const [cy0, cy1] = innerCells(s, n)
  const stopAfter = cap === undefined ? undefined : cap + 1
  if (cx0 > cx1 || cy0 > cy1) return countInRtree(prepare, ordinal, box, stopAfter)
  let total = prepare(
    `WITH RECURSIVE columns (cx) AS (SELECT ? UNION ALL SELECT cx + 1 FROM columns WHERE cx < ?)
     SELECT coalesce(sum(c.n), 0) FROM columns CROSS JOIN feature_cells c
     WHERE c.collection = ? AND c.cx = columns.cx AND c.cy BETWEEN ? AND ?`,
  )
    .pluck()
    .get(cx0, cx1, collectionId, cy0, cy1) as number
  // the cells cover units [x0, x1] × [y0, y1]; the strips are the rest of the box
  const [x0, x1] = [cx0 * cellUnits - cellOffset, (cx1 + 1) * cellUnits - 1 - cellOffset]
  const [y0, y1] = [cy0 * cellUnits - cellOffset, (cy1 + 1) * cellUnits - 1 - cellOffset]
  const strips: GridBox[] = [
    [w, s, x0 - 1, n],
    [x1 + 1, s, e, n],
    [x0, s, x1, y0 - 1],
    [x0, y1 + 1, x1, n],
  ]
  for (const strip of strips) {
    if (stopAfter !== undefined && total >= stopAfter) break
    if (strip[0] > strip[2] || strip[1] > strip[3]) continue
    total += countInRtree(
      prepare,
      ordinal,
      strip,
      stopAfter === undefined ? undefined : stopAfter - total,
    )
  }
  return total
}

/** The first and last cell lying wholly inside the inclusive unit range [from, to]. */
function innerCells(from: number, to: number): [number, number] {
  return [
    Math.ceil((from + cellOffset) / cellUnits),
    Math.floor((to + cellOffset + 1) / cellUnits) - 1,
  ]
}

/** Entries in the box, counting no further than `stopAfter`. */
function countInRtree(
  prepare: Prepare,
  ordinal: number,
  [w, s, e, n]: GridBox,
  stopAfter?: number,
) {
  return prepare(
    `SELECT count(*) FROM (SELECT 1 FROM features_rtree r
     WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND r.minc = ? AND r.maxc = ?
     LIMIT ?)`,
  )
    .pluck()
    .get(e, w, n, s, ordinal, ordinal, stopAfter ?? -1) as number
}
