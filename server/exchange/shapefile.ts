// A zipped Shapefile → GeoJSON features in WGS84: the .dbf decoded with its real encoding (dbf-encoding.ts),
// positions reprojected from the .prj unless it is already geographic (WGS84, CGCS2000 — equal to ~1 m).
import proj4, { type Converter } from 'proj4'
import { parseDbf, parseShp } from 'shpjs'
import type { GeoJsonFeature, GeoJsonGeometry } from '../storage/store.ts'
import { dbfEncoding } from './dbf-encoding.ts'
import { InvalidFile } from './import-error.ts'
import { crsFromWkt, type Transform } from './layer-import/crs.ts'
import { tooMany } from './read-limits.ts'
import { readZipEntries, type ZipLimits } from './zip-entries.ts'

export function readShapefileZip(
  zip: Uint8Array,
  limits: ZipLimits & { maxFeatures: number },
): GeoJsonFeature[] {
  const { geometries, records, prj } = readShapefileParts(zip, limits)
  const toWgs84 = prj ? projectionToWgs84(prj) : undefined
  return geometries.map((geometry, i) => ({
    type: 'Feature',
    geometry: geometry && toWgs84 ? mapPositions(geometry, toWgs84) : geometry,
    properties: records[i] ?? {},
  }))
}

/** The one layer of a zipped Shapefile, positions as stored, and its .prj text (when there is one). */
export function readShapefileParts(
  zip: Uint8Array,
  limits: ZipLimits & { maxFeatures: number },
): { geometries: (GeoJsonGeometry | null)[]; records: Record<string, unknown>[]; prj?: string } {
  const entries = readZipEntries(zip, limits)
  const files = new Map<string, Uint8Array>() // lower-cased name → bytes, macOS resource forks dropped
  for (const [name, bytes] of entries) {
    if (name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name)) continue
    files.set(name.toLowerCase(), bytes)
  }
  const layers = [...files.keys()].filter((n) => n.endsWith('.shp'))
  if (layers.length === 0) throw new InvalidFile('压缩包里没有 .shp 文件，不是 Shapefile')
  if (layers.length > 1) {
    throw new InvalidFile(
      `压缩包里有 ${layers.length} 个图层（${layers.join('、')}），请一次只上传一个`,
    )
  }
  const base = (layers[0] as string).slice(0, -4)
  const shp = files.get(`${base}.shp`) as Uint8Array
  const dbf = files.get(`${base}.dbf`)
  const prj = files.get(`${base}.prj`)
  const cpg = files.get(`${base}.cpg`)
  if (!dbf) throw new InvalidFile('压缩包里缺少 .dbf 属性表，无法读取属性（名称、编码等）')

  // count from the headers before parsing: the .dbf says how many records it has, the .shp is walked
  // record header by record header (8 bytes each), stopping at the limit + 1
  if (dbf.length >= 8) {
    const records = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint32(4, true)
    if (records > limits.maxFeatures) throw tooMany('要素', limits.maxFeatures)
  }
  if (countShpRecords(shp, limits.maxFeatures + 1) > limits.maxFeatures) {
    throw tooMany('要素', limits.maxFeatures)
  }

  let geometries: (GeoJsonGeometry | null)[]
  let records: Record<string, unknown>[]
  try {
    geometries = parseShp(shp)
  } catch {
    throw new InvalidFile('.shp 文件已损坏，无法读取')
  }
  try {
    const encoding = dbfEncoding(cpg && new TextDecoder().decode(cpg), dbf)
    records = parseDbf(dbf, encoding)
  } catch {
    throw new InvalidFile('.dbf 属性表已损坏，无法读取')
  }

  return prj ? { geometries, records, prj: new TextDecoder().decode(prj) } : { geometries, records }
}

/** Records in a .shp (100-byte header, then per record an 8-byte header + content), up to stopAfter. */
function countShpRecords(shp: Uint8Array, stopAfter: number): number {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength)
  let count = 0
  for (let at = 100; at + 8 <= shp.length && count < stopAfter; count++) {
    at += 8 + view.getInt32(at + 4, false) * 2 // content length in 16-bit words, big-endian
  }
  return count
}

/** undefined when the .prj is geographic already (no transformation to make). */
function projectionToWgs84(wkt: string): Transform | undefined {
  const known = crsFromWkt(wkt) // CGCS2000 Gauss–Krüger as GDAL names it, which proj4's parser lacks
  if (known) return known.toWgs84
  let converter: Converter
  try {
    converter = proj4(wkt, 'WGS84')
  } catch {
    throw new InvalidFile('无法识别 .prj 文件中的坐标系，请转换为 WGS84 或 CGCS2000 经纬度后再上传')
  }
  if (new proj4.Proj(wkt).names.includes('longlat')) return undefined
  return ([x = Number.NaN, y = Number.NaN]) => converter.forward([x, y])
}

export function mapPositions(geometry: GeoJsonGeometry, fn: Transform): GeoJsonGeometry {
  const walk = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number'
      ? fn(c as number[])
      : Array.isArray(c)
        ? c.map(walk)
        : c
  return { ...geometry, coordinates: walk(geometry.coordinates) }
}
