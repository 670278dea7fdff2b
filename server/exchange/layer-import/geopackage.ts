// A GeoPackage (OGC 12-128r18) → GeoJSON features in its own CRS, plus that CRS: the one feature
// table listed in gpkg_contents, its geometry column from gpkg_geometry_columns, the srs from
// gpkg_spatial_ref_sys. Geometries are GeoPackage binary: a "GP" header (with an optional envelope)
// followed by standard WKB, read with wkx. Opened from the bytes in memory, read-only.
import Database from 'better-sqlite3'
import wkx from 'wkx'
import type { GeoJsonFeature, GeoJsonGeometry } from '../../storage/store.ts'
import { InvalidFile } from '../import-error.ts'
import { tooMany } from '../read-limits.ts'
import { type Crs, crsFromEpsg, crsFromWkt, unknownCrs } from './crs.ts'

const sqliteMagic = 'SQLite format 3\0'

export function looksLikeGeoPackage(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 16)).toString('latin1') === sqliteMagic
}

export function readGeoPackage(
  bytes: Uint8Array,
  fileName: string,
  limits: { maxFeatures: number },
): { features: GeoJsonFeature[]; crs: Crs } {
  if (!looksLikeGeoPackage(bytes))
    throw new InvalidFile('文件扩展名是 .gpkg，但内容不是 GeoPackage')
  let db: Database.Database
  try {
    db = new Database(Buffer.from(bytes), { readonly: true })
  } catch {
    throw new InvalidFile('GeoPackage 文件已损坏，无法打开')
  }
  try {
    return readOpened(db, fileName, limits)
  } catch (error) {
    if (error instanceof InvalidFile) throw error
    throw new InvalidFile('GeoPackage 文件结构不完整（缺少 gpkg_contents 等必需表），无法读取')
  } finally {
    db.close()
  }
}

function readOpened(
  db: Database.Database,
  fileName: string,
  limits: { maxFeatures: number },
): { features: GeoJsonFeature[]; crs: Crs } {
  const layers = db
    .prepare(
      `SELECT c.table_name AS name, g.column_name AS geometryColumn, c.srs_id AS srsId
       FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
       WHERE c.data_type = 'features'`,
    )
    .all() as { name: string; geometryColumn: string; srsId: number }[]
  if (layers.length === 0) throw new InvalidFile('GeoPackage 里没有要素图层')
  if (layers.length > 1) {
    const names = layers.map((l) => l.name).join('、')
    throw new InvalidFile(`GeoPackage 里有 ${layers.length} 个图层（${names}），请一次只上传一个`)
  }
  const layer = layers[0] as (typeof layers)[number]
  // only a real table: a view could run any query the file's author wrote
  const table = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
    .get(layer.name)
  if (!table) throw new InvalidFile(`GeoPackage 图层“${layer.name}”不是数据表`)
  const srs = db
    .prepare(
      `SELECT organization, organization_coordsys_id AS id, definition
       FROM gpkg_spatial_ref_sys WHERE srs_id = ?`,
    )
    .get(layer.srsId) as { organization: string; id: number; definition: string } | undefined
  const crs =
    (srs?.organization.toUpperCase() === 'EPSG' ? crsFromEpsg(srs.id) : undefined) ??
    (srs ? crsFromWkt(srs.definition) : undefined)
  if (!crs) {
    throw unknownCrs(fileName, srs ? `${srs.organization}:${srs.id}` : `srs_id ${layer.srsId}`)
  }

  const quoted = `"${layer.name.replaceAll('"', '""')}"`
  const { n } = db.prepare(`SELECT COUNT(*) AS n FROM ${quoted}`).get() as { n: number }
  if (n > limits.maxFeatures) throw tooMany('要素', limits.maxFeatures)
  const features: GeoJsonFeature[] = []
  for (const row of db.prepare(`SELECT * FROM ${quoted}`).iterate() as Iterable<
    Record<string, unknown>
  >) {
    const { [layer.geometryColumn]: blob, ...rest } = row
    const properties: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(rest)) {
      if (value instanceof Uint8Array) continue // blobs are no attributes we map
      properties[key] = typeof value === 'bigint' ? Number(value) : value
    }
    features.push({
      type: 'Feature',
      geometry: blob instanceof Uint8Array ? geometryOf(blob, features.length + 1) : null,
      properties,
    })
  }
  return { features, crs }
}

const envelopeBytes = [0, 32, 48, 48, 64]

/** GeoPackage binary → GeoJSON geometry; null when flagged empty. */
export function geometryOf(blob: Uint8Array, n: number): GeoJsonGeometry | null {
  const bad = () => new InvalidFile(`第 ${n} 个要素的几何数据已损坏，无法读取`)
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw bad() // "GP"
  const flags = blob[3] ?? 0
  if (flags & 0b10000) return null // empty geometry
  const envelope = envelopeBytes[(flags >> 1) & 0b111]
  if (envelope === undefined) throw bad()
  try {
    const wkb = Buffer.from(blob.buffer, blob.byteOffset + 8 + envelope, blob.length - 8 - envelope)
    return wkx.Geometry.parse(wkb).toGeoJSON() as GeoJsonGeometry
  } catch {
    throw bad()
  }
}
