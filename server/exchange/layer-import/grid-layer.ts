// A county's grid file → grid drafts and a tiling report, in the parse worker: read the layer (any
// supported format and CRS), map the attributes from Chinese or English column names, check each
// grid lies in the county, then whether they tile the county outline (tiling-report.ts).
//
// Attributes read (first match wins, case-insensitive):
//   gridCode      网格编码 | gridCode | GRIDCODE | 编码            — required, 15 digits of this county
//   name          网格名称 | name | NAME | 名称                    — required
//   unit          责任单位 | unitName | UNITNAME | unitCode | UNITCODE | responsibleUnit — required:
//                 a unit's name or code, resolved against the units list by the caller
//   manager       网格长 | managerName | manager | MANAGER         — optional
//   managerId     网格长编号 | managerId | MANAGERID                — optional (our own exports carry it)
//   phone         联系电话 | managerPhone | phone | PHONE         — optional
//   townshipCode  乡镇代码 | townshipCode | TOWNSHIP               — optional (else from the grid code)
//   villageCode   村（社区）代码 | 村社区代码 | villageCode | VILLAGE — optional (else from the grid code)
import { isGridCode } from '../../domain/grid-codes.ts'
import { capErrors, featureError, fileError, type ImportError } from '../import-error.ts'
import type { Bbox } from '../ledger-import.ts'
import { readLayerUpload } from './read-layer.ts'
import { type Area, type TilingIssue, tilingReport } from './tiling-report.ts'

export interface GridDraft {
  n: number // feature number in the file, from 1
  gridCode: string
  name: string
  unit: string
  manager?: string
  managerId?: string
  phone?: string
  townshipCode: string
  villageCode: string
  geometry: Area
}

export interface GridLayerOptions {
  county: Area // the loaded county outline the grids must tile
  bounds: Bbox
  toleranceM2?: number // @default 100
  maxBytes?: number // @default 20 MiB
  maxFeatures?: number // @default 5000
}

export type GridLayerResult =
  | { crs: string; grids: GridDraft[]; problems: TilingIssue[] }
  | { errors: ImportError[] }

const columns = {
  gridCode: ['网格编码', 'gridcode', '编码'],
  name: ['网格名称', 'name', '名称'],
  unit: ['责任单位', 'unitname', 'unitcode', 'responsibleunit'],
  manager: ['网格长', 'managername', 'manager'],
  managerId: ['网格长编号', 'managerid'],
  phone: ['联系电话', 'managerphone', 'phone'],
  townshipCode: ['乡镇代码', 'townshipcode', 'township'],
  villageCode: ['村（社区）代码', '村(社区)代码', '村社区代码', 'villagecode', 'village'],
} as const

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

export function parseGridLayer(
  bytes: Uint8Array,
  fileName: string,
  options: GridLayerOptions,
): GridLayerResult {
  const read = readLayerUpload(bytes, fileName, options)
  if ('errors' in read) return read

  const errors: ImportError[] = []
  const grids: GridDraft[] = []
  const seen = new Map<string, number>()
  for (const [i, feature] of read.features.entries()) {
    const n = i + 1
    const p = feature.properties ?? {}
    const gridCode = attribute(p, columns.gridCode)
    const name = attribute(p, columns.name)
    const unit = attribute(p, columns.unit)
    const before = errors.length
    if (!gridCode) errors.push(featureError(n, '网格编码', '缺少网格编码'))
    else if (!isGridCode(gridCode))
      errors.push(featureError(n, '网格编码', `“${gridCode}”不是本县的 15 位网格编码`))
    else if (seen.has(gridCode))
      errors.push(featureError(n, '网格编码', `${gridCode} 与第 ${seen.get(gridCode)} 个要素重复`))
    if (!name) errors.push(featureError(n, '网格名称', '缺少网格名称'))
    if (!unit) errors.push(featureError(n, '责任单位', '缺少责任单位'))
    const geometry = feature.geometry
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      errors.push(
        featureError(n, '几何', `不是面要素（${geometry?.type ?? '无几何'}），网格须为多边形`),
      )
    } else if (!inside(geometry as Area, options.bounds)) {
      errors.push(featureError(n, '几何', '位置不在县域范围内：请检查坐标系是否正确'))
    }
    if (gridCode) seen.set(gridCode, n)
    if (errors.length > before || !gridCode || !name || !unit) continue
    const township = attribute(p, columns.townshipCode)
    const village = attribute(p, columns.villageCode)
    grids.push({
      n,
      gridCode,
      name,
      unit,
      ...optional('manager', attribute(p, columns.manager)),
      ...optional('managerId', attribute(p, columns.managerId)),
      ...optional('phone', attribute(p, columns.phone)),
      townshipCode: township && /^\d{9}$/.test(township) ? township : gridCode.slice(0, 9),
      villageCode: village && /^\d{12}$/.test(village) ? village : gridCode.slice(0, 12),
      geometry: roundArea(geometry as Area),
    })
  }
  if (errors.length > 0) return { errors: capErrors(errors) }
  try {
    const shapes = grids.map((g) => ({ code: g.gridCode, geometry: g.geometry }))
    const problems = tilingReport(options.county, shapes, options.toleranceM2)
    return { crs: read.crs, grids, problems }
  } catch {
    // the clipping library gives up on degenerate rings (spikes, repeated edges)
    return {
      errors: [
        fileError(
          '无法校验网格是否铺满县域：部分网格边界过于复杂或有自相交；请在 GIS 软件中修复几何（如 QGIS“修复几何”）后重新导出',
        ),
      ],
    }
  }
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>

const marginDeg = 0.001 // ≈ 100 m: a vertex on the county line may land just past it after reprojection

/** Every vertex within the county's box (plus a margin): a wrong CRS puts a layer far outside it. */
export function inside(geometry: Area, bounds: Bbox): boolean {
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
