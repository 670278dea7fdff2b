// What the imports of the county's own layers (grids, townships, check points) share: who may, the
// county outline they are checked against, finding the polygon a point lies in, the report's map of
// problems, and a dry run that decides inside the same transaction and then writes nothing.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { loadedBounds } from '../config/place-bounds.ts'
import { type Box, boxOfRings } from '../domain/bbox.ts'
import { Forbidden, ImportFailed } from '../domain/errors.ts'
import type { GridGeometry } from '../domain/grid-shape.ts'
import type { LngLat } from '../domain/issue.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { fileError, type ImportError } from '../exchange/import-error.ts'
import type { Area, TilingIssue } from '../exchange/layer-import/tiling-report.ts'
import { type ParseOptions, type ParseResult, parseInWorker } from '../exchange/parse-in-worker.ts'
import type { GridChangePlan, GridView } from '../storage/grid-store.ts'
import type { GeoJsonGeometry, Store } from '../storage/store.ts'

export function assertLayerImport(user: User): void {
  if (!hasPermission(user, 'layer_import')) {
    throw new Forbidden('只有管理员可以导入县域图层（网格、乡镇界、点位）')
  }
}

type LayerKind = 'grid-layer' | 'township-layer' | 'checkpoint-layer'

/**
 * Who may, then the upload read and checked in the parse worker against the county's box and
 * outline; a file the worker refuses is thrown (ImportFailed).
 */
export async function parseCountyLayer<K extends LayerKind>(
  store: Store,
  user: User,
  kind: K,
  upload: { bytes: Uint8Array; fileName: string },
  more: Omit<ParseOptions<K>, 'county' | 'bounds'>,
): Promise<Exclude<ParseResult<K>, { errors: ImportError[] }>> {
  assertLayerImport(user)
  const bounds = (await loadedBounds(store)) ?? [-180, -90, 180, 90]
  const options = { county: await countyOutline(store), ...more, bounds } as ParseOptions<K>
  const parsed = await parseInWorker({
    kind,
    bytes: upload.bytes,
    fileName: upload.fileName,
    options,
  })
  if ('errors' in parsed) throw new ImportFailed(parsed.errors)
  return parsed as Exclude<ParseResult<K>, { errors: ImportError[] }>
}

/** The county outline a layer must lie in, as one (Multi)Polygon. */
export async function countyOutline(store: Store): Promise<Area> {
  const page = await store.features('county', { properties: {}, limit: 10, offset: 0 })
  const polygons = page.features.flatMap((text) => {
    const geometry = (JSON.parse(text) as { geometry: Area | null }).geometry
    if (!geometry) return []
    return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  })
  if (polygons.length === 0) throw new ImportFailed([fileError('尚未载入县域边界，无法校验')])
  return { type: 'MultiPolygon', coordinates: polygons }
}

/** A report's problems: listed, and drawn on the map (properties kind, codes, areaM2, message). */
export interface ProblemReport {
  problems: { kind: TilingIssue['kind']; codes: string[]; areaM2: number; message: string }[]
  problemFeatures: {
    type: 'FeatureCollection'
    features: {
      type: 'Feature'
      geometry: Area | null
      properties: Omit<TilingIssue, 'geometry'>
    }[]
  }
}

export function problemReport(problems: readonly TilingIssue[]): ProblemReport {
  return {
    problems: problems.map(({ geometry: _g, ...rest }) => rest),
    problemFeatures: {
      type: 'FeatureCollection',
      features: problems.map(({ geometry, ...properties }) => ({
        type: 'Feature',
        geometry,
        properties,
      })),
    },
  }
}

function bboxOf(geometry: GridGeometry): Box {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return boxOfRings(polygons.map((polygon) => polygon[0] ?? [])) // the outer rings hold the rest
}

/** Finds the area containing a point: bbox first, then the polygon; undefined outside every one. */
export function locator<T extends { geometry: GeoJsonGeometry }>(
  areas: readonly T[],
): (lngLat: LngLat) => T | undefined {
  const indexed = areas.map((a) => ({ a, box: bboxOf(a.geometry as GridGeometry) }))
  return ([x, y]) =>
    indexed.find(
      ({ a, box }) =>
        x >= box[0] &&
        x <= box[2] &&
        y >= box[1] &&
        y <= box[3] &&
        booleanPointInPolygon([x, y], a.geometry as GridGeometry),
    )?.a
}

class DryRun<T> extends Error {
  readonly value: T
  constructor(value: T) {
    super('dry run')
    this.value = value
  }
}

/**
 * Decides the change inside one grid transaction and applies it — or, for a dry run, decides it on the
 * same consistent view and writes nothing, so a dry run reports exactly what the import would do.
 */
async function decideLayerChange<T>(
  store: Store,
  user: User,
  at: string,
  dryRun: boolean,
  decide: (view: GridView) => { plan: GridChangePlan; value: T },
): Promise<{ value: T; gridsVersion?: number }> {
  const actor = { username: user.username, displayName: user.displayName }
  try {
    const result = await store.transactGrids(actor, at, undefined, (view) => {
      const decided = decide(view)
      if (dryRun) throw new DryRun(decided.value)
      return decided
    })
    return { value: result.value, gridsVersion: result.gridsVersion }
  } catch (error) {
    if (error instanceof DryRun) return { value: error.value as T }
    throw error
  }
}

/**
 * A layer import past its file checks: decided (and, unless a dry run, applied) by `decide`; the
 * attribution errors it throws join the report, so a dry run and the refusal say the same.
 */
export async function decideLayerImport<R extends { valid: boolean; errors: ImportError[] }, T>(
  store: Store,
  user: User,
  at: string,
  upload: { dryRun: boolean },
  report: R,
  decide: (view: GridView) => { plan: GridChangePlan; value: T },
): Promise<{ report: R; changes?: T; imported?: { gridsVersion: number } }> {
  try {
    const { value, gridsVersion } = await decideLayerChange(store, user, at, upload.dryRun, decide)
    return {
      report,
      changes: value,
      ...(gridsVersion === undefined ? {} : { imported: { gridsVersion } }),
    }
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error
    const refused = { ...report, valid: false, errors: error.errors }
    if (upload.dryRun) return { report: refused }
    throw new ImportFailed(error.errors, refused)
  }
}
