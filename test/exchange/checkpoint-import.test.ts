import { readFileSync } from 'node:fs'
import { strToU8, unzipSync, zipSync } from 'fflate'
import type { FeatureCollection, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import {
  type CheckpointImportOptions,
  type CheckpointImportResult,
  parseCheckpointFile,
} from '../../server/exchange/checkpoint-import.ts'
import { countyBbox } from './lookups.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/exchange/${name}`, import.meta.url))
const source = JSON.parse(
  fixture('checkpoints-source.geojson').toString('utf8'),
) as FeatureCollection<Point>
const options = (overrides: Partial<CheckpointImportOptions> = {}) => ({
  bbox: countyBbox,
  ...overrides,
})

const expectedProperties = [
  { name: '南诏镇农贸市场（示例）', kind: 'fixed', category: 'market' },
  { name: '文华路（示例）', kind: 'fixed', category: 'main-road' },
  { name: '巍山一中（示例）', kind: 'fixed', category: 'school' },
  { name: '县人民医院（示例）', kind: 'fixed', category: 'hospital' },
  { name: '拱辰楼广场（示例）', kind: 'fixed', category: 'park-square' },
  { name: '月华街背街小巷（示例）', kind: 'random', category: 'back-lane' },
  { name: '古城东门城郊结合部（示例）', kind: 'random', category: 'urban-fringe' },
  { name: '南诏镇中心小学周边（示例）', kind: 'random', category: 'school-surroundings' },
]

function featuresOf(result: CheckpointImportResult) {
  if ('errors' in result) throw new Error(result.errors.map((e) => e.message).join('\n'))
  return result.features
}

const geojson = (features: unknown[], extra: object = {}) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', ...extra, features }))
const point = (properties: object, coordinates: unknown = [100.30603, 25.230114]) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates },
})

// metres between two WGS84 positions (haversine, mean Earth radius)
function metresBetween([lng1 = 0, lat1 = 0]: number[], [lng2 = 0, lat2 = 0]: number[]): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
}

describe('check point import from GDAL-made files', () => {
  test.each([
    ['checkpoints.geojson', 'GeoJSON (RFC 7946)'],
    ['checkpoints.kml', 'KML, 名称 in <name>'],
    ['checkpoints-gbk.kml', 'KML encoded as GBK'],
    [
      'checkpoints-gbk-cgcs2000-cm99e.zip',
      'GBK Shapefile, .cpg 936, CGCS2000 3° GK CM 99E (EPSG:4542)',
    ],
    ['checkpoints-gbk-no-cpg.zip', 'GBK Shapefile without a .cpg'],
    [
      'checkpoints-gbk-cgcs2000-zone33.zip',
      'GBK Shapefile, .cpg GBK, CGCS2000 3° GK zone 33 (EPSG:4521)',
    ],
    [
      'checkpoints-utf8-cgcs2000-geographic.zip',
      'UTF-8 Shapefile in CGCS2000 geographic (EPSG:4490)',
    ],
  ])('%s (%s): Chinese names intact, positions within 1 m of the source', (file) => {
    const features = featuresOf(parseCheckpointFile(fixture(file), file, options()))
    expect(features.map((f) => f.properties)).toEqual(expectedProperties)
    for (const [i, feature] of features.entries()) {
      const expected = source.features[i]?.geometry.coordinates as number[]
      expect(metresBetween(feature.geometry.coordinates, expected)).toBeLessThan(1)
    }
  })

  test('a KMZ (zipped KML) reads like the KML inside it', () => {
    const kmz = zipSync({ 'doc.kml': fixture('checkpoints.kml') })
    const features = featuresOf(parseCheckpointFile(kmz, '点位.kmz', options()))
    expect(features.map((f) => f.properties)).toEqual(expectedProperties)
  })

  test('a projected Shapefile without its .prj is refused: the metres are no longitude', () => {
    const files = unzipSync(fixture('checkpoints-gbk-cgcs2000-cm99e.zip'))
    delete files['checkpoints.prj']
    const result = parseCheckpointFile(zipSync(files), 'checkpoints.zip', options())
    expect(result).toEqual({
      errors: expect.arrayContaining([
        expect.objectContaining({
          row: 1,
          column: '坐标',
          message: expect.stringContaining('不是经纬度'),
        }),
      ]),
    })
  })

  test('a Shapefile whose .prj GDAL would reject is refused with a clear message', () => {
    const files = unzipSync(fixture('checkpoints-gbk-cgcs2000-cm99e.zip'))
    files['checkpoints.prj'] = strToU8('PROJCS["unknown",GEOGCS["x"],PROJECTION["Nonexistent"]]')
    expect(parseCheckpointFile(zipSync(files), 'checkpoints.zip', options())).toEqual({
      errors: [{ row: 0, column: '', message: expect.stringContaining('无法识别 .prj') }],
    })
  })
})

