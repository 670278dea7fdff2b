// One layer file → GeoJSON features in WGS84 and the CRS it came in: GeoJSON (an optional `crs`
// member), a zipped Shapefile (its .prj) or a GeoPackage (gpkg_spatial_ref_sys). Limits are checked
// while reading (zip-entries, shapefile headers, a COUNT before the GeoPackage rows are read).
import type { GeoJsonFeature } from '../../storage/store.ts'
import { geoJsonShape } from '../geojson-shape.ts'
import { fileError, type ImportError, InvalidFile } from '../import-error.ts'
import { tooMany } from '../read-limits.ts'
import { mapPositions, readShapefileParts } from '../shapefile.ts'
import { looksLikeZip, type ZipLimits } from '../zip-entries.ts'
import { type Crs, crsFromEpsg, crsFromName, crsFromWkt, unknownCrs } from './crs.ts'
import { readGeoPackage } from './geopackage.ts'

export interface LayerLimits extends ZipLimits {
  maxFeatures: number
}

export interface ReadLayer {
  features: GeoJsonFeature[] // WGS84 [lng, lat]
  crs: string // the CRS the file was in, named for the report
}

export const layerFileExtensions = /\.(geojson|json|zip|gpkg)$/i

/** What any county layer file may hold; each importer may lower maxBytes and maxFeatures. */
export const layerLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 64 * 1024 * 1024, // a county's grids with full vertices: tens of MB at most
  maxEntries: 100,
  maxFeatures: 5000,
}

/**
 * An upload → its features in WGS84, or the refusal: empty, too big, unreadable, no features. The
 * entry point of every layer importer (grids, townships, check points), so all share one set of limits.
 */
export function readLayerUpload(
  bytes: Uint8Array,
  fileName: string,
  limits: { maxBytes?: number; maxFeatures?: number } = {},
): ReadLayer | { errors: ImportError[] } {
  const maxBytes = limits.maxBytes ?? layerLimits.maxBytes
  if (bytes.length === 0) return { errors: [fileError('文件是空的')] }
  if (bytes.length > maxBytes)
    return { errors: [fileError(`文件过大，上限 ${Math.round(maxBytes / 1024 / 1024)} MB`)] }
  let read: ReadLayer
  try {
    read = readLayerFile(bytes, fileName, {
      maxEntries: layerLimits.maxEntries,
      maxUncompressedBytes: layerLimits.maxUncompressedBytes,
      maxFeatures: limits.maxFeatures ?? layerLimits.maxFeatures,
    })
  } catch (error) {
    if (error instanceof InvalidFile) return { errors: [fileError(error.message)] }
    throw error
  }
  if (read.features.length === 0) return { errors: [fileError('文件里没有任何要素')] }
  return read
}

export function readLayerFile(bytes: Uint8Array, fileName: string, limits: LayerLimits): ReadLayer {
  const extension = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? ''
  const read = (): { features: GeoJsonFeature[]; crs: Crs } => {
    switch (extension) {
      case 'geojson':
      case 'json':
        return readGeoJson(bytes, fileName, limits)
      case 'zip': {
        if (!looksLikeZip(bytes)) throw new InvalidFile('文件扩展名是 .zip，但内容不是 zip 压缩包')
        const { geometries, records, prj } = readShapefileParts(bytes, limits)
        if (!prj) {
          throw new InvalidFile(
            `“${fileName}”的压缩包里缺少 .prj 坐标系文件：请连同 .prj 一起打包（WGS84 或 CGCS2000）`,
          )
        }
        const crs = crsFromWkt(prj)
        if (!crs) throw unknownCrs(fileName, prj.slice(0, 60))
        const features = geometries.map(
          (geometry, i): GeoJsonFeature => ({
            type: 'Feature',
            geometry,
            properties: records[i] ?? {},
          }),
        )
        return { features, crs }
      }
      case 'gpkg':
        return readGeoPackage(bytes, fileName, limits)
      case 'shp':
      case 'dbf':
        throw new InvalidFile('请把 .shp、.shx、.dbf、.prj、.cpg 一起打包成一个 .zip 再上传')
      default:
        throw new InvalidFile(
          `不支持的文件类型“${fileName}”，请上传 GeoJSON（.geojson）、zip 压缩的 Shapefile（.zip）或 GeoPackage（.gpkg）`,
        )
    }
  }
  const { features, crs } = read()
  if (features.length > limits.maxFeatures) throw tooMany('要素', limits.maxFeatures)
  const toWgs84 = crs.toWgs84
  const projected = toWgs84
    ? features.map((f) => ({ ...f, geometry: f.geometry && mapPositions(f.geometry, toWgs84) }))
    : features
  assertLongitudeLatitude(projected, fileName, crs)
  return { features: projected, crs: crs.name }
}

/** Positions that are no longitude/latitude after reprojection: the file's CRS is not what it says. */
function assertLongitudeLatitude(features: GeoJsonFeature[], fileName: string, crs: Crs): void {
  for (const [i, feature] of features.entries()) {
    let bad: unknown
    const walk = (c: unknown): void => {
      if (bad !== undefined || !Array.isArray(c)) return
      if (typeof c[0] === 'number') {
        const [x, y] = c as number[]
        if (
          !Number.isFinite(x) ||
          !Number.isFinite(y) ||
          Math.abs(x ?? 0) > 180 ||
          Math.abs(y ?? 0) > 90
        )
          bad = c
      } else c.forEach(walk)
    }
    walk(feature.geometry?.coordinates)
    if (bad !== undefined) {
      throw new InvalidFile(
        `“${fileName}”第 ${i + 1} 个要素的坐标（${String(bad).slice(0, 40)}）按 ${crs.name} 不是有效经纬度：文件的坐标系声明可能有误，请检查后重新导出`,
      )
    }
  }
}

function readGeoJson(
  bytes: Uint8Array,
  fileName: string,
  limits: LayerLimits,
): { features: GeoJsonFeature[]; crs: Crs } {
  // the upload's byte limit bounds JSON.parse; the worker's heap and deadline bound the rest
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InvalidFile('文件扩展名是 .geojson，但内容不是有效的 UTF-8 文本')
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new InvalidFile('文件扩展名是 .geojson，但内容不是有效的 JSON')
  }
  const parsed = geoJsonShape.safeParse(json)
  if (!parsed.success)
    throw new InvalidFile('文件不是 GeoJSON（应为 FeatureCollection 或 Feature）')
  const value = parsed.data
  const name = value.crs?.properties?.name
  const crs = name === undefined ? crsFromEpsg(4326) : crsFromName(name)
  if (!crs) throw unknownCrs(fileName, name ?? '')
  const features = value.type === 'FeatureCollection' ? value.features : [value]
  if (features.length > limits.maxFeatures) throw tooMany('要素', limits.maxFeatures)
  return {
    crs,
    features: features.map((f) => ({
      type: 'Feature',
      geometry: (f.geometry ?? null) as GeoJsonFeature['geometry'],
      properties: f.properties ?? {},
    })),
  }
}
