// A county's own check point list → check point drafts, in the parse worker: read the layer
// (read-layer.ts: GeoJSON, zipped Shapefile or GeoPackage in any supported CRS, the shared limits),
// map name, kind and category as the check-point import does (checkpoint-import.ts `toCheckpoint`),
// and read each point's code; every point must lie inside the county outline.
//
// Attributes read besides those of checkpoint-import.ts (first match wins, case-insensitive):
//   code  点位编码 | 编码 | code | id — optional: a code equal to a current point's id keeps that point
//         (its inspections, issues and plans stay linked); others get new ids
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { type CheckpointDraft, toCheckpoint } from '../checkpoint-import.ts'
import { featureError, type ImportError } from '../import-error.ts'
import type { Bbox } from '../ledger-import.ts'
import { attribute, codeChecker, layerDrafts } from './layer-features.ts'
import type { Area } from './tiling-report.ts'

export interface CheckpointLayerDraft extends CheckpointDraft {
  n: number // feature number in the file, from 1
  code?: string
}

export interface CheckpointLayerOptions {
  county: Area // points must lie inside the outline
  bounds: Bbox
  maxFeatures?: number // @default 5000
}

export type CheckpointLayerResult =
  | { crs: string; checkpoints: CheckpointLayerDraft[] }
  | { errors: ImportError[] }

const codeColumns = ['点位编码', '编码', 'code', 'id'] as const
const codePattern = /^[\w-]{1,40}$/

export function parseCheckpointLayer(
  bytes: Uint8Array,
  fileName: string,
  options: CheckpointLayerOptions,
): CheckpointLayerResult {
  const checkCode = codeChecker('点位编码', (code) =>
    codePattern.test(code) ? undefined : `“${code.slice(0, 40)}”含有字母、数字、-、_ 以外的字符`,
  )
  const read = layerDrafts(bytes, fileName, options, (feature, n, errors) => {
    const code = attribute(feature.properties ?? {}, codeColumns)
    checkCode(n, code, errors)
    const result = toCheckpoint(feature, n, options.bounds)
    if ('errors' in result) {
      errors.push(...result.errors)
      return undefined
    }
    if (!booleanPointInPolygon(result.draft.geometry.coordinates, options.county)) {
      const [lng, lat] = result.draft.geometry.coordinates
      errors.push(featureError(n, '坐标', `坐标（${lng}, ${lat}）在县界外`))
      return undefined
    }
    const draft: CheckpointLayerDraft = {
      ...result.draft,
      n,
      ...(code === undefined ? {} : { code }),
    }
    return draft
  })
  return 'errors' in read ? read : { crs: read.crs, checkpoints: read.drafts }
}
