// The county's own check point list replaces the 示意 check point layer (POST /api/layers/checkpoints/
// import; the older POST /api/checkpoints/import only adds points). Replace, keyed by code: a point
// whose 点位编码 equals a current point's id keeps that id, so its inspections, issues and plans stay
// linked; the others get new ids; current points not in the file go (the issues that name them keep
// the id as history, and the report counts them). Each point's grid, village and township come from
// its location; a point outside the county or every grid, or naming an unknown 责任单位, refuses the
// whole file. One grid change writes it all; a dry run decides the same and writes nothing.
import { ImportFailed } from '../domain/errors.ts'
import type { User } from '../domain/roles.ts'
import { ownUnitOf } from '../exchange/checkpoint-import.ts'
import { featureError, type ImportError } from '../exchange/import-error.ts'
import type { CheckpointLayerDraft } from '../exchange/layer-import/checkpoint-layer.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { GridChangePlan, GridView } from '../storage/grid-store.ts'
import type { GeoJsonFeature, Store } from '../storage/store.ts'
import { decideLayerImport, locator, parseCountyLayer } from './county-layers.ts'

export interface CheckpointLayerChanges {
  kept: number // current points the file names by code: same id
  added: number // new ids
  removed: number // current points not in the file
  issuesNamingRemoved: number // issues whose checkpointId is a removed point
}

export interface CheckpointLayerResult {
  report: { valid: boolean; crs: string; checkpoints: number; errors: ImportError[] }
  changes?: CheckpointLayerChanges
  imported?: { gridsVersion: number }
}

export async function importCheckpointLayer(
  store: Store,
  user: User,
  upload: { bytes: Uint8Array; fileName: string; dryRun: boolean },
  now: Date,
): Promise<CheckpointLayerResult> {
  const parsed = await parseCountyLayer(store, user, 'checkpoint-layer', upload, {})
  const report = {
    valid: true,
    crs: parsed.crs,
    checkpoints: parsed.checkpoints.length,
    errors: [],
  }
  return decideLayerImport(store, user, toIsoString(now.getTime()), upload, report, (view) =>
    planCheckpoints(view, parsed.checkpoints, upload.fileName, parsed.crs),
  )
}

const idNumber = (id: string) => Number(/^cp-(\d+)$/.exec(id)?.[1] ?? 0)

function planCheckpoints(
  view: GridView,
  drafts: readonly CheckpointLayerDraft[],
  fileName: string,
  crs: string,
): { plan: GridChangePlan; value: CheckpointLayerChanges } {
  const grids = view.grids()
  const allGrids = grids.map((g) => g.id)
  const current = new Set(view.checkpointsIn(allGrids).map((p) => p.id))
  const units = view.units()
  const locate = locator(grids)
  let next = Math.max(0, ...[...current].map(idNumber))
  const errors: ImportError[] = []
  const features: GeoJsonFeature[] = []
  for (const draft of drafts) {
    const grid = locate(draft.geometry.coordinates)
    if (!grid) {
      errors.push(featureError(draft.n, '坐标', '位置不在任何责任网格内'))
      continue
    }
    const own = ownUnitOf(units, draft, draft.n, errors)
    if (!own) continue
    const { unit, properties } = own
    const id =
      draft.code !== undefined && current.has(draft.code)
        ? draft.code
        : `cp-${String(++next).padStart(4, '0')}`
    features.push({
      type: 'Feature',
      id,
      geometry: draft.geometry,
      properties: {
        ...properties,
        ...(draft.code === undefined ? {} : { code: draft.code }),
        ...(unit ? { unitCode: unit.code } : {}),
        townshipCode: grid.properties.townshipCode,
        villageCode: grid.properties.villageCode,
        gridCode: grid.id,
        synthetic: false, // the county's own list: the layer's 示意 label goes
      },
    })
  }
  if (errors.length > 0) throw new ImportFailed(errors.slice(0, 200))
  const kept = new Set(features.map((f) => String(f.id)).filter((id) => current.has(id)))
  const removed = new Set([...current].filter((id) => !kept.has(id)))
  const issuesNamingRemoved = view
    .issuesIn(allGrids)
    .filter((i) => i.properties.checkpointId && removed.has(i.properties.checkpointId)).length
  const value: CheckpointLayerChanges = {
    kept: kept.size,
    added: features.length - kept.size,
    removed: removed.size,
    issuesNamingRemoved,
  }
  return {
    plan: {
      replaceLayers: [{ collectionId: 'checkpoints', features }],
      events: [
        {
          action: 'import',
          gridCodes: [],
          changes: { layer: 'checkpoints', file: fileName, crs, ...value },
        },
      ],
    },
    value,
  }
}
