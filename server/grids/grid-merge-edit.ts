// Merging adjacent grids of one township into a new grid: the inputs' codes retire, and their
// check points and issues all move to the merged grid.

import { type FieldError, InvalidInput } from '../domain/errors.ts'
import { allocateGridCodes } from '../domain/grid-codes.ts'
import { mergeGeometries } from '../domain/grid-merge.ts'
import { areaKm2 } from '../domain/grid-rings.ts'
import type { GridGeometry } from '../domain/grid-shape.ts'
import type { User } from '../domain/roles.ts'
import type { GridChangePlan, GridFeatureRecord } from '../storage/grid-store.ts'
import type { Store } from '../storage/store.ts'
import {
  assertTiles,
  attempt,
  type GeometryEditResult,
  shapeOf,
  withShape,
} from './geometry-edit-steps.ts'
import { type Change, changeGrids } from './grid-change.ts'
import { assertGridAdmin, assertInScope } from './grid-edit-scope.ts'
import { reattribute } from './grid-reattribution.ts'

export async function mergeGrids(
  store: Store,
  user: User,
  input: { gridCodes: string[]; gridsVersion?: number },
  now: Date,
): Promise<Change<GeometryEditResult>> {
  assertGridAdmin(user)
  return changeGrids(store, user, now, input.gridsVersion, (view, at) => {
    const all = new Map(view.grids().map((g) => [g.id, g]))
    const errors: FieldError[] = []
    const inputs: GridFeatureRecord[] = []
    input.gridCodes.forEach((code, i) => {
      const grid = all.get(code)
      if (!grid) errors.push({ field: `gridCodes.${i}`, message: `没有编码为 ${code} 的网格` })
      else if (inputs.includes(grid))
        errors.push({ field: `gridCodes.${i}`, message: `网格 ${code} 重复出现` })
      else inputs.push(grid)
    })
    if (errors.length > 0) throw new InvalidInput(errors)
    assertInScope(user, inputs)
    const townshipCode = inputs[0]?.properties.townshipCode as string
    if (inputs.some((g) => g.properties.townshipCode !== townshipCode)) {
      throw new InvalidInput([
        { field: 'gridCodes', message: '只能合并同一乡镇内相邻的网格：所选网格分属不同乡镇' },
      ])
    }
    const merged = attempt('gridCodes', () =>
      mergeGeometries(inputs.map((g) => g.geometry as GridGeometry)),
    )
    // the merged grid keeps the largest input's village, unit, manager and name
    const largest = [...inputs].sort(
      (a, b) =>
        areaKm2(b.geometry as GridGeometry) - areaKm2(a.geometry as GridGeometry) ||
        a.id.localeCompare(b.id),
    )[0] as GridFeatureRecord
    const [code] = attempt('gridCodes', () =>
      allocateGridCodes(
        largest.properties.villageCode,
        view.codes().map((c) => c.code),
        1,
      ),
    ) as [string]
    const grid = withShape(largest, code, merged, largest.properties.name)
    const inputCodes = inputs.map((g) => g.id)
    assertTiles(view, townshipCode, new Set(inputCodes), [shapeOf(grid)], 'gridCodes')

    const plan: GridChangePlan = {
      removeGrids: inputCodes,
      upsertGrids: [grid],
      newCodes: [{ code, parents: inputCodes }],
      retiredCodes: inputCodes.map((c) => ({ code: c, children: [code] })),
      userCodes: new Map(inputCodes.map((c) => [c, [code]])),
      events: [
        {
          action: 'merge',
          gridCodes: [...inputCodes, code],
          changes: { retired: inputCodes, created: [code], areaKm2: grid.properties.areaKm2 },
        },
      ],
    }
    const reattributed = reattribute(view, user, at, inputCodes, [shapeOf(grid)], plan, () => code)
    return { plan, value: { retired: inputCodes, created: [code], changed: [], reattributed } }
  })
}
