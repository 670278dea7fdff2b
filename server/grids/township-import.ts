// The county's own township boundaries replace the 示意 township layer: the file is read and checked in
// the parse worker (any supported format and CRS, codes, names, inside the county, overlaps and gaps),
// then one grid change — in one transaction — checks every grid's township code still exists, finds
// each issue's and check point's township by location, replaces the layer and re-attributes them; or,
// with any problem, writes nothing. Gaps between townships are reported (and drawn) but refuse the
// import only when an issue or check point lies in one. A dry run decides the same and writes nothing.
import { pointOnFeature } from '@turf/turf'
import { place } from '../config/place.ts'
import { ImportFailed } from '../domain/errors.ts'
import { areaKm2 } from '../domain/grid-rings.ts'
import type { NewIssueEvent } from '../domain/issue.ts'
import type { User } from '../domain/roles.ts'
import { fileError, type ImportError } from '../exchange/import-error.ts'
import type { Area } from '../exchange/layer-import/tiling-report.ts'
import type { TownshipDraft } from '../exchange/layer-import/township-layer.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { GridChangePlan, GridView } from '../storage/grid-store.ts'
import type { GeoJsonFeature, Store } from '../storage/store.ts'
import {
  decideLayerImport,
  locator,
  type ProblemReport,
  parseCountyLayer,
  problemReport,
} from './county-layers.ts'

export interface TownshipImportReport extends ProblemReport {
  valid: boolean
  crs: string
  townships: number
  errors: ImportError[]
}

export interface TownshipChanges {
  added: string[] // codes new to the layer
  removed: string[] // codes no longer in it
  renamed: { code: string; from: string; to: string }[]
  reattributed: { issues: number; checkpoints: number }
  /** grids whose township code exists but whose centre now lies in another township (for review) */
  gridsAcross: string[]
}

export interface TownshipImportResult {
  report: TownshipImportReport
  changes?: TownshipChanges // what the import does (dry run) or did
  imported?: { gridsVersion: number }
}

const blocking = new Set(['overlap', 'outside', 'invalid'])

export async function importTownships(
  store: Store,
  user: User,
  upload: { bytes: Uint8Array; fileName: string; dryRun: boolean },
  now: Date,
): Promise<TownshipImportResult> {
  const parsed = await parseCountyLayer(store, user, 'township-layer', upload, {
    countyCode: place.code,
  })
  const refusing = parsed.problems.filter((p) => blocking.has(p.kind))
  const report: TownshipImportReport = {
    valid: refusing.length === 0,
    crs: parsed.crs,
    townships: parsed.townships.length,
    ...problemReport(parsed.problems),
    errors: [],
  }
  if (!report.valid) {
    if (upload.dryRun) return { report }
    throw new ImportFailed(
      refusing.map((p) => fileError(p.message)),
      report,
    )
  }
  const at = toIsoString(now.getTime())
  const old = await currentTownships(store)
  return decideLayerImport(store, user, at, upload, report, (view) =>
    planTownships(view, user, at, parsed.townships, upload.fileName, parsed.crs, old),
  )
}

/** The townships layer now, code → name: what the report compares the file with. */
async function currentTownships(store: Store): Promise<Map<string, string>> {
  const page = await store.features('townships', { properties: {}, limit: 1000, offset: 0 })
  return new Map(
    page.features.map((text) => {
      const f = JSON.parse(text) as { id?: string; properties?: { code?: string; name?: string } }
      return [String(f.properties?.code ?? f.id), String(f.properties?.name ?? '')]
    }),
  )
}

function townshipFeature(t: TownshipDraft): GeoJsonFeature {
  const type = /街道(办事处)?$/.test(t.name) ? '街道' : /乡$/.test(t.name) ? '乡' : '镇'
  return {
    type: 'Feature',
    id: t.code,
    geometry: t.geometry,
    // synthetic: false — the county's own boundaries; the layer's 示意 label goes
    properties: {
      code: t.code,
      name: t.name,
      type,
      areaKm2: areaKm2(t.geometry),
      synthetic: false,
    },
  }
}

function planTownships(
  view: GridView,
  user: User,
  at: string,
  drafts: readonly TownshipDraft[],
  fileName: string,
  crs: string,
  old: ReadonlyMap<string, string>, // the current layer: code → name
): { plan: GridChangePlan; value: TownshipChanges } {
  const errors: ImportError[] = []
  const newCodes = new Set(drafts.map((t) => t.code))
  const locate = locator(drafts)
  const grids = view.grids()
  const gridsAcross: string[] = []
  for (const grid of grids) {
    const code = grid.properties.townshipCode
    if (!newCodes.has(code)) {
      errors.push(
        fileError(
          `网格 ${grid.id} 属于乡镇 ${code}，新乡镇界中没有该乡镇代码：网格编码含乡镇代码，请保留该乡镇，或先导入按新乡镇编码的网格`,
        ),
      )
    }
  }
  const allGrids = grids.map((g) => g.id)
  const checkpoints: NonNullable<GridChangePlan['checkpoints']> = []
  for (const point of view.checkpointsIn(allGrids)) {
    const township = locate(point.lngLat)
    if (!township) {
      errors.push(fileError(`测评点位 ${point.id}（${point.lngLat.join(', ')}）不在任何新乡镇界内`))
    } else if (township.code !== point.townshipCode) {
      checkpoints.push({ id: point.id, gridCode: point.gridCode, townshipCode: township.code })
    }
  }
  const issueEvents: NewIssueEvent[] = []
  for (const issue of view.issuesIn(allGrids)) {
    const township = locate(issue.lngLat)
    if (!township) {
      errors.push(fileError(`问题 ${issue.id}（${issue.lngLat.join(', ')}）不在任何新乡镇界内`))
    } else if (township.code !== issue.properties.townshipCode) {
      issueEvents.push({
        issueId: issue.id,
        at,
        actor: user.username,
        actorName: user.displayName,
        role: user.role,
        action: 'regrid',
        changes: { townshipCode: township.code },
        note: `导入乡镇界：由乡镇 ${issue.properties.townshipCode} 划入 ${township.name}（${township.code}）`,
      })
    }
  }
  if (errors.length > 0) throw new ImportFailed(errors.slice(0, 200))
  for (const grid of grids) {
    const [x = 0, y = 0] = pointOnFeature(grid.geometry as Area).geometry.coordinates
    const there = locate([x, y])
    if (there && there.code !== grid.properties.townshipCode) gridsAcross.push(grid.id)
  }
  const changes: TownshipChanges = {
    added: drafts.map((t) => t.code).filter((c) => !old.has(c)),
    removed: [...old.keys()].filter((c) => !newCodes.has(c)),
    renamed: drafts.flatMap((t) => {
      const from = old.get(t.code)
      return from !== undefined && from !== t.name ? [{ code: t.code, from, to: t.name }] : []
    }),
    reattributed: { issues: issueEvents.length, checkpoints: checkpoints.length },
    gridsAcross,
  }
  return {
    plan: {
      replaceLayers: [{ collectionId: 'townships', features: drafts.map(townshipFeature) }],
      checkpoints,
      issueEvents,
      events: [
        {
          action: 'import',
          gridCodes: [],
          changes: {
            layer: 'townships',
            file: fileName,
            crs,
            townships: drafts.length,
            ...changes,
          },
        },
      ],
    },
    value: changes,
  }
}
