// Check points (测评点位) from GeoJSON, KML/KMZ or a zipped Shapefile: point features with name, kind and
// category mapped to our codes, in WGS84. All or nothing: any error → no features.
//
// Attributes read (first match wins, case-insensitive):
//   name      名称 | 点位名称 | name                     — required; KML <name> counts
//   kind      类型 | 点位类型 | kind                     — 固定点位/随机点位/固定/随机/fixed/random; optional,
//                                                         inferred from the category (the two lists are disjoint)
//   category  类别 | 测评类别 | 点位类别 | category      — Chinese label (农贸市场) or code (market); required
//   unit      责任单位 | unitCode | unit                  — the point's own 责任单位 (点长制), a unit's name
//                                                         or code, resolved by the caller; optional
import {
  type CheckpointCategory,
  type CheckpointKind,
  checkpointCategories,
  checkpointKinds,
  fixedCheckpointCategories,
} from '../domain/checkpoint.ts'
import { checkpointCategoryLabels, checkpointKindLabels } from '../domain/labels-zh.ts'
import { type Unit, unitNamed } from '../domain/units.ts'
import type { GeoJsonFeature } from '../storage/store.ts'
import { labelled, text } from './cell-schemas.ts'
import { geoJsonShape } from './geojson-shape.ts'
import {
  capErrors,
  featureError,
  fileError,
  type ImportError,
  InvalidFile,
  sizeRefusal,
} from './import-error.ts'
import { type KmlLimits, readKml, readKmz } from './kml.ts'
import type { Bbox } from './ledger-import.ts'
import { readShapefileZip } from './shapefile.ts'
import { looksLikeZip, type ZipLimits } from './zip-entries.ts'

export interface CheckpointDraft {
  type: 'Feature'
  geometry: { type: 'Point'; coordinates: [lng: number, lat: number] }
  properties: { name: string; kind: CheckpointKind; category: CheckpointCategory; unit?: string }
}

/**
 * A draft's own 责任单位 (点长制), by code or name, and its other properties; a name no unit has is
 * the feature's error (undefined). Absent, the point's grid's unit answers for it.
 */
export function ownUnitOf<U extends Unit>(
  units: readonly U[],
  draft: CheckpointDraft,
  n: number,
  errors: ImportError[],
): { unit: U | undefined; properties: Omit<CheckpointDraft['properties'], 'unit'> } | undefined {
  const { unit: text, ...properties } = draft.properties
  const unit = text === undefined ? undefined : unitNamed(units, text)
  if (text !== undefined && !unit) {
    errors.push(featureError(n, '责任单位', `没有名为“${text}”的责任单位`))
    return undefined
  }
  return { unit, properties }
}

export interface CheckpointImportOptions {
  /** Points must fall inside, e.g. the county's bbox; absent = anywhere. */
  bbox?: Bbox
  /** @default 20 MiB */
  maxBytes?: number
  /** Zips (Shapefile, KMZ) may inflate to this much. @default 100 MiB */
  maxUncompressedBytes?: number
  /** @default 5000 */
  maxFeatures?: number
}

export type CheckpointImportResult = { features: CheckpointDraft[] } | { errors: ImportError[] }

const defaults = {
  maxBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 32 * 1024 * 1024, // 5,000 points with attributes inflate to a few MB
  maxFeatures: 5000,
  maxZipEntries: 100,
  maxKmlBytes: 16 * 1024 * 1024, // one .kml; 5,000 placemarks with descriptions are ~3 MB
}

const supported = '请上传 GeoJSON（.geojson）、KML（.kml/.kmz）或 zip 压缩的 Shapefile（.zip）'

