// Files through HTTP: the filtered ledger exported as XLSX/CSV/GeoJSON and any layer as CSV/GeoJSON,
// each read back with GDAL's ogrinfo; imports of issues (CSV/XLSX) and check points (GeoJSON, KML,
// GBK shapefile) that are all or nothing and show up in the OGC collections at once.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import writeXlsxFile from 'write-excel-file/node'
import { ogrinfo } from '../exchange/ogrinfo.ts'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp
let admin: Client
beforeAll(async () => {
  ledger = await startLedgerApp()
  admin = await ledger.login('admin')
})
afterAll(async () => {
  await ledger.close()
})

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/exchange/${name}`, import.meta.url))
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const csvOf = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`)
const post = (
  who: Client,
  path: string,
  body: Buffer,
  type: string,
  headers: Record<string, string> = {},
) =>
  who.send(path, {
    method: 'POST',
    body,
    headers: { 'content-type': type, 'x-requested-with': 'fetch', ...headers },
  })
const issueCount = async () =>
  (await ledger.anonymous.get('/collections/issues/items?limit=1')).body.numberMatched

describe('ledger exports, read back with ogrinfo', () => {
  test('XLSX of status=fixing: Chinese file name, the two matching rows, labels, the per-unit sheet', async () => {
    const reply = await ledger.display.get('/api/issues/export.xlsx?status=fixing')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe(xlsxType)
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="____-20261122.xlsx"; filename*=UTF-8''${encodeURIComponent('问题台账-20261122.xlsx')}`,
    )
    const layers = await ogrinfo(reply.bytes, 'ledger.xlsx', ['HEADERS=FORCE'])
    const sheet = layers.get('问题台账')
    expect(sheet?.featureCount).toBe(2)
    expect(sheet?.features.map((f) => f.编号).sort()).toEqual(['i-fixing', 'i-market'])
    expect(sheet?.features.every((f) => f.状态 === '整改中')).toBe(true)
    expect(sheet?.features.find((f) => f.编号 === 'i-market')?.责任单位).toBe('县市场监督管理局')
    expect(layers.get('按责任单位汇总')?.featureCount).toBeGreaterThan(0)
  })

  test('CSV of overdue=true: UTF-8 with BOM, one row, 是否逾期 是', async () => {
    const reply = await ledger.display.get('/api/issues/export.csv?overdue=true')
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect([...reply.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const layer = [...(await ogrinfo(reply.bytes, 'ledger.csv')).values()][0]
    expect(layer?.featureCount).toBe(1)
    expect(layer?.features[0]).toMatchObject({
      编号: 'i-market',
      是否逾期: '是',
      所属乡镇: '南诏镇',
    })
  })

  test('GeoJSON of township=532927102 is the one issue there, with its properties', async () => {
    const reply = await ledger.display.get(
      '/api/issues/export.geojson?township=532927102&sort=-deadlineAt',
    )
    expect(reply.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    const layer = [...(await ogrinfo(reply.bytes, 'ledger.geojson')).values()][0]
    expect(layer?.featureCount).toBe(1)
    expect(layer?.features[0]).toMatchObject({
      id: 'i-miaojie',
      gridCode: '532927102201001',
      status: 'pending',
    })
    expect(layer?.geometries[0]).toBe('POINT (100.251844 25.30168)')
  })

  test('an export shows a write made just before it', async () => {
    const grid = await ledger.login('grid-nanzhao')
    await grid.post('/api/issues/i-pending/transitions', {
      action: 'assign',
      version: 1,
      responsibleUnit: 'housing',
      deadlineAt: '2026-12-01T00:00:00Z',
    })
    const reply = await ledger.display.get('/api/issues/export.csv?unit=housing')
    const layer = [...(await ogrinfo(reply.bytes, 'ledger.csv')).values()][0]
    expect(layer?.features.map((f) => [f.编号, f.状态, f.责任单位])).toEqual([
      ['i-pending', '整改中', '县住房和城乡建设局'],
    ])
  })

  test.each([
    ['/api/issues/export.pdf', 404],
    ['/api/issues/export.xlsx?status=open', 400],
    ['/api/issues/export.csv?limit=5', 400],
    ['/api/layers/nope/export.csv', 404],
    ['/api/layers/grids/export.xlsx', 404],
    ['/api/layers/grids/export.csv?kind=fixed', 400],
  ])('%s → %i', async (path, status) => {
    expect((await ledger.display.get(path)).status).toBe(status)
  })
})

describe('layer exports', () => {
  test.each([
    ['grids', 'csv', 106],
    ['grids', 'geojson', 106],
    ['checkpoints', 'csv', 620],
    ['townships', 'geojson', 10],
  ])('%s as %s: every feature', async (id, format, count) => {
    const reply = await ledger.anonymous.get(`/api/layers/${id}/export.${format}`)
    expect(reply.status).toBe(200)
    const layer = [...(await ogrinfo(reply.bytes, `layer.${format}`)).values()][0]
    expect(layer?.featureCount).toBe(count)
  })

  test('the check point CSV shows Chinese labels and coordinates', async () => {
    const reply = await ledger.anonymous.get('/api/layers/checkpoints/export.csv')
    const layer = [...(await ogrinfo(reply.bytes, 'checkpoints.csv')).values()][0]
    expect(layer?.features[0]).toMatchObject({
      名称: '紫金乡中心小学（示例）',
      点位类型: '固定点位',
      类别: '学校',
      经度: expect.any(String),
    })
  })
})

describe('POST /api/issues/import', () => {
  const header = ['问题类别', '问题描述', '经度', '纬度', '责任单位']

  test.each([
    [['乱扔垃圾', '类别不存在', '100.30603', '25.230114', ''], { row: 3, column: '问题类别' }],
    [
      ['乱贴乱画', '县域外（包围盒内）', '99.93', '24.95', ''],
      { row: 3, column: '经度', message: expect.stringContaining('不在任何责任网格内') },
    ],
    [['乱贴乱画', '县域外', '101.5', '25.2', ''], { row: 3, column: '经度' }],
    [
      ['乱贴乱画', '单位不存在', '100.30603', '25.230114', '县消防队'],
      { row: 3, column: '责任单位' },
    ],
  ])('a CSV whose second row is %j imports nothing and names row 3', async (bad, error) => {
    const before = await issueCount()
    const reply = await post(
      admin,
      '/api/issues/import',
      csvOf([
        header,
        ['占道经营', '菜市场门口摊点', '100.30603', '25.230114', '县城市管理局'],
        bad,
      ]),
      'text/csv',
    )
    expect(reply.status).toBe(400)
    expect(reply.body.code).toBe('ImportFailed')
    expect(reply.body.errors).toEqual([expect.objectContaining(error)])
    expect(await issueCount()).toBe(before)
  })

  test('a good CSV imports every row: placed in grids, import events, in the OGC collection', async () => {
    const before = await issueCount()
    const reply = await post(
      admin,
      '/api/issues/import',
      csvOf([
        header,
        ['占道经营', '菜市场门口摊点', '100.30603', '25.230114', '县城市管理局'],
        ['乱贴乱画', '庙街镇墙面小广告', '100.251844', '25.30168', ''],
      ]),
      'text/csv; charset=utf-8',
    )
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ imported: 2 })
    expect(await issueCount()).toBe(before + 2)
    const list = await admin.get('/api/issues?q=庙街镇墙面')
    expect(list.body.items[0]).toMatchObject({
      townshipCode: '532927102',
      gridCode: '532927102201001',
      responsibleUnit: 'township-532927102',
      status: 'pending',
      synthetic: false,
    })
    const events = (await admin.get(`/api/issues/${list.body.items[0].id}`)).body.events
    expect(events).toEqual([expect.objectContaining({ action: 'import', actor: 'admin' })])
  })

  test('re-importing an exported XLSX fails on the taken 编号 and imports nothing', async () => {
    const before = await issueCount()
    const exported = await ledger.display.get(
      '/api/issues/export.xlsx?township=532927101&status=closed',
    )
    const reply = await post(admin, '/api/issues/import', exported.bytes, xlsxType)
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: '编号',
        message: expect.stringContaining('已存在'),
      }),
    ])
    expect(await issueCount()).toBe(before)
  })

  test('an XLSX with new issues, statuses and Beijing times imports', async () => {
    const xlsx = await writeXlsxFile(
      [
        ['编号', '问题类别', '问题描述', '状态', '发现时间', '销号时间', '经度', '纬度'],
        [
          'WS-2026-001',
          '暴露垃圾',
          '巷道垃圾堆放',
          '已销号',
          '2026-11-01 09:30',
          '2026-11-02 10:00',
          100.30603,
          25.230114,
        ],
      ],
      {},
    ).toBuffer()
    const reply = await post(admin, '/api/issues/import', xlsx, xlsxType)
    expect(reply.body).toEqual({ imported: 1 })
    expect((await admin.get('/api/issues/WS-2026-001')).body).toMatchObject({
      status: 'closed',
      reportedAt: '2026-11-01T01:30:00Z',
      closedAt: '2026-11-02T02:00:00Z',
      overdue: false,
    })
  })

  test.each([
    ['anonymous', undefined, 'text/csv', 401],
    ['the commander', 'commander', 'text/csv', 403],
    ['a unit operator', 'unit-um', 'text/csv', 403],
    ['a PDF', 'admin', 'application/pdf', 415],
    ['an empty file', 'admin', 'text/csv', 400],
  ])('%s → %i', async (_, who, type, status) => {
    const client = who ? await ledger.login(who) : ledger.anonymous
    const body = status === 400 ? Buffer.alloc(0) : csvOf([header])
    expect((await post(client, '/api/issues/import', body, type)).status).toBe(status)
  })

  test('an inspector may import', async () => {
    const inspector = await ledger.login('inspector')
    const reply = await post(
      inspector,
      '/api/issues/import',
      csvOf([header, ['乱停乱放', '人行道停车', '100.310348', '25.211562', '']]),
      'text/csv',
    )
    expect(reply.body).toEqual({ imported: 1 })
  })
})

describe('POST /api/checkpoints/import', () => {
  const checkpointCount = async () =>
    (await ledger.anonymous.get('/collections/checkpoints/items?limit=1')).body.numberMatched

  test.each([
    ['checkpoints.geojson', 'checkpoints.geojson'],
    ['checkpoints.kml', '点位.kml'],
    ['checkpoints-gbk-cgcs2000-cm99e.zip', '点位.zip'],
  ])(
    '%s adds its 8 points, placed in their grids, with Chinese names intact',
    async (file, filename) => {
      const planner = await ledger.login('planner')
      const before = await checkpointCount()
      const reply = await post(
        planner,
        `/api/checkpoints/import?filename=${encodeURIComponent(filename)}`,
        fixture(file),
        'application/octet-stream',
      )
      expect(reply.status).toBe(200)
      expect(reply.body).toEqual({ imported: 8 })
      expect(await checkpointCount()).toBe(before + 8)
      const page = await ledger.anonymous.get(`/collections/checkpoints/items?offset=${before}`)
      const names = page.body.features.map(
        (f: { properties: { name: string } }) => f.properties.name,
      )
      expect(names).toContain('南诏镇农贸市场（示例）')
      expect(page.body.features[0]).toMatchObject({
        id: `cp-${String(before + 1).padStart(4, '0')}`,
        properties: {
          kind: 'fixed',
          category: 'market',
          townshipCode: '532927101',
          gridCode: expect.stringMatching(/^532927101\d{6}$/),
          synthetic: false,
        },
      })
    },
  )

  test('a file with a bad point imports nothing and says which feature', async () => {
    const before = await checkpointCount()
    const geojson = JSON.parse(fixture('checkpoints.geojson').toString('utf8'))
    geojson.features[2].properties.类别 = '火星基地'
    const reply = await post(
      admin,
      '/api/checkpoints/import?filename=bad.geojson',
      Buffer.from(JSON.stringify(geojson)),
      'application/geo+json',
    )
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual([expect.objectContaining({ row: 3 })])
    expect(await checkpointCount()).toBe(before)
  })

  test('a 责任单位 column gives each point its own unit, by name or code; an unknown unit imports nothing', async () => {
    const units = (await admin.get('/api/units')).body as { code: string; name: string }[]
    const [byName, byCode] = units
    if (!byName || !byCode) throw new Error('no units')
    const geojson = JSON.parse(fixture('checkpoints.geojson').toString('utf8'))
    geojson.features = geojson.features.slice(0, 2)
    geojson.features[0].properties.责任单位 = byName.name
    geojson.features[1].properties.责任单位 = byCode.code
    const before = await checkpointCount()
    const send = (body: unknown) =>
      post(
        admin,
        '/api/checkpoints/import?filename=units.geojson',
        Buffer.from(JSON.stringify(body)),
        'application/geo+json',
      )
    expect((await send(geojson)).body).toEqual({ imported: 2 })
    const page = await ledger.anonymous.get(`/collections/checkpoints/items?offset=${before}`)
    expect(
      page.body.features.map((f: { properties: { unitCode: string } }) => f.properties.unitCode),
    ).toEqual([byName.code, byCode.code])

    geojson.features[1].properties.责任单位 = '不存在的单位'
    const refused = await send(geojson)
    expect(refused.status).toBe(400)
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: '责任单位',
        message: expect.stringMatching(/不存在的单位/),
      }),
    ])
    expect(await checkpointCount()).toBe(before + 2)
  })

  test.each([
    ['?filename=points.xls', 'admin', 400],
    ['', 'admin', 400],
    ['?filename=a.geojson', 'inspector', 403],
    ['?filename=a.zip', 'admin', 400], // not a zip inside
  ])('%s as %s → %i', async (query, who, status) => {
    const client = await ledger.login(who)
    expect(
      (
        await post(
          client,
          `/api/checkpoints/import${query}`,
          Buffer.from('not a file'),
          'application/octet-stream',
        )
      ).status,
    ).toBe(status)
  })
})
