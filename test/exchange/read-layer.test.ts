// Reading layer files: GeoJSON, zipped Shapefile and GeoPackage each give WGS84 features and name
// their CRS; broken, hostile or ambiguous files are refused with a Chinese message, never a crash.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { zipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { InvalidFile } from '../../server/exchange/import-error.ts'
import { readLayerFile } from '../../server/exchange/layer-import/read-layer.ts'

const limits = { maxEntries: 20, maxUncompressedBytes: 8 * 1024 * 1024, maxFeatures: 100 }
const hasGdal = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
const dir = mkdtempSync(join(tmpdir(), 'read-layer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const square = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { 网格编码: '411082001001001', 名称: '一号' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [113.8, 34.2],
            [113.801, 34.2],
            [113.801, 34.201],
            [113.8, 34.201],
            [113.8, 34.2],
          ],
        ],
      },
    },
  ],
}
const refusal = (bytes: Uint8Array, name: string) => {
  try {
    readLayerFile(bytes, name, limits)
  } catch (error) {
    if (error instanceof InvalidFile) return error.message
    throw error
  }
  throw new Error('accepted')
}

const firstPosition = (geometry: { coordinates?: unknown } | null | undefined): number[] =>
  (geometry?.coordinates as number[][][] | undefined)?.[0]?.[0] ?? []

function ogr(args: string[], out: string, copies = 1): string {
  const source = join(dir, 'square.geojson')
  const features = Array.from({ length: copies }, () => square.features[0])
  writeFileSync(source, JSON.stringify({ ...square, features }))
  execFileSync('ogr2ogr', [...args, out, source])
  return out
}

describe('GeoJSON', () => {
  it('without crs is WGS84; a crs member it cannot read is refused naming the file', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(square))
    const read = readLayerFile(bytes, 'a.geojson', limits)
    expect(read.crs).toMatch(/4326/)
    expect(read.features[0]?.properties).toMatchObject({ 网格编码: '411082001001001' })
    const web = { ...square, crs: { type: 'name', properties: { name: 'EPSG:3857' } } }
    expect(refusal(new TextEncoder().encode(JSON.stringify(web)), '网格.geojson')).toMatch(
      /“网格\.geojson”的坐标系（EPSG:3857）/,
    )
  })

  it('projected positions without a crs member are refused as no longitude/latitude', () => {
    const projected = structuredClone(square)
    projected.features[0]?.geometry.coordinates[0]?.forEach((p) => {
      p[0] = (p[0] ?? 0) * 4000
    })
    expect(refusal(new TextEncoder().encode(JSON.stringify(projected)), 'x.geojson')).toMatch(
      /不是有效经纬度/,
    )
  })
})

describe.skipIf(!hasGdal)('Shapefile and GeoPackage made by GDAL', () => {
  it('a zipped Shapefile in EPSG:4547 comes back within 1 cm; without its .prj it is refused', () => {
    const out = ogr(
      ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4547', '-lco', 'ENCODING=UTF-8'],
      join(dir, 'shp'),
    )
    const files: Record<string, Uint8Array> = {}
    for (const f of readdirSync(out)) files[f] = readFileSync(join(out, f))
    const read = readLayerFile(zipSync(files), 'a.zip', limits)
    expect(read.crs).toMatch(/4547/)
    const [x = 0, y = 0] = firstPosition(read.features[0]?.geometry)
    expect(Math.abs(x - 113.8) + Math.abs(y - 34.2)).toBeLessThan(2e-7)
    const noPrj = Object.fromEntries(Object.entries(files).filter(([f]) => !f.endsWith('.prj')))
    expect(refusal(zipSync(noPrj), '网格.zip')).toMatch(/缺少 \.prj/)
  })

  it('a GeoPackage in EPSG:4526 (zone prefix) is read with its Chinese columns', () => {
    const out = ogr(['-f', 'GPKG', '-t_srs', 'EPSG:4526'], join(dir, 'a.gpkg'))
    const read = readLayerFile(readFileSync(out), 'a.gpkg', limits)
    expect(read.crs).toMatch(/4526/)
    expect(read.features[0]?.properties).toMatchObject({
      网格编码: '411082001001001',
      名称: '一号',
    })
    const [x = 0, y = 0] = firstPosition(read.features[0]?.geometry)
    expect(Math.abs(x - 113.8) + Math.abs(y - 34.2)).toBeLessThan(2e-7)
  })

  it('a GeoPackage with two layers, or too many features, is refused', () => {
    const two = ogr(['-f', 'GPKG', '-nln', 'one'], join(dir, 'two.gpkg'))
    execFileSync('ogr2ogr', ['-update', '-nln', 'other', two, join(dir, 'square.geojson')])
    expect(refusal(readFileSync(two), 'two.gpkg')).toMatch(/2 个图层/)
    const many = ogr(['-f', 'GPKG'], join(dir, 'many.gpkg'), limits.maxFeatures + 1)
    expect(refusal(readFileSync(many), 'many.gpkg')).toMatch(/要素过多/)
  })
})

describe('hostile bytes', () => {
  it.each([
    ['x.gpkg', new TextEncoder().encode('not a database')],
    ['x.gpkg', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200)])],
    ['x.zip', new TextEncoder().encode('PK\u0003\u0004 broken')],
    ['x.geojson', new Uint8Array([0xff, 0xfe, 0x00])],
    ['x.shp', new Uint8Array([1, 2, 3])],
    ['x.kml', new Uint8Array([1, 2, 3])],
  ])('%s with junk inside is refused in Chinese', (name, bytes) => {
    expect(refusal(bytes, name)).toMatch(/[\u4e00-\u9fff]/)
  })

  it('a SQLite file that is no GeoPackage is refused', () => {
    const path = join(dir, 'plain.sqlite')
    const db = new Database(path)
    db.exec('CREATE TABLE t (a)')
    db.close()
    expect(refusal(readFileSync(path), 'plain.gpkg')).toMatch(/GeoPackage/)
  })
})
