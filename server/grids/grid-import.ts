// The county's own grids replace the current ones: the file is read and checked in the parse worker
// (any supported format and CRS, attributes, tiling of the county outline), then units and managers
// are resolved and one grid change writes everything — grids, code registry, check points' and
// issues' grids, townships and units — or, with any problem, nothing. A dry run stops after the
// checks and returns the same report.
import { ImportFailed } from '../domain/errors.ts'
import { areaKm2 } from '../domain/grid-rings.ts'
import type { NewIssueEvent } from '../domain/issue.ts'
import type { User } from '../domain/roles.ts'
import { unitNamed } from '../domain/units.ts'
import { featureError, fileError, type ImportError } from '../exchange/import-error.ts'
import type { GridDraft } from '../exchange/layer-import/grid-layer.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type {
  GridChangePlan,
  GridFeatureRecord,
  GridManagerRecord,
  GridView,
} from '../storage/grid-store.ts'
import type { UnitRecord } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'
import { locator, type ProblemReport, parseCountyLayer, problemReport } from './county-layers.ts'

export interface GridImportReport extends ProblemReport {
  valid: boolean
  crs: string
  grids: number
  errors: ImportError[]
}

export interface GridImportResult {
  report: GridImportReport
  imported?: { gridsVersion: number } & ImportCounts
}

interface ImportCounts {
  created: number
  replaced: number
  retired: number
  managersCreated: number
  reattributed: { checkpoints: number; issues: number; transferred: number }
}

export async function importGrids(
  store: Store,
  user: User,
  upload: { bytes: Uint8Array; fileName: string; dryRun: boolean },
  now: Date,
): Promise<GridImportResult> {
  const parsed = await parseCountyLayer(store, user, 'grid-layer', upload, {})
  const [units, townshipCodes, codes] = await Promise.all([
    store.units(),
    townshipCodesOf(store),
    store.gridCodes(),
  ])
  const retired = new Set(codes.filter((c) => c.status === 'retired').map((c) => c.code))
  const errors = resolveErrors(parsed.grids, units, townshipCodes, retired)
  const report: GridImportReport = {
    valid: parsed.problems.length === 0 && errors.length === 0,
    crs: parsed.crs,
    grids: parsed.grids.length,
    ...problemReport(parsed.problems),
    errors,
  }
  if (!report.valid) {
    if (upload.dryRun) return { report }
    throw new ImportFailed([...errors, ...parsed.problems.map((p) => fileError(p.message))], report)
  }
  if (upload.dryRun) return { report }

  const at = toIsoString(now.getTime())
  const actor = { username: user.username, displayName: user.displayName }
  const result = await store.transactGrids(actor, at, undefined, (view) =>
    planImport(view, user, at, parsed.grids, upload.fileName, parsed.crs),
  )
  return { report, imported: { gridsVersion: result.gridsVersion, ...result.value } }
}

async function townshipCodesOf(store: Store): Promise<Set<string>> {
  const page = await store.features('townships', {
    properties: {},
    limit: 1000,
    offset: 0,
    propertyNames: ['code'],
  })
  return new Set(
    page.features.map((text) => {
      const f = JSON.parse(text) as { id?: string; properties?: { code?: string } }
      return String(f.properties?.code ?? f.id)
    }),
  )
}

function resolveErrors(
  grids: readonly GridDraft[],
  units: readonly UnitRecord[],
  townships: ReadonlySet<string>,
  retired: ReadonlySet<string>,
): ImportError[] {
  const errors: ImportError[] = []
  for (const g of grids) {
    // the check says so already, not only the import (an export from before a split or merge)
    if (retired.has(g.gridCode)) errors.push(retiredCodeError(g.gridCode, g.n))
    const unit = unitNamed(units, g.unit)
    if (!unit) {
      errors.push({
        row: g.n,
        column: '责任单位',
        message: `第 ${g.n} 个要素「责任单位」：没有名为“${g.unit}”的责任单位；请先在网格管理中添加该单位，或改用已有单位的名称`,
      })
    } else if (!unit.active) {
      errors.push({
        row: g.n,
        column: '责任单位',
        message: `第 ${g.n} 个要素「责任单位」：“${unit.name}”已停用`,
      })
    }
    if (townships.size > 0 && !townships.has(g.townshipCode)) {
      errors.push({
        row: g.n,
        column: '乡镇代码',
        message: `第 ${g.n} 个要素「乡镇代码」：${g.townshipCode} 不是本县的乡镇`,
      })
    }
  }
  return errors.slice(0, 200)
}

function retiredCodeError(code: string, row?: number): ImportError {
  const problem = `${code} 已注销（曾拆分或合并），编码不能重复使用；请为该网格分配新编码`
  return row === undefined
    ? fileError(`网格编码 ${problem}`)
    : featureError(row, '网格编码', problem)
}

