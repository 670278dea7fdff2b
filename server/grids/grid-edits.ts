// The grid managers' writes: assign units and managers, split, merge and redraw grids, add and
// change managers and units. Each checks the caller, then hands the store a decision that runs
// inside the change's transaction (so its checks read what the write changes): the plan it returns
// is applied whole, or — when it throws — nothing is written.

import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { type FieldError, Forbidden, InvalidInput } from '../domain/errors.ts'
import { allocateGridCodes } from '../domain/grid-codes.ts'
import {
  areaKm2,
  GridEditError,
  type GridGeometry,
  type GridShape,
  mergeGeometries,
  reshapeGeometry,
  splitGeometry,
  type TilingProblem,
  validateTiling,
} from '../domain/grid-geometry.ts'
import type { LngLat, NewIssueEvent } from '../domain/issue.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { hasPermission, mayCreateUnit, type User } from '../domain/roles.ts'
import { townshipUnitCode, type Unit } from '../domain/units.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import {
  type GridChangePlan,
  type GridFeatureRecord,
  type GridManagerRecord,
  GridsVersionConflict,
  type GridView,
  type NewGridEvent,
} from '../storage/grid-store.ts'
import type { UnitRecord } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'
import { GridsConflict } from './grids-conflict.ts'

export { GridsConflict }

export interface Change<T> {
  gridsVersion: number
  value: T
}

/** Only grid_admin roles write here; the display token and other roles get a 403. */
export function assertGridAdmin(user: User): void {
  if (!hasPermission(user, 'grid_admin')) {
    throw new Forbidden('只有网格长和管理员可以调整网格、网格长和责任单位')
  }
}