describe('check point attributes', () => {
  test.each([
    [
      { name: '市场', category: 'market' },
      { name: '市场', kind: 'fixed', category: 'market' },
    ],
    [
      { NAME: '市场', KIND: 'random', Category: 'back-lane' },
      { name: '市场', kind: 'random', category: 'back-lane' },
    ],
    [
      { 点位名称: '市场', 点位类型: '随机', 测评类别: '背街小巷' },
      { name: '市场', kind: 'random', category: 'back-lane' },
    ],
    [
      { 名称: ' 市场 ', 类型: '固定', 类别: '客运站／公交站' },
      { name: '市场', kind: 'fixed', category: 'station' },
    ],
    [
      { 名称: 1001, 类别: '学校' },
      { name: '1001', kind: 'fixed', category: 'school' },
    ],
  ])('%j is read as %j', (properties, expected) => {
    expect(
      featuresOf(parseCheckpointFile(geojson([point(properties)]), 'a.geojson', options())),
    ).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [100.30603, 25.230114] },
        properties: expected,
      },
    ])
  })

  test.each([
    [{ 类别: '学校' }, '名称', '不能为空'],
    [{ 名称: '  ', 类别: '学校' }, '名称', '不能为空'],
    [{ 名称: '某地' }, '类别', '不能为空'],
    [{ 名称: '某地', 类别: '网吧' }, '类别', '未知的点位类别“网吧”'],
    [{ 名称: '某地', 类型: '临时点位', 类别: '学校' }, '类型', '未知的点位类型“临时点位”'],
    [
      { 名称: '某地', 类型: '随机点位', 类别: '学校' },
      '类型',
      '类别“学校”属于固定点位，与类型“随机点位”不符',
    ],
  ])('%j is refused at 第 1 个要素「%s」', (properties, column, message) => {
    const result = parseCheckpointFile(geojson([point(properties)]), 'a.geojson', options())
    expect(result).toEqual({
      errors: [
        {
          row: 1,
          column,
          message: expect.stringContaining(`第 1 个要素「${column}」：${message}`),
        },
      ],
    })
  })
})

