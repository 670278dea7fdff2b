// Grid exports over HTTP: the assignment table as XLSX (read back with read-excel-file), the grids
// as GeoJSON, and as a zipped Shapefile read back by GDAL with its Chinese text intact.

import { unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/node'
import { afterEach, describe, expect, it } from 'vitest'
import { ogrinfo, ogrSql } from '../exchange/ogrinfo.ts'
import { type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp | undefined
afterEach(async () => {
  await ledger?.close()
  ledger = undefined
})

async function start(): Promise<LedgerApp> {
  ledger = await startLedgerApp()
  return ledger
}

const seat = places.seat.gridCode

const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

describe('grid exports', () => {
  it('exports the filtered assignment table as XLSX with Chinese headers', async () => {
    const app = await start()
    const table = (await app.display.get('/api/grids?township=532927101')).body
    const reply = await app.display.get('/api/grids/export.xlsx?township=532927101')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('spreadsheetml')
    expect(reply.headers.get('content-disposition')).toBe(attachment('网格责任表-20261122.xlsx'))
    const [sheet] = await readXlsxFile(reply.bytes)
    expect(sheet?.sheet).toBe('网格责任表')
    const [header, ...rows] = sheet?.data ?? []
    expect(header?.slice(0, 7)).toEqual([
      '网格编码',
      '网格名称',
      '乡镇',
      '村（社区）代码',
      '责任单位',
      '网格长',
      '联系电话',
    ])
    expect(rows).toHaveLength(table.total)
    const row = rows.find((r) => r[0] === seat)
    const expected = table.items.find((r: { gridCode: string }) => r.gridCode === seat)
    expect(row?.slice(0, 6)).toEqual([
      seat,
      expected.name,
      '南诏镇',
      expected.villageCode,
      '县城市管理局',
      expected.managerName,
    ])
    const column = (name: string) => header?.indexOf(name) ?? -1
    expect(row?.[column('未办结问题')]).toBe(3)
    expect(row?.[column('办结率')]).toBe(0.25)
    expect(row?.[column('分配状态')]).toBe('已分配')
  })

  it('exports the grids as GeoJSON with their row properties', async () => {
    const app = await start()
    const reply = await app.display.get('/api/grids/export.geojson?unit=urban-management')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('application/geo+json')
    const collection = JSON.parse(reply.bytes.toString('utf8'))
    expect(collection.type).toBe('FeatureCollection')
    const seatFeature = collection.features.find((f: { id: string }) => f.id === seat)
    expect(seatFeature.geometry.type).toBe('MultiPolygon')
    expect(seatFeature.properties).toMatchObject({ gridCode: seat, unitName: '县城市管理局' })
    expect(seatFeature.properties).not.toHaveProperty('editable')
    for (const f of collection.features) expect(f.properties.unitCode).toBe('urban-management')
  })

  it('exports a Shapefile that GDAL reads with the Chinese names intact', async () => {
    const app = await start()
    const table = (await app.display.get('/api/grids')).body
    const reply = await app.display.get('/api/grids/export.zip')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-disposition')).toBe(attachment('责任网格-20261122.zip'))
    const entries = unzipSync(new Uint8Array(reply.bytes))
    expect(Object.keys(entries).sort()).toEqual([
      'grids.cpg',
      'grids.dbf',
      'grids.prj',
      'grids.shp',
      'grids.shx',
    ])
    expect(new TextDecoder().decode(entries['grids.cpg'])).toBe('UTF-8')
    const layers = await ogrinfo(reply.bytes, 'grids.shp.zip') // GDAL opens a .shp.zip directly
    const layer = layers.get('grids')
    expect(layer?.featureCount).toBe(table.total)
    const expected = table.items.find((r: { gridCode: string }) => r.gridCode === seat)
    const index = layer?.features.findIndex((f) => f.GRIDCODE === seat) ?? -1
    const feature = layer?.features[index]
    expect(feature).toMatchObject({
      NAME: expected.name,
      TOWNNAME: '南诏镇',
      UNITNAME: '县城市管理局',
      MANAGER: expected.managerName,
    })
    expect(Number(feature?.AREA_KM2)).toBeCloseTo(expected.areaKm2, 2)
    expect(Number(feature?.OPEN)).toBe(3)
    expect(layer?.fieldTypes.get('AREA_KM2')).toBe('Real')
    // exterior rings clockwise as the format wants: GDAL reads one polygon, no holes
    const wkt = layer?.geometries[index] ?? ''
    expect(wkt).toMatch(/^POLYGON \(\(/)
    expect(wkt).not.toContain('),(')
    const first = /^POLYGON \(\(([-\d.]+) ([-\d.]+)/.exec(wkt)
    expect(Number(first?.[1])).toBeGreaterThan(100)
    expect(Number(first?.[2])).toBeGreaterThan(25)
    // every grid, holes included, is a valid polygon to GEOS (wrong winding made one invalid)
    const invalid = 'SELECT count(*) AS invalid FROM grids WHERE NOT ST_IsValid(geometry)'
    expect(await ogrSql(reply.bytes, 'grids.shp.zip', invalid)).toBe('0')
    const all = 'SELECT count(*) AS n FROM grids WHERE ST_IsValid(geometry)'
    expect(await ogrSql(reply.bytes, 'grids.shp.zip', all)).toBe(String(table.total))
  })

  it('answers 404 for an unknown format and 400 for an unknown filter', async () => {
    const app = await start()
    expect((await app.display.get('/api/grids/export.csv')).status).toBe(404)
    expect((await app.display.get('/api/grids/export.xlsx?colour=red')).status).toBe(400)
  })
})