export function parseCheckpointFile(
  bytes: Uint8Array,
  filename: string,
  options: CheckpointImportOptions = {},
): CheckpointImportResult {
  const maxBytes = options.maxBytes ?? defaults.maxBytes
  const refused = sizeRefusal(bytes, maxBytes)
  if (refused) return { errors: refused }
  const zipLimits: ZipLimits = {
    maxEntries: defaults.maxZipEntries,
    maxUncompressedBytes: options.maxUncompressedBytes ?? defaults.maxUncompressedBytes,
  }

  const maxFeatures = options.maxFeatures ?? defaults.maxFeatures
  let features: GeoJsonFeature[]
  try {
    features = readFeatures(bytes, filename, {
      ...zipLimits,
      maxFeatures,
      maxKmlBytes: defaults.maxKmlBytes,
    })
  } catch (error) {
    if (error instanceof InvalidFile) return { errors: [fileError(error.message)] }
    throw error
  }
  if (features.length === 0) return { errors: [fileError('文件里没有任何要素')] }
  if (features.length > maxFeatures) {
    return {
      errors: [fileError(`要素过多（${features.length} 个），一次最多导入 ${maxFeatures} 个`)],
    }
  }

  const drafts: CheckpointDraft[] = []
  const errors: ImportError[] = []
  for (const [i, feature] of features.entries()) {
    const result = toCheckpoint(feature, i + 1, options.bbox)
    if ('errors' in result) errors.push(...result.errors)
    else drafts.push(result.draft)
  }
  return errors.length ? { errors: capErrors(errors) } : { features: drafts }
}

function readFeatures(
  bytes: Uint8Array,
  filename: string,
  limits: ZipLimits & KmlLimits,
): GeoJsonFeature[] {
  const extension = /\.([^.]+)$/.exec(filename.toLowerCase())?.[1] ?? ''
  switch (extension) {
    case 'geojson':
    case 'json':
      return readGeoJson(bytes)
    case 'kml':
      return readKml(bytes, limits)
    case 'kmz':
      if (!looksLikeZip(bytes)) throw new InvalidFile('文件扩展名是 .kmz，但内容不是 zip 压缩包')
      return readKmz(bytes, limits)
    case 'zip':
      if (!looksLikeZip(bytes)) throw new InvalidFile('文件扩展名是 .zip，但内容不是 zip 压缩包')
      return readShapefileZip(bytes, limits)
    case 'shp':
    case 'dbf':
      throw new InvalidFile('请把 .shp、.shx、.dbf、.prj、.cpg 一起打包成一个 .zip 再上传')
    default:
      throw new InvalidFile(`不支持的文件类型“${filename}”，${supported}`)
  }
}

// RFC 7946 has no crs member; older files may still name one, and only geographic WGS84/CGCS2000 will do
const geographicCrs = /CRS84|EPSG:{1,2}(4326|4490)$/i

function readGeoJson(bytes: Uint8Array): GeoJsonFeature[] {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new InvalidFile('文件扩展名是 .geojson，但内容不是有效的 UTF-8 JSON')
  }
  const parsed = geoJsonShape.safeParse(json)
  if (!parsed.success)
    throw new InvalidFile('文件不是 GeoJSON（应为 FeatureCollection 或 Feature）')
  const value = parsed.data
  const crs = 'crs' in value ? value.crs?.properties?.name : undefined
  if (crs !== undefined && !geographicCrs.test(crs)) {
    throw new InvalidFile(`GeoJSON 的坐标系是 ${crs}，只支持 WGS84/CGCS2000 经纬度（RFC 7946）`)
  }
  const features = value.type === 'FeatureCollection' ? value.features : [value]
  return features.map((f) => ({
    type: 'Feature',
    geometry: (f.geometry ?? null) as GeoJsonFeature['geometry'],
    properties: f.properties ?? {},
  }))
}

const attributeNames = {
  name: ['名称', '点位名称', 'name'],
  kind: ['类型', '点位类型', 'kind'],
  category: ['类别', '测评类别', '点位类别', 'category'],
  unit: ['责任单位', 'unitcode', 'unit', 'responsibleunit'],
} as const

const schemas = {
  name: text(100),
  kind: labelled(checkpointKinds, checkpointKindLabels, '点位类型', {
    固定: 'fixed',
    随机: 'random',
  }),
  category: labelled(checkpointCategories, checkpointCategoryLabels, '点位类别'),
}

