// What the grid managers' workspace reads: one row per grid (unit, manager, points, issues), the
// workload per manager or unit, and rebalance suggestions. Grids, managers and units come from the
// store; issue counts from the live IssueColumns (the wall's snapshot, current after every write).
import { byGrid } from '../analytics/issue-tally.ts'
import { gridAdjacency } from '../domain/grid-adjacency.ts'
import {
  defaultWorkloadWeights,
  type GridLoad,
  type RebalanceMove,
  type RebalanceResult,
  type Spread,
  spreadOf,
  suggestRebalance,
  type WorkloadWeights,
  workloadOf,
} from '../domain/grid-rebalance.ts'
import type { GridGeometry } from '../domain/grid-shape.ts'
import type { GridRow, WorkloadBy, WorkloadItem } from '../domain/grid-workspace-rows.ts'
import type { User } from '../domain/roles.ts'
import type { LiveLedger } from '../live/live-ledger.ts'
import type { GridFeatureRecord, GridManagerRecord } from '../storage/grid-store.ts'
import type { UnitRecord } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'

/** Everything the reads need, taken at one moment. */
export interface Workspace {
  gridsVersion: number
  grids: GridFeatureRecord[]
  managers: Map<string, GridManagerRecord>
  units: Map<string, UnitRecord>
  townshipNames: ReadonlyMap<string, string>
  rows: GridRow[] // every grid, for the caller
}

export async function loadWorkspace(
  store: Store,
  live: LiveLedger,
  user: User | undefined,
  now: Date,
): Promise<Workspace> {
  await live.ready
  const [gridsVersion, grids, managers, units, points] = await Promise.all([
    store.gridsVersion(),
    store.gridFeatures(),
    store.gridManagers(),
    store.units(),
    store.checkpointCounts(),
  ])
  const tallies = new Map(byGrid(live.columns, now).map((t) => [t.code, t]))
  const managerById = new Map(managers.map((m) => [m.id, m]))
  const unitByCode = new Map(units.map((u) => [u.code, u]))
  const rows = grids.map((grid): GridRow => {
    const p = grid.properties
    const manager = p.managerId ? managerById.get(p.managerId) : undefined
    const unit = unitByCode.get(p.responsibleUnit)
    const tally = tallies.get(p.gridCode)
    const count = points.get(p.gridCode)
    return {
      gridCode: p.gridCode,
      name: p.name,
      townshipCode: p.townshipCode,
      townshipName: live.townshipNames.get(p.townshipCode) ?? p.townshipCode,
      villageCode: p.villageCode,
      unitCode: p.responsibleUnit,
      unitName: unit?.name ?? p.responsibleUnit,
      managerId: p.managerId ?? null,
      managerName: manager?.name ?? null,
      managerPhone: manager?.phone ?? null,
      areaKm2: p.areaKm2,
      fixedPoints: count?.fixed ?? 0,
      randomPoints: count?.random ?? 0,
      openIssues: tally ? tally.total - tally.closed : 0,
      overdueIssues: tally?.overdue ?? 0,
      issuesTotal: tally?.total ?? 0,
      closureRate: tally?.closureRate ?? null,
      unassigned: !manager?.active || !unit?.active,
      editable: mayEditGrid(user, p.gridCode),
    }
  })
  return {
    gridsVersion,
    grids,
    managers: managerById,
    units: unitByCode,
    townshipNames: live.townshipNames,
    rows,
  }
}

/** Whether the user may change this grid: administrators any, grid managers their own. */
export function mayEditGrid(user: User | undefined, gridCode: string): boolean {
  if (!user) return false
  if (user.role === 'admin') return true
  return user.role === 'grid-manager' && (user.gridCodes?.includes(gridCode) ?? false)
}

export interface GridFilter {
  township?: string
  unit?: string
  manager?: string
  unassigned?: boolean
  q?: string // part of the code, the name or the manager's name
}

export function filterRows(rows: readonly GridRow[], f: GridFilter): GridRow[] {
  const q = f.q?.trim()
  return rows.filter(
    (r) =>
      (f.township === undefined || r.townshipCode === f.township) &&
      (f.unit === undefined || r.unitCode === f.unit) &&
      (f.manager === undefined || r.managerId === f.manager) &&
      (f.unassigned === undefined || r.unassigned === f.unassigned) &&
      (!q || r.gridCode.includes(q) || r.name.includes(q) || (r.managerName ?? '').includes(q)),
  )
}

export function summarise(rows: readonly GridRow[]): {
  grids: number
  unassigned: number
  managers: number
  units: number
} {
  const assigned = rows.filter((r) => !r.unassigned)
  return {
    grids: rows.length,
    unassigned: rows.length - assigned.length,
    managers: new Set(assigned.map((r) => r.managerId)).size,
    units: new Set(rows.map((r) => r.unitCode)).size,
  }
}

// ---- workload and rebalance ---------------------------------------------------------------

/** Who holds a grid for the given view: its active manager or active unit; null = nobody. */
function ownerOf(row: GridRow, ws: Workspace, by: WorkloadBy): string | null {
  if (by === 'manager') {
    return row.managerId && ws.managers.get(row.managerId)?.active ? row.managerId : null
  }
  return ws.units.get(row.unitCode)?.active ? row.unitCode : null
}

