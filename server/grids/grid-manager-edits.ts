// Adding and changing grid managers (网格长): name, phone and whether they are active.

import { RecordNotFound } from '../domain/not-found.ts'
import type { User } from '../domain/roles.ts'
import type { GridChangePlan, GridManagerRecord } from '../storage/grid-store.ts'
import type { Store } from '../storage/store.ts'
import { type Change, changeGrids, diff } from './grid-change.ts'
import { assertGridAdmin, assertManagerInScope } from './grid-edit-scope.ts'

export async function createManager(
  store: Store,
  user: User,
  input: { name: string; phone?: string },
  now: Date,
): Promise<Change<GridManagerRecord>> {
  assertGridAdmin(user)
  return changeGrids(store, user, now, undefined, (view, at) => {
    const managers = view.managers()
    const n = Math.max(0, ...managers.map((m) => Number(/^gm-(\d+)$/.exec(m.id)?.[1] ?? 0))) + 1
    const manager: GridManagerRecord = {
      id: `gm-${String(n).padStart(4, '0')}`,
      name: input.name,
      phone: input.phone ?? null,
      active: true,
      createdAt: at,
    }
    return {
      plan: {
        managers: [manager],
        events: [
          {
            action: 'manager-create',
            gridCodes: [],
            changes: { id: manager.id, name: manager.name, phone: manager.phone },
          },
        ],
      },
      value: manager,
    }
  })
}

export async function updateManager(
  store: Store,
  user: User,
  id: string,
  input: { name?: string; phone?: string | null; active?: boolean },
  now: Date,
): Promise<Change<GridManagerRecord>> {
  assertGridAdmin(user)
  return changeGrids(store, user, now, undefined, (view) => {
    const old = view.managers().find((m) => m.id === id)
    if (!old) throw new RecordNotFound(`没有编号为 ${id} 的网格长`)
    assertManagerInScope(user, view, old)
    const next: GridManagerRecord = {
      ...old,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    }
    const changes = diff(old, next, ['name', 'phone', 'active'])
    const grids = view.grids().filter((g) => g.properties.managerId === id)
    const plan: GridChangePlan = { managers: [next], events: [] }
    if (Object.keys(changes).length > 0) {
      plan.events.push({
        action: 'manager-update',
        gridCodes: grids.map((g) => g.id),
        changes: { id, ...changes },
      })
    }
    // the grids carry the name and phone for OGC readers: keep them current
    if (changes.name || changes.phone) {
      plan.upsertGrids = grids.map((g) => ({
        ...g,
        properties: { ...g.properties, manager: next.name, managerPhone: next.phone },
      }))
    }
    return { plan, value: next }
  })
}