function planImport(
  view: GridView,
  user: User,
  at: string,
  drafts: readonly GridDraft[],
  fileName: string,
  crs: string,
): { plan: GridChangePlan; value: ImportCounts } {
  const units = view.units()
  const managers = [...view.managers()]
  const newManagers: GridManagerRecord[] = []
  const managerFor = (name: string | undefined, phone: string | undefined, id?: string) => {
    const byId = id ? managers.find((m) => m.id === id) : undefined
    if (byId && (!name || byId.name === name)) return byId // our own export, edited in a GIS
    if (!name) return undefined
    const found =
      managers.find((m) => m.name === name && (!phone || m.phone === phone)) ??
      managers.find((m) => m.name === name)
    if (found) return found
    const next = Math.max(0, ...managers.map((m) => Number(m.id.slice(3)) || 0)) + 1
    const created: GridManagerRecord = {
      id: `gm-${String(next).padStart(4, '0')}`,
      name,
      phone: phone ?? null,
      active: true,
      createdAt: at,
    }
    managers.push(created)
    newManagers.push(created)
    return created
  }

  const old = view.grids()
  const oldCodes = new Set(old.map((g) => g.id))
  const registry = new Map(view.codes().map((c) => [c.code, c]))
  const grids: GridFeatureRecord[] = drafts.map((d) => {
    const unit = unitNamed(units, d.unit) as UnitRecord
    const manager = managerFor(d.manager, d.phone, d.managerId)
    return {
      id: d.gridCode,
      geometry: d.geometry,
      properties: {
        gridCode: d.gridCode,
        name: d.name,
        townshipCode: d.townshipCode,
        villageCode: d.villageCode,
        responsibleUnit: unit.code,
        managerId: manager?.id ?? null,
        manager: manager?.name ?? null,
        managerPhone: manager?.phone ?? d.phone ?? null,
        areaKm2: areaKm2(d.geometry),
        // no `synthetic`: the county's own grids are real data, and the 示意 badge goes
      },
    }
  })
  const newCodes = new Set(grids.map((g) => g.id))
  const reused = [...newCodes].filter(
    (c) => !oldCodes.has(c) && registry.get(c)?.status === 'retired',
  )
  if (reused.length > 0) {
    throw new ImportFailed(reused.map((code) => retiredCodeError(code)))
  }
  const retired = [...oldCodes].filter((c) => !newCodes.has(c))
  const plan: GridChangePlan = {
    removeGrids: retired,
    upsertGrids: grids,
    newCodes: [...newCodes].filter((c) => !registry.has(c)).map((code) => ({ code, parents: [] })),
    retiredCodes: retired.map((code) => ({ code, children: [] })),
    managers: newManagers,
    checkpoints: [],
    issueEvents: [],
    events: [
      {
        action: 'import',
        gridCodes: [...newCodes],
        changes: {
          file: fileName,
          crs,
          created: [...newCodes].filter((c) => !oldCodes.has(c)).length,
          replaced: [...newCodes].filter((c) => oldCodes.has(c)).length,
          retired,
        },
      },
    ],
  }

  const locate = locator(grids)
  const oldByCode = new Map(old.map((g) => [g.id, g]))
  let checkpoints = 0
  for (const point of view.checkpointsIn([...oldCodes])) {
    const grid = locate(point.lngLat)
    if (!grid || grid.id === point.gridCode) continue
    plan.checkpoints?.push({ id: point.id, gridCode: grid.id })
    checkpoints++
  }
  let issues = 0
  let transferred = 0
  const actor = { actor: user.username, actorName: user.displayName, role: user.role }
  for (const issue of view.issuesIn([...oldCodes])) {
    const grid = locate(issue.lngLat)
    if (!grid) continue
    const p = issue.properties
    const changes: NewIssueEvent['changes'] = {}
    if (grid.id !== p.gridCode) changes.gridCode = grid.id
    if (grid.properties.townshipCode !== p.townshipCode)
      changes.townshipCode = grid.properties.townshipCode
    if (Object.keys(changes).length > 0) {
      plan.issueEvents?.push({
        issueId: issue.id,
        at,
        ...actor,
        action: 'regrid',
        changes,
        note: `导入网格数据：由网格 ${p.gridCode} 划入网格 ${grid.id}`,
      })
      issues++
    }
    // an open issue the old grid's unit held follows the grid to its new unit
    const oldUnit = oldByCode.get(p.gridCode)?.properties.responsibleUnit
    const newUnit = grid.properties.responsibleUnit
    if (p.status !== 'closed' && p.responsibleUnit === oldUnit && newUnit !== oldUnit) {
      plan.issueEvents?.push({
        issueId: issue.id,
        at,
        ...actor,
        action: 'transfer',
        changes: { responsibleUnit: newUnit },
        note: `导入网格数据：网格 ${grid.id} 由${units.find((u) => u.code === newUnit)?.name ?? newUnit}负责，问题随网格转交`,
      })
      transferred++
    }
  }
  return {
    plan,
    value: {
      created: plan.newCodes?.length ?? 0,
      replaced: grids.length - (plan.newCodes?.length ?? 0),
      retired: retired.length,
      managersCreated: newManagers.length,
      reattributed: { checkpoints, issues, transferred },
    },
  }
}