export function gridLoads(ws: Workspace, by: WorkloadBy, township?: string): GridLoad[] {
  return ws.rows
    .filter((r) => township === undefined || r.townshipCode === township)
    .map((r) => ({
      gridCode: r.gridCode,
      townshipCode: r.townshipCode,
      owner: ownerOf(r, ws, by),
      openIssues: r.openIssues,
      overdueIssues: r.overdueIssues,
      points: r.fixedPoints + r.randomPoints,
      areaKm2: r.areaKm2,
    }))
}

export function workload(
  ws: Workspace,
  by: WorkloadBy,
  township: string | undefined,
  weights: WorkloadWeights = defaultWorkloadWeights,
): { by: WorkloadBy; weights: WorkloadWeights; items: WorkloadItem[]; spread: Spread } {
  const items = new Map<string, WorkloadItem>()
  const itemOf = (id: string): WorkloadItem => {
    let item = items.get(id)
    if (!item) {
      const manager = ws.managers.get(id)
      const unit = ws.units.get(id)
      item = {
        id,
        name: (by === 'manager' ? manager?.name : unit?.name) ?? id,
        active: (by === 'manager' ? manager?.active : unit?.active) ?? false,
        townshipCodes: [],
        grids: 0,
        openIssues: 0,
        overdueIssues: 0,
        points: 0,
        areaKm2: 0,
        workload: 0,
      }
      items.set(id, item)
    }
    return item
  }
  for (const load of gridLoads(ws, by, township)) {
    if (load.owner === null) continue
    const item = itemOf(load.owner)
    if (!item.townshipCodes.includes(load.townshipCode)) item.townshipCodes.push(load.townshipCode)
    item.grids++
    item.openIssues += load.openIssues
    item.overdueIssues += load.overdueIssues
    item.points += load.points
    item.areaKm2 += load.areaKm2
    item.workload += workloadOf(load, weights)
  }
  // people and units holding nothing are listed too (township filter aside): they can take grids
  if (township === undefined) {
    const ids = by === 'manager' ? [...ws.managers.keys()] : [...ws.units.keys()]
    for (const id of ids) itemOf(id)
  }
  const list = [...items.values()]
    .map((i) => ({
      ...i,
      townshipCodes: i.townshipCodes.sort(),
      areaKm2: round2(i.areaKm2),
      workload: round2(i.workload),
    }))
    .sort((a, b) => b.workload - a.workload || a.id.localeCompare(b.id))
  return {
    by,
    weights,
    items: list,
    spread: spreadOf(list.filter((i) => i.grids > 0 && i.active).map((i) => i.workload)),
  }
}

const adjacencyCache = new WeakMap<Store, { version: number; adjacency: Map<string, string[]> }>()

/** Which grids share a border, computed once per grids version. */
export function adjacencyOf(store: Store, ws: Workspace): Map<string, string[]> {
  const cached = adjacencyCache.get(store)
  if (cached?.version === ws.gridsVersion) return cached.adjacency
  const adjacency = gridAdjacency(
    ws.grids.map((g) => ({ code: g.properties.gridCode, geometry: g.geometry as GridGeometry })),
  )
  adjacencyCache.set(store, { version: ws.gridsVersion, adjacency })
  return adjacency
}

export interface RebalanceAnswer extends RebalanceResult {
  by: WorkloadBy
  gridsVersion: number
  moves: { gridCode: string; from: string; to: string; fromName: string; toName: string }[]
}

export function rebalance(
  store: Store,
  ws: Workspace,
  options: { by: WorkloadBy; township?: string; weights?: WorkloadWeights; maxMoves?: number },
): RebalanceAnswer {
  const suggestion = suggestRebalance(
    gridLoads(ws, options.by, options.township),
    adjacencyOf(store, ws),
    {
      weights: options.weights ?? defaultWorkloadWeights,
      ...(options.maxMoves !== undefined ? { maxMoves: options.maxMoves } : {}),
    },
  )
  const nameOf = (id: string) =>
    (options.by === 'manager' ? ws.managers.get(id)?.name : ws.units.get(id)?.name) ?? id
  return {
    ...suggestion,
    by: options.by,
    gridsVersion: ws.gridsVersion,
    moves: netMoves(suggestion.moves).map((m) => ({
      ...m,
      fromName: nameOf(m.from),
      toName: nameOf(m.to),
    })),
  }
}

/** One move per grid, from its owner now to its owner at the end: a grid the search moved twice
 * (or back again) is one assignment (or none), so the list can be sent to POST assignments as is. */
export function netMoves(moves: readonly RebalanceMove[]): RebalanceMove[] {
  const net = new Map<string, RebalanceMove>()
  for (const m of moves) {
    const first = net.get(m.gridCode)
    net.set(m.gridCode, { gridCode: m.gridCode, from: first?.from ?? m.from, to: m.to })
  }
  return [...net.values()].filter((m) => m.from !== m.to)
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

export type { GridRow, WorkloadBy, WorkloadItem }
