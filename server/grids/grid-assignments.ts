// Assigning grids to responsible units and managers; open issues follow a grid to its new unit
// unless the caller says otherwise.

import { type FieldError, InvalidInput } from '../domain/errors.ts'
import type { User } from '../domain/roles.ts'
import type {
  GridChangePlan,
  GridFeatureRecord,
  GridManagerRecord,
  NewGridEvent,
} from '../storage/grid-store.ts'
import type { UnitRecord } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'
import { actorOf, type Change, changeGrids } from './grid-change.ts'
import { assertGridAdmin, assertInScope } from './grid-edit-scope.ts'

export interface AssignmentInput {
  assignments: { gridCode: string; unitCode?: string; managerId?: string | null }[]
  moveOpenIssues?: boolean
  note?: string
  gridsVersion?: number
}

/** Every field error of the assignments at once, so the form can mark them all; else the grids. */
function checkAssignments(
  assignments: AssignmentInput['assignments'],
  grids: ReadonlyMap<string, GridFeatureRecord>,
  units: ReadonlyMap<string, UnitRecord>,
  managers: ReadonlyMap<string, GridManagerRecord>,
): GridFeatureRecord[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const touched: GridFeatureRecord[] = []
  assignments.forEach((a, i) => {
    const grid = grids.get(a.gridCode)
    if (!grid) {
      errors.push({
        field: `assignments.${i}.gridCode`,
        message: `没有编码为 ${a.gridCode} 的网格`,
      })
    } else if (seen.has(a.gridCode)) {
      errors.push({ field: `assignments.${i}.gridCode`, message: `网格 ${a.gridCode} 重复出现` })
    } else {
      touched.push(grid)
    }
    seen.add(a.gridCode)
    if (a.unitCode !== undefined) {
      const unit = units.get(a.unitCode)
      if (!unit) {
        errors.push({
          field: `assignments.${i}.unitCode`,
          message: `没有代码为 ${a.unitCode} 的责任单位`,
        })
      } else if (!unit.active) {
        errors.push({
          field: `assignments.${i}.unitCode`,
          message: `责任单位「${unit.name}」已停用，请选择其他单位`,
        })
      }
    }
    if (typeof a.managerId === 'string') {
      const manager = managers.get(a.managerId)
      if (!manager) {
        errors.push({
          field: `assignments.${i}.managerId`,
          message: `没有编号为 ${a.managerId} 的网格长`,
        })
      } else if (!manager.active) {
        errors.push({
          field: `assignments.${i}.managerId`,
          message: `网格长「${manager.name}」已停用，请选择其他人`,
        })
      }
    }
  })
  if (errors.length > 0) throw new InvalidInput(errors)
  return touched
}

export async function assignGrids(
  store: Store,
  user: User,
  input: AssignmentInput,
  now: Date,
): Promise<Change<{ changed: number; issuesMoved: number }>> {
  assertGridAdmin(user)
  const moveOpenIssues = input.moveOpenIssues ?? true
  return changeGrids(store, user, now, input.gridsVersion, (view, at) => {
    const grids = new Map(view.grids().map((g) => [g.id, g]))
    const units = new Map(view.units().map((u) => [u.code, u]))
    const managers = new Map(view.managers().map((m) => [m.id, m]))
    assertInScope(user, checkAssignments(input.assignments, grids, units, managers))

    const plan: GridChangePlan = { upsertGrids: [], issueEvents: [], events: [] }
    let issuesMoved = 0
    for (const a of input.assignments) {
      const grid = grids.get(a.gridCode) as GridFeatureRecord
      const p = grid.properties
      const oldUnit = p.responsibleUnit
      const oldManager = p.managerId ?? null
      const newUnit = a.unitCode ?? oldUnit
      const newManager = a.managerId === undefined ? oldManager : a.managerId
      const changes: Record<string, [unknown, unknown]> = {}
      if (newUnit !== oldUnit) changes.unitCode = [oldUnit, newUnit]
      if (newManager !== oldManager) changes.managerId = [oldManager, newManager]
      if (Object.keys(changes).length === 0) continue
      const manager = newManager ? managers.get(newManager) : undefined
      plan.upsertGrids?.push({
        ...grid,
        properties: {
          ...p,
          responsibleUnit: newUnit,
          managerId: newManager,
          manager: manager?.name ?? null,
          managerPhone: manager?.phone ?? null,
        },
      })
      const event: NewGridEvent = { action: 'assign', gridCodes: [grid.id], changes }
      if (input.note) event.note = input.note
      plan.events.push(event)
      if (moveOpenIssues && newUnit !== oldUnit) {
        const unitName = units.get(newUnit)?.name ?? newUnit
        for (const issue of view.issuesIn([grid.id])) {
          if (
            issue.properties.status === 'closed' ||
            issue.properties.responsibleUnit !== oldUnit
          ) {
            continue
          }
          plan.issueEvents?.push({
            issueId: issue.id,
            at,
            ...actorOf(user),
            action: 'transfer',
            changes: { responsibleUnit: newUnit },
            note: `网格 ${grid.id} 改由${unitName}负责，问题随网格转交`,
          })
          issuesMoved++
        }
      }
    }
    return { plan, value: { changed: plan.events.length, issuesMoved } }
  })
}
