// Who may make a grid edit: grid_admin roles only, and a grid manager (网格长) only within the
// grids they are given and the townships those grids lie in.

import { Forbidden } from '../domain/errors.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { townshipUnitCode } from '../domain/units.ts'
import type { GridFeatureRecord, GridManagerRecord, GridView } from '../storage/grid-store.ts'
import type { UnitRecord } from '../storage/ledger-store.ts'

/** Only grid_admin roles write here; the display token and other roles get a 403. */
export function assertGridAdmin(user: User): void {
  if (!hasPermission(user, 'grid_admin')) {
    throw new Forbidden('只有网格长和管理员可以调整网格、网格长和责任单位')
  }
}

export function assertInScope(user: User, grids: readonly GridFeatureRecord[]): void {
  if (user.role !== 'grid-manager') return
  for (const grid of grids) {
    if (!user.gridCodes?.includes(grid.id)) {
      throw new Forbidden(
        `网格 ${grid.id}（${grid.properties.name}）不在您负责的范围内，不能调整；请联系管理员`,
      )
    }
  }
}

/** The townships a grid manager works in: those of the grids they are given. */
function townshipsOf(user: User, view: GridView): Set<string> {
  const mine = new Set(user.gridCodes ?? [])
  return new Set(
    view
      .grids()
      .filter((g) => mine.has(g.id))
      .map((g) => g.properties.townshipCode),
  )
}

/** Grid managers change only their own townships' governments; county departments: admins only. */
export function assertUnitInScope(user: User, view: GridView, unit: UnitRecord): void {
  if (user.role !== 'grid-manager') return
  const own = [...townshipsOf(user, view)].map(townshipUnitCode)
  if (unit.kind !== 'township' || !own.includes(unit.code)) {
    throw new Forbidden(
      `责任单位「${unit.name}」不属于您负责的乡镇，不能修改；县级部门和其他乡镇的单位请联系管理员`,
    )
  }
}

/** A manager is in a grid manager's scope when every grid they hold lies in the caller's townships. */
export function assertManagerInScope(user: User, view: GridView, manager: GridManagerRecord): void {
  if (user.role !== 'grid-manager') return
  const own = townshipsOf(user, view)
  const outside = view
    .grids()
    .filter((g) => g.properties.managerId === manager.id && !own.has(g.properties.townshipCode))
  if (outside.length > 0) {
    throw new Forbidden(
      `网格长 ${manager.name} 负责其他乡镇的 ${outside.length} 个网格，不在您的范围内，不能修改；请联系管理员`,
    )
  }
}
