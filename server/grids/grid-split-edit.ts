// Splitting a grid along a drawn line: the grid's code retires, each piece gets a new code in the
// same village, and its check points and issues move to the piece that contains them.

import { InvalidInput } from '../domain/errors.ts'
import { allocateGridCodes } from '../domain/grid-codes.ts'
import type { GridGeometry } from '../domain/grid-shape.ts'
import { splitGeometry } from '../domain/grid-split.ts'
import type { User } from '../domain/roles.ts'
import type { GridChangePlan } from '../storage/grid-store.ts'
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

export async function splitGrid(
  store: Store,
  user: User,
  input: { gridCode: string; line: [number, number][]; gridsVersion?: number },
  now: Date,
): Promise<Change<GeometryEditResult>> {
  assertGridAdmin(user)
  return changeGrids(store, user, now, input.gridsVersion, (view, at) => {
    const grid = view.grids().find((g) => g.id === input.gridCode)
    if (!grid) {
      throw new InvalidInput([
        { field: 'gridCode', message: `没有编码为 ${input.gridCode} 的网格` },
      ])
    }
    assertInScope(user, [grid])
    const pieces = attempt('line', () => splitGeometry(grid.geometry as GridGeometry, input.line))
    const codes = attempt('line', () =>
      allocateGridCodes(
        grid.properties.villageCode,
        view.codes().map((c) => c.code),
        pieces.length,
      ),
    )
    const created = pieces.map((piece, i) =>
      withShape(grid, codes[i] as string, piece, `${grid.properties.name}-${i + 1}`),
    )
    const townshipCode = grid.properties.townshipCode
    assertTiles(view, townshipCode, new Set([grid.id]), created.map(shapeOf), 'line')

    const plan: GridChangePlan = {
      removeGrids: [grid.id],
      upsertGrids: created,
      newCodes: codes.map((code) => ({ code, parents: [grid.id] })),
      retiredCodes: [{ code: grid.id, children: codes }],
      userCodes: new Map([[grid.id, codes]]),
      events: [
        {
          action: 'split',
          gridCodes: [grid.id, ...codes],
          changes: {
            retired: [grid.id],
            created: codes,
            areaKm2: Object.fromEntries(created.map((c) => [c.id, c.properties.areaKm2])),
          },
        },
      ],
    }
    const reattributed = reattribute(view, user, at, [grid.id], created.map(shapeOf), plan)
    return { plan, value: { retired: [grid.id], created: codes, changed: [], reattributed } }
  })
}