function assertInScope(user: User, grids: readonly GridFeatureRecord[]): void {
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
function assertUnitInScope(user: User, view: GridView, unit: UnitRecord): void {
  if (user.role !== 'grid-manager') return
  const own = [...townshipsOf(user, view)].map(townshipUnitCode)
  if (unit.kind !== 'township' || !own.includes(unit.code)) {
    throw new Forbidden(
      `责任单位「${unit.name}」不属于您负责的乡镇，不能修改；县级部门和其他乡镇的单位请联系管理员`,
    )
  }
}

/** A manager is in a grid manager's scope when every grid they hold lies in the caller's townships. */
function assertManagerInScope(user: User, view: GridView, manager: GridManagerRecord): void {
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

async function change<T>(
  store: Store,
  user: User,
  now: Date,
  gridsVersion: number | undefined,
  decide: (view: GridView, at: string) => { plan: GridChangePlan; value: T },
): Promise<Change<T>> {
  const at = toIsoString(now.getTime())
  try {
    const result = await store.transactGrids(
      { username: user.username, displayName: user.displayName },
      at,
      gridsVersion,
      (view) => decide(view, at),
    )
    return { gridsVersion: result.gridsVersion, value: result.value }
  } catch (error) {
    if (error instanceof GridsVersionConflict) throw new GridsConflict(error.gridsVersion)
    throw error
  }
}

const actorOf = (user: User) => ({
  actor: user.username,
  actorName: user.displayName,
  role: user.role,
})

// ---- assignments --------------------------------------------------------------------------

export interface AssignmentInput {
  assignments: { gridCode: string; unitCode?: string; managerId?: string | null }[]
  moveOpenIssues?: boolean
  note?: string
  gridsVersion?: number
}

export async function assignGrids(
  store: Store,
  user: User,
  input: AssignmentInput,
  now: Date,
): Promise<Change<{ changed: number; issuesMoved: number }>> {
  assertGridAdmin(user)
  const moveOpenIssues = input.moveOpenIssues ?? true
  return change(store, user, now, input.gridsVersion, (view, at) => {
    const grids = new Map(view.grids().map((g) => [g.id, g]))
    const units = new Map(view.units().map((u) => [u.code, u]))
    const managers = new Map(view.managers().map((m) => [m.id, m]))
    const errors: FieldError[] = []
    const seen = new Set<string>()
    const touched: GridFeatureRecord[] = []
    input.assignments.forEach((a, i) => {
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
    assertInScope(user, touched)

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

// ---- geometry edits -----------------------------------------------------------------------

export interface GeometryEditResult {
  retired: string[]
  created: string[]
  changed: string[]
  reattributed: { checkpoints: number; issues: number }
}

const shapeOf = (g: GridFeatureRecord): GridShape => ({
  code: g.id,
  geometry: g.geometry as GridGeometry,
})

/**
 * Runs a geometry step, turning its GridEditError into a 400 on `field`. The clipping library can
 * also give up on degenerate input a client drew (its own errors): that is a 400 too, not a 500.
 */
function attempt<T>(field: string, step: () => T): T {
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
 * The township still tiled after the edit? Problems the township already had before it (slivers
 * in the source data) are not the editor's doing, so only new ones count.
 */
function assertTiles(
  view: GridView,
  townshipCode: string,
  before: GridShape[],
  after: GridShape[],
  field: string,
): void {
  const township = view.township(townshipCode) as GridGeometry | undefined
  if (!township) {
    throw new InvalidInput([{ field, message: `找不到乡镇 ${townshipCode} 的边界，无法校验网格` }])
  }
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

function gridsOfTownship(view: GridView, townshipCode: string): GridFeatureRecord[] {
  return view.grids().filter((g) => g.properties.townshipCode === townshipCode)
}

/** The shape containing the point; a point on no shape (a boundary rounding) goes to the nearest. */
function locate(shapes: readonly GridShape[], lngLat: LngLat): string {
  for (const shape of shapes) {
    if (booleanPointInPolygon(lngLat, shape.geometry)) return shape.code
  }
  let best = shapes[0]?.code ?? ''
  let bestDistance = Infinity
  for (const shape of shapes) {
    const d = distanceToVertices(shape.geometry, lngLat)
    if (d < bestDistance) {
      bestDistance = d
      best = shape.code
    }
  }
  return best
}

function distanceToVertices(geometry: GridGeometry, [x, y]: LngLat): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let best = Infinity
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [px = 0, py = 0] of ring) best = Math.min(best, (px - x) ** 2 + (py - y) ** 2)
    }
  }
  return best
}

/** New gridCodes for every check point and issue in `from` grids, located among `shapes`. */
function reattribute(
  view: GridView,
  user: User,
  at: string,
  from: readonly string[],
  shapes: readonly GridShape[],
  plan: GridChangePlan,
  pick: (lngLat: LngLat) => string = (lngLat) => locate(shapes, lngLat),
): { checkpoints: number; issues: number } {
  plan.checkpoints ??= []
  plan.issueEvents ??= []
  let checkpoints = 0
  let issues = 0
  for (const point of view.checkpointsIn(from)) {
    const gridCode = pick(point.lngLat)
    if (gridCode === point.gridCode) continue
    plan.checkpoints.push({ id: point.id, gridCode })
    checkpoints++
  }
  for (const issue of view.issuesIn(from)) {
    const gridCode = pick(issue.lngLat)
    if (gridCode === issue.properties.gridCode) continue
    const event: NewIssueEvent = {
      issueId: issue.id,
      at,
      ...actorOf(user),
      action: 'regrid',
      changes: { gridCode },
      note: `网格调整：由网格 ${issue.properties.gridCode} 划入网格 ${gridCode}`,
    }
    plan.issueEvents.push(event)
    issues++
  }
  return { checkpoints, issues }
}

function withShape(grid: GridFeatureRecord, code: string, geometry: GridGeometry, name: string) {
  return {
    id: code,
    geometry,
    properties: { ...grid.properties, gridCode: code, name, areaKm2: areaKm2(geometry) },
  }
}

export async function splitGrid(
  store: Store,
  user: User,
  input: { gridCode: string; line: [number, number][]; gridsVersion?: number },
  now: Date,
): Promise<Change<GeometryEditResult>> {
  assertGridAdmin(user)
  return change(store, user, now, input.gridsVersion, (view, at) => {
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
    const township = gridsOfTownship(view, grid.properties.townshipCode)
    const before = township.map(shapeOf)
    const after = [...before.filter((s) => s.code !== grid.id), ...created.map(shapeOf)]
    assertTiles(view, grid.properties.townshipCode, before, after, 'line')

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

export async function mergeGrids(
  store: Store,
  user: User,
  input: { gridCodes: string[]; gridsVersion?: number },
  now: Date,
): Promise<Change<GeometryEditResult>> {
  assertGridAdmin(user)
  return change(store, user, now, input.gridsVersion, (view, at) => {
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
    const township = gridsOfTownship(view, townshipCode)
    const before = township.map(shapeOf)
    const after = [...before.filter((s) => !inputCodes.includes(s.code)), shapeOf(grid)]
    assertTiles(view, townshipCode, before, after, 'gridCodes')

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

export async function reshapeGrid(
  store: Store,
  user: User,
  input: { gridCode: string; geometry: GridGeometry; gridsVersion?: number },
  now: Date,
): Promise<Change<GeometryEditResult>> {
  assertGridAdmin(user)
  return change(store, user, now, input.gridsVersion, (view, at) => {
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
    const touched = shapes.map((s) => byCode.get(s.code)).filter((g) => g !== undefined)
    assertInScope(user, touched)
    const before = township.map(shapeOf)
    const changedCodes = new Set(shapes.map((s) => s.code))
    const after = [...before.filter((s) => !changedCodes.has(s.code)), ...shapes]
    assertTiles(view, townshipCode, before, after, 'geometry')

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

// ---- people -------------------------------------------------------------------------------

export async function createManager(
  store: Store,
  user: User,
  input: { name: string; phone?: string },
  now: Date,
): Promise<Change<GridManagerRecord>> {
  assertGridAdmin(user)
  return change(store, user, now, undefined, (view, at) => {
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
  return change(store, user, now, undefined, (view) => {
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
  return change(store, user, now, undefined, (view) => {
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
  return change(store, user, now, undefined, (view) => {
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

function diff<T extends object>(
  old: T,
  next: T,
  keys: (keyof T)[],
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {}
  for (const key of keys) {
    if (old[key] !== next[key]) changes[String(key)] = [old[key], next[key]]
  }
  return changes
}
