// What the geometry edits (split, merge, reshape) share: their result, turning a failed geometry
// step into a 400, and the check that the township is still tiled after the edit.

import { InvalidInput } from '../domain/errors.ts'
import { areaKm2 } from '../domain/grid-rings.ts'
import { GridEditError, type GridGeometry, type GridShape } from '../domain/grid-shape.ts'
import { type TilingProblem, validateTiling } from '../domain/grid-tiling.ts'
import type { GridFeatureRecord, GridView } from '../storage/grid-store.ts'

export interface GeometryEditResult {
  retired: string[]
  created: string[]
  changed: string[]
  reattributed: { checkpoints: number; issues: number }
}

export const shapeOf = (g: GridFeatureRecord): GridShape => ({
  code: g.id,
  geometry: g.geometry as GridGeometry,
})

/**
 * Runs a geometry step, turning its GridEditError into a 400 on `field`. The clipping library can
 * also give up on degenerate input a client drew (its own errors): that is a 400 too, not a 500.
 */
export function attempt<T>(field: string, step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof GridEditError) throw new InvalidInput([{ field, message: error.message }])
    if (error instanceof InvalidInput) throw error
    throw new InvalidInput([
      { field, message: '无法计算这次修改的边界（图形过于复杂或有重叠的线）：请简化后重新绘制' },
    ])
  }
}

/**
 * The township still tiled once the `replaced` grids give way to the `added` shapes? Problems the
 * township already had before (slivers in the source data) are not the editor's doing, so only
 * new ones count.
 */
export function assertTiles(
  view: GridView,
  townshipCode: string,
  replaced: ReadonlySet<string>,
  added: readonly GridShape[],
  field: string,
): void {
  const township = view.township(townshipCode) as GridGeometry | undefined
  if (!township) {
    throw new InvalidInput([{ field, message: `找不到乡镇 ${townshipCode} 的边界，无法校验网格` }])
  }
  const before = gridsOfTownship(view, townshipCode).map(shapeOf)
  const after = [...before.filter((s) => !replaced.has(s.code)), ...added]
  const key = (p: TilingProblem) => `${p.kind}:${[...p.codes].sort().join(',')}`
  const known = new Set(validateTiling(township, before).map(key))
  const problems = attempt(field, () => validateTiling(township, after)).filter(
    (p) => !known.has(key(p)),
  )
  if (problems.length > 0) {
    throw new InvalidInput(
      problems.map((p) => ({ field, message: `${p.message}；此次修改未保存，请调整后重试` })),
    )
  }
}

export function gridsOfTownship(view: GridView, townshipCode: string): GridFeatureRecord[] {
  return view.grids().filter((g) => g.properties.townshipCode === townshipCode)
}

/** The grid with a new code, shape and name; the rest of its attributes carry over. */
export function withShape(
  grid: GridFeatureRecord,
  code: string,
  geometry: GridGeometry,
  name: string,
) {
  return {
    id: code,
    geometry,
    properties: { ...grid.properties, gridCode: code, name, areaKm2: areaKm2(geometry) },
  }
}
