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
import { featureError, fileError, type ImportError } from '../import-error.ts'
import type { Bbox } from '../ledger-import.ts'
import { attribute, codeChecker, layerDrafts, polygonOf, roundArea } from './layer-features.ts'
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

export function parseGridLayer(
  bytes: Uint8Array,
  fileName: string,
  options: GridLayerOptions,
): GridLayerResult {
  const checkCode = codeChecker(
    '网格编码',
    (code) => (isGridCode(code) ? undefined : `“${code}”不是本县的 15 位网格编码`),
    '缺少网格编码',
  )
  const read = layerDrafts(
    bytes,
    fileName,
    options,
    (feature, n, errors): GridDraft | undefined => {
      const p = feature.properties ?? {}
      const gridCode = attribute(p, columns.gridCode)
      const name = attribute(p, columns.name)
      const unit = attribute(p, columns.unit)
      checkCode(n, gridCode, errors)
      if (!name) errors.push(featureError(n, '网格名称', '缺少网格名称'))
      if (!unit) errors.push(featureError(n, '责任单位', '缺少责任单位'))
      const geometry = polygonOf(n, feature.geometry, options.bounds, '网格', errors)
      if (!gridCode || !name || !unit || !geometry) return undefined
      const township = attribute(p, columns.townshipCode)
      const village = attribute(p, columns.villageCode)
      return {
        n,
        gridCode,
        name,
        unit,
        ...optional('manager', attribute(p, columns.manager)),
        ...optional('managerId', attribute(p, columns.managerId)),
        ...optional('phone', attribute(p, columns.phone)),
        townshipCode: township && /^\d{9}$/.test(township) ? township : gridCode.slice(0, 9),
        villageCode: village && /^\d{12}$/.test(village) ? village : gridCode.slice(0, 12),
        geometry: roundArea(geometry),
      }
    },
  )
  if ('errors' in read) return read
  const grids = read.drafts
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
