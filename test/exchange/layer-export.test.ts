import { readFileSync } from 'node:fs'
import type { FeatureCollection } from 'geojson'
import { describe, expect, test } from 'vitest'
import { propertyColumns, toLayerCsv } from '../../server/exchange/layer-csv.ts'
import { toWkt } from '../../server/exchange/wkt.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildCheckpoint, buildGrid } from '../builders.ts'
import { ogrinfo } from './ogrinfo.ts'

describe('layer CSV', () => {
  test('a point layer gets 经度/纬度 columns that GDAL reads as the geometry', async () => {
    const checkpoints = [
      buildCheckpoint({ properties: { name: '南诏镇农贸市场（示例）' } }),
      buildCheckpoint({
        lngLat: [100.2154, 25.4871],
        properties: { kind: 'random', category: 'back-lane' },
      }),
    ]
    const csv = toLayerCsv(checkpoints, propertyColumns(checkpoints))
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const layer = (
      await ogrinfo(csv, 'checkpoints.csv', ['X_POSSIBLE_NAMES=经度', 'Y_POSSIBLE_NAMES=纬度'])
    ).get('checkpoints')
    expect(layer?.featureCount).toBe(2)
    expect(layer?.features[0]).toMatchObject({ 名称: '南诏镇农贸市场（示例）', 示意数据: '是' })
    expect(layer?.features[1]).toMatchObject({ 点位类型: '随机点位', 类别: '背街小巷' })
    expect(layer?.geometries).toEqual(['POINT (100.30603 25.230114)', 'POINT (100.2154 25.4871)'])
  })

  test('a polygon layer gets a WKT column that GDAL reads back as the same polygons', async () => {
    const townships = readGeodata('townships')
    const csv = toLayerCsv(townships, propertyColumns(townships))
    const layer = (
      await ogrinfo(csv, 'townships.csv', ['GEOM_POSSIBLE_NAMES=WKT', 'KEEP_GEOM_COLUMNS=NO'])
    ).get('townships')
    expect(layer?.featureCount).toBe(10)
    expect(layer?.features.map((f) => f.名称)).toContain('南诏镇')
    expect(layer?.geometries[0]?.startsWith('MULTIPOLYGON (((')).toBe(true)
    const [lng, lat] = firstPosition(townships[0] as GeoJsonFeature)
    expect(layer?.geometries[0]).toContain(`MULTIPOLYGON (((${lng} ${lat},`)
  })

  test('custom columns choose and label the cells; booleans read 是/否 and missing values stay empty', () => {
    const grids = [
      buildGrid({ properties: { manager: '李网格' } }),
      buildGrid({ properties: { synthetic: false } }),
    ]
    const csv = toLayerCsv(grids, [
      { header: '网格长', value: (f) => f.properties?.manager as string | undefined },
      { header: '示意', value: (f) => f.properties?.synthetic as boolean },
    ])
    const lines = csv.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('网格长,示意,WKT')
    expect(lines[1]).toMatch(/^李网格,是,"POLYGON \(\(100\.3 25\.22, 100\.31 25\.22, /)
    expect(lines[2]).toMatch(/^,否,/)
  })

  test('properties that share a Chinese label keep distinct headers', () => {
    const features = [
      buildCheckpoint({
        properties: { townshipCode: '532927101', townshipName: '南诏镇' } as never,
      }),
    ]
    const headers = propertyColumns(features).map((c) => c.header)
    expect(headers).toContain('所属乡镇')
    expect(headers).toContain('townshipName')
  })
})

describe('WKT', () => {
  test.each([
    [{ type: 'Point', coordinates: [100.3, 25.2] }, 'POINT (100.3 25.2)'],
    [
      {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
      'MULTIPOINT ((1 2), (3 4))',
    ],
    [
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
      'LINESTRING (1 2, 3 4)',
    ],
    [
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      },
      'MULTILINESTRING ((1 2, 3 4))',
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'POLYGON ((0 0, 1 0, 1 1, 0 0))',
    ],
    [
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        ],
      },
      'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))',
    ],
    [
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }] },
      'GEOMETRYCOLLECTION (POINT (1 2))',
    ],
  ])('%j is written as %s', (geometry, wkt) => {
    expect(toWkt(geometry)).toBe(wkt)
  })
})

function readGeodata(name: string): GeoJsonFeature[] {
  const url = new URL(`../../geodata/${name}.geojson`, import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as FeatureCollection).features as GeoJsonFeature[]
}

function firstPosition(feature: GeoJsonFeature): number[] {
  let c: unknown = feature.geometry?.coordinates
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0]
  return c as number[]
}