export function toCheckpoint(
  feature: GeoJsonFeature,
  n: number,
  bbox: Bbox | undefined,
): { draft: CheckpointDraft } | { errors: ImportError[] } {
  const errors: ImportError[] = []
  const position = pointPosition(feature, n, bbox)
  if ('error' in position) errors.push(position.error)

  const values: Partial<Record<keyof typeof schemas, string>> = {}
  const columns: Record<keyof typeof schemas, string> = {
    name: '名称',
    kind: '类型',
    category: '类别',
  }
  for (const key of ['name', 'kind', 'category'] as const) {
    const found = findAttribute(feature.properties ?? {}, attributeNames[key])
    if (found) columns[key] = found.key
    const schema = key === 'kind' ? schemas[key].optional() : schemas[key]
    const result = schema.safeParse(found?.value)
    if (result.success) values[key] = result.data
    else errors.push(featureError(n, columns[key], result.error.issues[0]?.message ?? '格式有误'))
  }

  const category = values.category as CheckpointCategory | undefined
  const kind = values.kind as CheckpointKind | undefined
  if (category && kind && kind !== kindOf(category)) {
    const belongs = checkpointKindLabels[kindOf(category)]
    const problem = `类别“${checkpointCategoryLabels[category]}”属于${belongs}，与类型“${checkpointKindLabels[kind]}”不符`
    errors.push(featureError(n, columns.kind, problem))
  }
  if (errors.length || !('lngLat' in position) || !category) return { errors }
  const unit = findAttribute(feature.properties ?? {}, attributeNames.unit)
  const properties: CheckpointDraft['properties'] = {
    name: values.name as string,
    kind: kind ?? kindOf(category),
    category,
  }
  if (unit) properties.unit = String(unit.value).trim().slice(0, 100)
  return {
    draft: {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: position.lngLat },
      properties,
    },
  }
}

// the fixed and random category lists are disjoint, so a category names its kind
function kindOf(category: CheckpointCategory): CheckpointKind {
  return (fixedCheckpointCategories as readonly string[]).includes(category) ? 'fixed' : 'random'
}

// blank strings count as missing, as an empty spreadsheet cell does
function findAttribute(
  properties: Record<string, unknown>,
  names: readonly string[],
): { key: string; value: unknown } | undefined {
  const keys = Object.keys(properties)
  for (const name of names) {
    const key = keys.find((k) => k.normalize('NFKC').trim().toLowerCase() === name)
    if (key === undefined) continue
    const value = properties[key]
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
      continue
    return { key, value }
  }
  return undefined
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6 // ≈ 0.1 m, as geodata/ stores positions

function pointPosition(
  feature: GeoJsonFeature,
  n: number,
  bbox: Bbox | undefined,
): { lngLat: [number, number] } | { error: ImportError } {
  const g = feature.geometry
  const fail = (problem: string) => ({ error: featureError(n, '坐标', problem) })
  if (!g) return fail('缺少坐标')
  let position: unknown = g.coordinates
  if (g.type === 'MultiPoint' && Array.isArray(position) && position.length === 1)
    position = position[0]
  else if (g.type !== 'Point') return fail(`不是点要素（${g.type}），只能导入点位`)
  if (!Array.isArray(position) || position.length < 2) return fail('坐标缺失或格式有误')
  const [lng, lat] = position as unknown[]
  if (
    typeof lng !== 'number' ||
    typeof lat !== 'number' ||
    !Number.isFinite(lng) ||
    !Number.isFinite(lat)
  ) {
    return fail('坐标不是有效数字')
  }
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    return fail(
      `坐标（${lng}, ${lat}）不是经纬度，可能是投影坐标：请附带 .prj 或转换为 WGS84 经纬度`,
    )
  }
  if (bbox) {
    const [west, south, east, north] = bbox
    if (lng < west || lng > east || lat < south || lat > north) {
      return fail(`坐标（${round6(lng)}, ${round6(lat)}）不在县域范围内`)
    }
  }
  return { lngLat: [round6(lng), round6(lat)] }
}
