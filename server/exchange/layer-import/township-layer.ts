// A county's township boundaries → township drafts and a tiling report, in the parse worker: read the
// layer (read-layer.ts: any supported format and CRS, the shared limits), map the attributes, check
// each township lies in the county, then overlaps, parts outside the county and gaps
// (tiling-report.ts). The caller decides which problems refuse the import (township-import.ts).
//
// Attributes read (first match wins, case-insensitive):
//   code  乡镇代码 | 乡镇编码 | 区划代码 | code | XZQDM | townshipCode — required, 9 digits of this county
//   name  乡镇名称 | 名称 | name | XZQMC | townshipName              — required

import { featureError, type ImportError } from '../import-error.ts'
import type { Bbox } from '../ledger-import.ts'
import { attribute, codeChecker, layerDrafts, polygonOf, roundArea } from './layer-features.ts'
import { type Area, type TilingIssue, tilingReport } from './tiling-report.ts'

export interface TownshipDraft {
  n: number // feature number in the file, from 1
  code: string
  name: string
  geometry: Area
}

export interface TownshipLayerOptions {
  county: Area // the loaded county outline
  countyCode: string // 6 digits: every township code starts with it
  bounds: Bbox
  toleranceM2?: number // @default 100
  maxFeatures?: number // @default 200: a county has a few dozen townships
}

export type TownshipLayerResult =
  | { crs: string; townships: TownshipDraft[]; problems: TilingIssue[] }
  | { errors: ImportError[] }

const columns = {
  code: ['乡镇代码', '乡镇编码', '区划代码', 'code', 'xzqdm', 'townshipcode'],
  name: ['乡镇名称', '名称', 'name', 'xzqmc', 'townshipname'],
} as const

export function parseTownshipLayer(
  bytes: Uint8Array,
  fileName: string,
  options: TownshipLayerOptions,
): TownshipLayerResult {
  const checkCode = codeChecker(
    '乡镇代码',
    (code) =>
      /^\d{9}$/.test(code) && code.startsWith(options.countyCode)
        ? undefined
        : `“${code}”不是本县的 9 位乡镇代码（应以 ${options.countyCode} 开头）`,
    '缺少乡镇代码',
  )
  const limits = { maxFeatures: options.maxFeatures ?? 200 }
  const read = layerDrafts(
    bytes,
    fileName,
    limits,
    (feature, n, errors): TownshipDraft | undefined => {
      const p = feature.properties ?? {}
      const code = attribute(p, columns.code)
      const name = attribute(p, columns.name)
      checkCode(n, code, errors)
      if (!name) errors.push(featureError(n, '乡镇名称', '缺少乡镇名称'))
      else if (name.length > 50) errors.push(featureError(n, '乡镇名称', '名称超过 50 个字'))
      const geometry = polygonOf(n, feature.geometry, options.bounds, '乡镇界', errors)
      if (!code || !name || !geometry) return undefined
      return { n, code, name, geometry: roundArea(geometry) }
    },
  )
  if ('errors' in read) return read
  const townships = read.drafts
  try {
    const shapes = townships.map((t) => ({ code: t.code, geometry: t.geometry }))
    const problems = tilingReport(options.county, shapes, options.toleranceM2, '乡镇')
    return { crs: read.crs, townships, problems }
  } catch {
    return {
      errors: [
        featureError(
          0,
          '几何',
          '无法校验乡镇界：部分边界过于复杂或有自相交；请在 GIS 软件中修复几何后重新导出',
        ),
      ],
    }
  }
}
