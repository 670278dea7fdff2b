// Redrawing a grid's boundary: the neighbours it takes from or gives to change with it (all keep
// their codes), and check points and issues move to the grid that now contains them.

import { InvalidInput } from '../domain/errors.ts'
import { reshapeGeometry } from '../domain/grid-reshape.ts'
import type { GridGeometry } from '../domain/grid-shape.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import type { User } from '../domain/roles.ts'
import type { GridChangePlan } from '../storage/grid-store.ts'
import type { Store } from '../storage/store.ts'
import {
  assertTiles,
  attempt,
  type GeometryEditResult,
  gridsOfTownship,
  shapeOf,
  withShape,
} from './geometry-edit-steps.ts'
import { type Change, changeGrids } from './grid-change.ts'
import { assertGridAdmin, assertInScope } from './grid-edit-scope.ts'
import { reattribute } from './grid-reattribution.ts'

export async function reshapeGrid(
  store: Store,
  user: User,
  input: { gridCode: string; geometry: GridGeometry; gridsVersion?: number },
  now: Date,
): Promise<Change<GeometryEditResult>> {
  assertGridAdmin(user)
  return changeGrids(store, user, now, input.gridsVersion, (view, at) => {
    const grid = view.grids().find((g) => g.id === input.gridCode)
    if (!grid) throw new RecordNotFound(`没有编码为 ${input.gridCode} 的网格`)
    assertInScope(user, [grid])
    const townshipCode = grid.properties.townshipCode
    const townshipGeometry = view.township(townshipCode) as GridGeometry | undefined
    if (!townshipGeometry) {
      throw new InvalidInput([
        { field: 'geometry', message: `找不到乡镇 ${townshipCode} 的边界，无法重绘` },
      ])
    }
    const township = gridsOfTownship(view, townshipCode)
    const byCode = new Map(township.map((g) => [g.id, g]))
    const others = township.filter((g) => g.id !== grid.id).map(shapeOf)
    const shapes = attempt('geometry', () =>
      reshapeGeometry(shapeOf(grid), input.geometry, others, townshipGeometry),
    )
    // the neighbours the new boundary changes must be the caller's too
    const touched = shapes.map((s) => byCode.get(s.code)).filter((g) => g !== undefined)
    assertInScope(user, touched)
    const changedCodes = new Set(shapes.map((s) => s.code))
    assertTiles(view, townshipCode, changedCodes, shapes, 'geometry')

    const upsertGrids = touched.map((g) => {
      const geometry = shapes.find((s) => s.code === g.id)?.geometry as GridGeometry
      return withShape(g, g.id, geometry, g.properties.name)
    })
    const plan: GridChangePlan = {
      upsertGrids,
      events: [
        {
          action: 'reshape',
          gridCodes: upsertGrids.map((g) => g.id),
          changes: {
            areaKm2: Object.fromEntries(
              upsertGrids.map((g) => [
                g.id,
                [byCode.get(g.id)?.properties.areaKm2, g.properties.areaKm2],
              ]),
            ),
          },
        },
      ],
    }
    const reattributed = reattribute(view, user, at, [...changedCodes], shapes, plan)
    return {
      plan,
      value: { retired: [], created: [], changed: [...changedCodes], reattributed },
    }
  })
}
