// What every layer parser (grids, townships, check points) does with a file's features: one pipeline
// from the upload to drafts, attributes read by any of their column names, the code column's checks
// and the polygon checks.
import type { GeoJsonFeature } from '../../storage/store.ts'
import { capErrors, featureError, type ImportError } from '../import-error.ts'
import type { Bbox } from '../ledger-import.ts'
import { readLayerUpload } from './read-layer.ts'
import type { Area } from './tiling-report.ts'

/**
 * Reads the upload (read-layer.ts) and turns each feature, numbered from 1, into a draft, pushing
 * what is wrong with it to `errors`; a feature with any error gives no draft, and any error refuses
 * the file (the first 200 reported).
 */
export function layerDrafts<D>(
  bytes: Uint8Array,
  fileName: string,
  limits: { maxBytes?: number; maxFeatures?: number },
  draft: (feature: GeoJsonFeature, n: number, errors: ImportError[]) => D | undefined,
): { crs: string; drafts: D[] } | { errors: ImportError[] } {
  const read = readLayerUpload(bytes, fileName, limits)
  if ('errors' in read) return read
  const errors: ImportError[] = []
  const drafts: D[] = []
  for (const [i, feature] of read.features.entries()) {
    const before = errors.length
    const made = draft(feature, i + 1, errors)
    if (made !== undefined && errors.length === before) drafts.push(made)
  }
  return errors.length > 0 ? { errors: capErrors(errors) } : { crs: read.crs, drafts }
}

/** A property's text value: first matching column whose value is not blank. */
export function attribute(
  properties: Record<string, unknown>,
  names: readonly string[],
): string | undefined {
  const keys = Object.keys(properties)
  for (const name of names) {
    const key = keys.find(
      (k) => k.normalize('NFKC').trim().toLowerCase() === name.normalize('NFKC'),
    )
    if (key === undefined) continue
    const value = properties[key]
    if (value === null || value === undefined) continue
    const text = String(value).trim()
    if (text) return text
  }
  return undefined
}

/**
 * Checks a layer's code column feature by feature: present (when `missing` says what to report
 * otherwise), well formed (`malformed` says why not) and not the same as an earlier feature's.
 */
export function codeChecker(
  column: string,
  malformed: (code: string) => string | undefined,
  missing?: string,
): (n: number, code: string | undefined, errors: ImportError[]) => void {
  const seen = new Map<string, number>()
  return (n, code, errors) => {
    if (code === undefined) {
      if (missing !== undefined) errors.push(featureError(n, column, missing))
      return
    }
    const why = malformed(code)
    if (why !== undefined) errors.push(featureError(n, column, why))
    else if (seen.has(code))
      errors.push(featureError(n, column, `${code} 与第 ${seen.get(code)} 个要素重复`))
    seen.set(code, n)
  }
}

/** The feature's polygon if it is one and lies within the county's box; else why not, in `errors`. */
export function polygonOf(
  n: number,
  geometry: GeoJsonFeature['geometry'],
  bounds: Bbox,
  noun: string, // what the polygons are, in the message: 网格, 乡镇界
  errors: ImportError[],
): Area | undefined {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    errors.push(
      featureError(n, '几何', `不是面要素（${geometry?.type ?? '无几何'}），${noun}须为多边形`),
    )
    return undefined
  }
  if (!inside(geometry as Area, bounds)) {
    errors.push(featureError(n, '几何', '位置不在县域范围内：请检查坐标系是否正确'))
    return undefined
  }
  return geometry as Area
}

const marginDeg = 0.001 // ≈ 100 m: a vertex on the county line may land just past it after reprojection

/** Every vertex within the county's box (plus a margin): a wrong CRS puts a layer far outside it. */
function inside(geometry: Area, bounds: Bbox): boolean {
  const [west, south, east, north] = [
    bounds[0] - marginDeg,
    bounds[1] - marginDeg,
    bounds[2] + marginDeg,
    bounds[3] + marginDeg,
  ]
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return rings.every((polygon) =>
    polygon.every((ring) =>
      ring.every(([x = 0, y = 0]) => x >= west && x <= east && y >= south && y <= north),
    ),
  )
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6 // ≈ 0.1 m, as geodata/ stores positions

export function roundArea(geometry: Area): Area {
  const ring = (r: number[][]) => r.map(([x = 0, y = 0]) => [round6(x), round6(y)])
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) }
}