describe('check point import refuses', () => {
  test('polygons, from a GBK Shapefile', () => {
    const result = parseCheckpointFile(
      fixture('polygons-gbk-cgcs2000-cm99e.zip'),
      'polygons.zip',
      options(),
    )
    expect(result).toEqual({
      errors: [
        {
          row: 1,
          column: '坐标',
          message: '第 1 个要素「坐标」：不是点要素（Polygon），只能导入点位',
        },
      ],
    })
  })

  test('a line in a KML, and keeps the good placemarks out too', () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>学校</name><ExtendedData><Data name="类别"><value>学校</value></Data></ExtendedData>
        <Point><coordinates>100.30603,25.230114,0</coordinates></Point></Placemark>
      <Placemark><name>巡查路线</name><LineString><coordinates>100.30,25.23 100.31,25.24</coordinates></LineString></Placemark>
    </Document></kml>`
    const result = parseCheckpointFile(Buffer.from(kml), 'route.kml', options())
    expect(result).toEqual({
      errors: expect.arrayContaining([
        expect.objectContaining({
          row: 2,
          column: '坐标',
          message: expect.stringContaining('LineString'),
        }),
      ]),
    })
  })

  test.each([
    ['no geometry', null, '缺少坐标'],
    ['text coordinates', { type: 'Point', coordinates: ['100.3', '25.2'] }, '不是有效数字'],
    ['one coordinate', { type: 'Point', coordinates: [100.3] }, '坐标缺失或格式有误'],
    ['projected metres', { type: 'Point', coordinates: [631604.5, 2792184.4] }, '不是经纬度'],
    [
      'a point outside the county',
      { type: 'Point', coordinates: [102.7, 25.04] },
      '不在县域范围内',
    ],
    [
      'a multipoint of two',
      {
        type: 'MultiPoint',
        coordinates: [
          [100.3, 25.2],
          [100.31, 25.21],
        ],
      },
      'MultiPoint',
    ],
  ])('%s', (_, geometry, message) => {
    const feature = { type: 'Feature', properties: { 名称: '某地', 类别: '学校' }, geometry }
    const result = parseCheckpointFile(geojson([feature]), 'a.geojson', options())
    expect(result).toEqual({
      errors: [
        expect.objectContaining({
          row: 1,
          column: '坐标',
          message: expect.stringContaining(message),
        }),
      ],
    })
  })

  test('accepts a single-point MultiPoint and a legacy crs of EPSG:4490', () => {
    const feature = {
      ...point({ 名称: '某地', 类别: '学校' }),
      geometry: { type: 'MultiPoint', coordinates: [[100.3, 25.23]] },
    }
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } }
    const features = featuresOf(
      parseCheckpointFile(geojson([feature], { crs }), 'a.geojson', options()),
    )
    expect(features[0]?.geometry).toEqual({ type: 'Point', coordinates: [100.3, 25.23] })
  })

  const text = (s: string) => Buffer.from(s)
  const twoLayers = () => {
    const files = unzipSync(fixture('checkpoints-gbk-cgcs2000-cm99e.zip'))
    for (const ext of ['shp', 'shx', 'dbf'])
      files[`copy.${ext}`] = files[`checkpoints.${ext}`]?.slice() ?? new Uint8Array()
    return zipSync(files)
  }
  const withoutDbf = () => {
    const files = unzipSync(fixture('checkpoints-gbk-cgcs2000-cm99e.zip'))
    delete files['checkpoints.dbf']
    return zipSync(files)
  }
  test.each([
    ['an empty file', 'a.geojson', () => Buffer.alloc(0), '文件是空的'],
    [
      'garbage named .zip',
      'a.zip',
      () => text('this is not a zip'),
      '文件扩展名是 .zip，但内容不是 zip 压缩包',
    ],
    ['garbage named .kmz', 'a.kmz', () => text('nope'), '文件扩展名是 .kmz，但内容不是 zip 压缩包'],
    ['garbage named .kml', 'a.kml', () => text('<kml><Placemark>'), '不是有效的 XML'],
    ['GeoJSON named .kml', 'a.kml', () => fixture('checkpoints.geojson'), '不是有效的 XML'],
    [
      'other XML named .kml',
      'a.kml',
      () => text('<?xml version="1.0"?><gpx></gpx>'),
      '内容不是 KML',
    ],
    [
      'a KML named .geojson',
      'a.geojson',
      () => fixture('checkpoints.kml'),
      '不是有效的 UTF-8 JSON',
    ],
    ['JSON that is no GeoJSON', 'a.geojson', () => text('[1, 2, 3]'), '不是 GeoJSON'],
    [
      'a projected crs',
      'a.geojson',
      () => geojson([], { crs: { type: 'name', properties: { name: 'EPSG:3857' } } }),
      'EPSG:3857',
    ],
    ['no features', 'a.geojson', () => geojson([]), '没有任何要素'],
    ['a bare .shp', 'a.shp', () => text('x'), '打包成一个 .zip'],
    ['an unsupported type', '点位.xlsx', () => text('x'), '不支持的文件类型“点位.xlsx”'],
    [
      'a zip with no .shp',
      'a.zip',
      () => zipSync({ 'readme.txt': strToU8('hi') }),
      '没有 .shp 文件',
    ],
    ['a zip with two layers', 'a.zip', twoLayers, '一次只上传一个'],
    ['a zip without the .dbf', 'a.zip', withoutDbf, '缺少 .dbf'],
    [
      'a truncated zip',
      'a.zip',
      () => fixture('checkpoints-gbk-no-cpg.zip').subarray(0, 600),
      '不完整',
    ],
    ['a KMZ with no KML', 'a.kmz', () => zipSync({ 'a.txt': strToU8('hi') }), '没有 .kml'],
  ])('%s', (_, filename, make, message) => {
    expect(parseCheckpointFile(make(), filename, options())).toEqual({
      errors: [{ row: 0, column: '', message: expect.stringContaining(message) }],
    })
  })

  test('an upload over maxBytes', () => {
    expect(
      parseCheckpointFile(fixture('checkpoints.kml'), 'a.kml', options({ maxBytes: 1024 })),
    ).toEqual({
      errors: [
        { row: 0, column: '', message: expect.stringMatching(/^文件过大（3 KB），上限 1 KB$/) },
      ],
    })
  })

  test('more features than maxFeatures', () => {
    const result = parseCheckpointFile(
      fixture('checkpoints.geojson'),
      'a.geojson',
      options({ maxFeatures: 5 }),
    )
    expect(result).toEqual({
      errors: [{ row: 0, column: '', message: '要素过多（8 个），一次最多导入 5 个' }],
    })
  })

  test('a zip bomb: 50 MB of zeros packed into a few KB', () => {
    const bomb = zipSync({ 'checkpoints.shp': new Uint8Array(50 * 1024 * 1024) }, { level: 9 })
    expect(bomb.length).toBeLessThan(100 * 1024)
    const result = parseCheckpointFile(
      bomb,
      'bomb.zip',
      options({ maxUncompressedBytes: 10 * 1024 * 1024 }),
    )
    expect(result).toEqual({
      errors: [{ row: 0, column: '', message: expect.stringContaining('压缩炸弹') }],
    })
  })
})
