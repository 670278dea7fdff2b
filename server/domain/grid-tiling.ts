// Check that the grids of a township tile it: no invalid or empty grid, no overlap, no gap, nothing
// outside.
import { areaM2, type Bbox, bboxesTouch, bboxOf, clip, sliverM2, unionOf } from './grid-rings.ts'
import type { GridGeometry, GridShape } from './grid-shape.ts'
import { invalidReason } from './grid-validity.ts'

export interface TilingProblem {
  kind: 'invalid' | 'overlap' | 'gap' | 'outside' | 'empty'
  codes: string[]
  areaM2?: number
  message: string
}

const m2 = (value: number) => Math.round(value)

/** Whether `grids` tile `township`: valid polygons, pairwise overlap ≤ toleranceM2, gap ≤ toleranceM2, nothing outside. */
export function validateTiling(
  township: GridGeometry,
  grids: GridShape[],
  toleranceM2 = 1,
): TilingProblem[] {
  const problems: TilingProblem[] = []
  const townshipBox = bboxOf(township)
  const lat = (townshipBox[1] + townshipBox[3]) / 2 // one scale for every area compared below
  const usable: { code: string; geometry: GridGeometry; box: Bbox }[] = []
  for (const grid of grids) {
    const reason = invalidReason(grid.geometry)
    if (reason) {
      problems.push({
        kind: 'invalid',
        codes: [grid.code],
        message: `网格 ${grid.code} 的边界无效：${reason}`,
      })
      continue
    }
    const size = areaM2(grid.geometry, lat)
    if (size < sliverM2) {
      problems.push({
        kind: 'empty',
        codes: [grid.code],
        areaM2: size,
        message: `网格 ${grid.code} 的面积不足 1 平方米`,
      })
      continue
    }
    usable.push({ ...grid, box: bboxOf(grid.geometry) })
  }
  const all = unionOf(usable.map((grid) => grid.geometry))
  const unionM2 = areaM2(all, lat)
  // areas add up only where nothing overlaps: look for the overlapping pairs only when they don't
  const overlapTotal = usable.reduce((sum, grid) => sum + areaM2(grid.geometry, lat), 0) - unionM2
  for (let i = 0; overlapTotal > toleranceM2 && i < usable.length; i++) {
    const a = usable[i]
    if (!a) continue
    for (let j = i + 1; j < usable.length; j++) {
      const b = usable[j]
      if (!b || !bboxesTouch(a.box, b.box)) continue
      const overlap = areaM2(clip('intersect', a.geometry, b.geometry), lat)
      if (overlap > toleranceM2) {
        problems.push({
          kind: 'overlap',
          codes: [a.code, b.code],
          areaM2: m2(overlap),
          message: `网格 ${a.code} 与 ${b.code} 重叠约 ${m2(overlap)} 平方米`,
        })
      }
    }
  }
  // gap = township − covered, outside = grids − covered: one clip instead of two differences
  const coveredM2 = areaM2(clip('intersect', township, all), lat)
  const gap = areaM2(township, lat) - coveredM2
  if (gap > toleranceM2) {
    problems.push({
      kind: 'gap',
      codes: [],
      areaM2: m2(gap),
      message: `乡镇内有约 ${m2(gap)} 平方米不属于任何网格`,
    })
  }
  const outside = unionM2 - coveredM2
  if (outside > toleranceM2) {
    // only now look for which grids stick out
    const codes = usable
      .filter((grid) => areaM2(clip('difference', grid.geometry, township), lat) > toleranceM2)
      .map((grid) => grid.code)
    problems.push({
      kind: 'outside',
      codes,
      areaM2: m2(outside),
      message: `网格${codes.length ? ` ${codes.join('、')} ` : ''}超出乡镇边界约 ${m2(outside)} 平方米`,
    })
  }
  return problems
}
