// Adding and changing responsible units (责任单位): name and whether they are active.

import { Forbidden, InvalidInput } from '../domain/errors.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { mayCreateUnit, type User } from '../domain/roles.ts'
import type { Unit } from '../domain/units.ts'
import type { GridChangePlan } from '../storage/grid-store.ts'
import type { UnitRecord } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'
import { type Change, changeGrids, diff } from './grid-change.ts'
import { assertGridAdmin, assertUnitInScope } from './grid-edit-scope.ts'

export async function createUnit(
  store: Store,
  user: User,
  input: { name: string; kind: Unit['kind']; code?: string },
  now: Date,
): Promise<Change<UnitRecord>> {
  assertGridAdmin(user)
  // a new unit is county-wide (it belongs to no township until grids are given to it)
  if (!mayCreateUnit(user)) {
    throw new Forbidden('网格长不能新增责任单位：新单位属于全县范围，请联系管理员')
  }
  return changeGrids(store, user, now, undefined, (view) => {
    const units = view.units()
    if (units.some((u) => u.name === input.name)) {
      throw new InvalidInput([{ field: 'name', message: `已有名为「${input.name}」的责任单位` }])
    }
    let code = input.code
    if (code !== undefined && units.some((u) => u.code === code)) {
      throw new InvalidInput([{ field: 'code', message: `代码 ${code} 已被占用` }])
    }
    if (code === undefined) {
      const n = Math.max(0, ...units.map((u) => Number(/^unit-(\d+)$/.exec(u.code)?.[1] ?? 0))) + 1
      code = `unit-${String(n).padStart(3, '0')}`
    }
    const unit: UnitRecord = { code, name: input.name, kind: input.kind, active: true }
    return {
      plan: {
        units: [unit],
        events: [
          {
            action: 'unit-create',
            gridCodes: [],
            changes: { code, name: unit.name, kind: unit.kind },
          },
        ],
      },
      value: unit,
    }
  })
}

export async function updateUnit(
  store: Store,
  user: User,
  code: string,
  input: { name?: string; active?: boolean },
  now: Date,
): Promise<Change<UnitRecord>> {
  assertGridAdmin(user)
  return changeGrids(store, user, now, undefined, (view) => {
    const units = view.units()
    const old = units.find((u) => u.code === code)
    if (!old) throw new RecordNotFound(`没有代码为 ${code} 的责任单位`)
    assertUnitInScope(user, view, old)
    if (input.name !== undefined && units.some((u) => u.code !== code && u.name === input.name)) {
      throw new InvalidInput([{ field: 'name', message: `已有名为「${input.name}」的责任单位` }])
    }
    const next: UnitRecord = {
      ...old,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    }
    const changes = diff(old, next, ['name', 'active'])
    const plan: GridChangePlan = { units: [next], events: [] }
    if (Object.keys(changes).length > 0) {
      const grids = view.grids().filter((g) => g.properties.responsibleUnit === code)
      plan.events.push({
        action: 'unit-update',
        gridCodes: grids.map((g) => g.id),
        changes: { code, ...changes },
      })
    }
    return { plan, value: next }
  })
}
