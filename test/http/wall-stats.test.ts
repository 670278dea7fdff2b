// The wall's /api/stats/* over HTTP: on the demo ledger every body equals the analytics core's result
// for the same issues and clock (names joined from the townships layer and the units table); on the
// six standard issues the figures are checked by hand; bad parameters are 400s naming them.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import type { Point } from 'geojson'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dailyTrend } from '../../server/analytics/daily-trend.ts'
import { type HexBinOptions, hexBins } from '../../server/analytics/hex-bins.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import {
  byGrid,
  byTownship,
  byUnit,
  type IssueTally,
  kpis,
} from '../../server/analytics/issue-tally.ts'
import { rankings } from '../../server/analytics/rankings.ts'
import { unitCompletion } from '../../server/analytics/unit-completion.ts'
import type { IssueProperties } from '../../server/domain/issue.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { readLayer } from '../geodata/read-geodata.ts'
import { startWallApp, type WallApp } from '../live/wall-app.ts'

const demoNow = new Date('2026-11-22T04:00:00Z') // noon in Beijing on the day the demo was made for
const demoIssues = readLayer<Point, IssueProperties>('issues').features
const townshipNames = new Map(
  readLayer<never, { code: string; name: string }>('townships').features.map((f) => [
    f.properties.code,
    f.properties.name,
  ]),
)
const nanzhao = '532927101'
const miaojie = '532927102'

// the API calls 发现 today `reportedToday`, as in reportedAt
const renamed = ({ foundToday, ...rest }: IssueTally) => ({ ...rest, reportedToday: foundToday })
const unstamped = ({ generatedAt: _g, asOfEventSeq: _s, ...rest }: Record<string, unknown>) => rest

describe('on the demo ledger (2,600 issues)', () => {
  let wall: WallApp
  let columns: IssueColumns
  let unitNames: Map<string, string>
  beforeAll(async () => {
    wall = await startWallApp({ issues: demoIssues as unknown as GeoJsonFeature[] })
    wall.clock.now = demoNow
    columns = IssueColumns.fromFeatures(demoIssues)
    unitNames = new Map((await wall.store.units()).map((u) => [u.code, u.name]))
  })
  afterAll(() => wall.close())

  test.each([undefined, nanzhao, miaojie])('kpis (township %s) equal kpis()', async (township) => {
    const reply = await wall.get(`/api/stats/kpis${township ? `?township=${township}` : ''}`)
    expect(reply.status).toBe(200)
    expect(unstamped(reply.body)).toEqual(renamed(kpis(columns, demoNow, { township })))
    expect(reply.body.total).toBeGreaterThan(0)
  })

  test('every body is stamped with the request time and the last event seq', async () => {
    const [latest] = await wall.store.latestIssueEvents(1)
    const reply = await wall.get('/api/stats/kpis')
    expect(reply.body.generatedAt).toBe(demoNow.toISOString())
    expect(reply.body.asOfEventSeq).toBe(latest?.seq)
    expect(reply.body.asOfEventSeq).toBeGreaterThanOrEqual(demoIssues.length)
  })

  test('townships list every township of the layer with its name and byTownship() figures', async () => {
    const reply = await wall.get('/api/stats/townships')
    const expected = new Map(byTownship(columns, demoNow).map((t) => [t.code, t]))
    expect(reply.body.rows.map((r: { code: string }) => r.code)).toEqual(
      [...townshipNames.keys()].sort(),
    )
    for (const { code, name, ...tally } of reply.body.rows) {
      expect(name).toBe(townshipNames.get(code))
      const { code: _c, ...want } = expected.get(code) ?? { code }
      expect(tally).toEqual(renamed(want as IssueTally))
    }
  })

  test('units equal byUnit() with the units table names, also within a township', async () => {
    for (const township of [undefined, nanzhao]) {
      const reply = await wall.get(`/api/stats/units${township ? `?township=${township}` : ''}`)
      expect(reply.body.rows).toEqual(
        byUnit(columns, demoNow, { township }).map(({ code, ...t }) => ({
          code,
          name: unitNames.get(code),
          ...renamed(t),
        })),
      )
    }
  })

  test('grids equal byGrid(), named by gridCode', async () => {
    const reply = await wall.get(`/api/stats/grids?township=${nanzhao}`)
    const expected = byGrid(columns, demoNow, { township: nanzhao })
    expect(reply.body.rows).toEqual(
      expected.map(({ code, ...t }) => ({ gridCode: code, ...renamed(t) })),
    )
    expect(expected.length).toBeGreaterThan(10)
  })

  test.each<[string, HexBinOptions]>([
    ['radiusMeters=500', { radiusMeters: 500 }],
    ['radiusMeters=2000&status=all', { radiusMeters: 2000, status: 'all' }],
    [
      'radiusMeters=300&status=overdue&bbox=100.28,25.2,100.33,25.26',
      { radiusMeters: 300, status: 'overdue', bbox: [100.28, 25.2, 100.33, 25.26] },
    ],
    [`radiusMeters=1000&township=${miaojie}`, { radiusMeters: 1000, township: miaojie }],
  ])('hexbins?%s are the hexBins() cells as GeoJSON polygons', async (query, options) => {
    const reply = await wall.get(`/api/stats/hexbins?${query}`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    const bins = hexBins(columns, demoNow, options)
    expect(reply.body.type).toBe('FeatureCollection')
    expect(reply.body.total).toBe(bins.total)
    expect(bins.total).toBeGreaterThan(0)
    expect(
      reply.body.features.map((f: { id: string; properties: object }) => [f.id, f.properties]),
    ).toEqual(
      bins.bins.map((b) => [
        b.id,
        {
          q: b.q,
          r: b.r,
          centre: b.lngLat.map((v) => Math.round(v * 1e6) / 1e6),
          count: b.count,
          overdue: b.overdue,
        },
      ]),
    )
    for (const [i, feature] of reply.body.features.entries()) {
      const ring = feature.geometry.coordinates[0]
      expect(feature.geometry.type).toBe('Polygon')
      expect(ring).toHaveLength(7)
      expect(ring[6]).toEqual(ring[0])
      expect(booleanPointInPolygon(bins.bins[i]?.lngLat ?? [0, 0], feature.geometry)).toBe(true)
    }
  })

  test.each([1, 30, 365])('trend?days=%i equals dailyTrend()', async (days) => {
    const reply = await wall.get(`/api/stats/trend?days=${days}`)
    expect(reply.body.days).toEqual(dailyTrend(columns, demoNow, { days }))
    expect(reply.body.days).toHaveLength(days)
    expect(reply.body.days.at(-1).date).toBe('2026-11-22')
  })

  test('trend within a township equals dailyTrend() with that filter', async () => {
    const reply = await wall.get(`/api/stats/trend?township=${nanzhao}`)
    expect(reply.body.days).toEqual(dailyTrend(columns, demoNow, { township: nanzhao }))
  })

  test.each([
    ['township', 'closureRate', 5, 10],
    ['township', 'overdue', 3, 10],
    ['unit', 'closureRate', 5, 10],
    ['unit', 'overdue', 20, 1],
  ] as const)(
    'rankings of %s by %s (top %i, minIssues %i) equal rankings()',
    async (level, by, top, minIssues) => {
      const reply = await wall.get(
        `/api/stats/rankings?level=${level}&by=${by}&top=${top}&minIssues=${minIssues}`,
      )
      const tallies = level === 'township' ? byTownship(columns, demoNow) : byUnit(columns, demoNow)
      const names = level === 'township' ? townshipNames : unitNames
      const want = rankings(tallies, { by, top, minIssues })
      const entries = (list: typeof want.red) =>
        list.map(({ rank, code, value, tally: { code: _c, ...t } }) => ({
          rank,
          code,
          name: names.get(code),
          value,
          tally: renamed(t),
        }))
      expect(reply.body.red).toEqual(entries(want.red))
      expect(reply.body.black).toEqual(entries(want.black))
      expect(reply.body.red.length).toBeGreaterThan(0)
      expect(reply.body.ineligible.map((e: { code: string }) => e.code)).toEqual(want.ineligible)
      expect(reply.body.rule).toContain(`不足 ${minIssues} 件`)
    },
  )

  test('completion equals unitCompletion(), in its order, with unit names', async () => {
    const reply = await wall.get('/api/stats/completion')
    expect(reply.body.rows).toEqual(
      unitCompletion(columns, demoNow).map((u) => ({
        unitCode: u.code,
        unitName: unitNames.get(u.code),
        total: u.total,
        due: u.due,
        closedOnTime: u.closedOnTime,
        closedLate: u.closedLate,
        overdue: u.overdue,
        open: u.total - u.closedOnTime - u.closedLate,
        notDue: u.notDue,
        rate: u.completionRate,
      })),
    )
  })

  test('the per-township rows add up to the county KPIs', async () => {
    const county = (await wall.get('/api/stats/kpis')).body
    const rows = (await wall.get('/api/stats/townships')).body.rows as Record<string, number>[]
    for (const key of ['total', 'open', 'overdue', 'closed', 'closedToday', 'reportedToday']) {
      expect(rows.reduce((sum, r) => sum + (r[key] as number), 0)).toBe(county[key])
    }
  })
})

describe('on the six standard issues (checked by hand)', () => {
  // now 2026-11-22 16:00 Beijing; all found 11-20 10:00; i-closed closed 11-21 10:00 (on time);
  // i-market (县市场监督管理局) is past its deadline of 11-21 08:00; i-miaojie is in 庙街镇
  let wall: WallApp
  beforeAll(async () => {
    wall = await startWallApp()
  })
  afterAll(() => wall.close())

  test('kpis: 6 found, 5 open, 1 overdue, 1 closed (not today), closure rate 1/6', async () => {
    const { body } = await wall.get('/api/stats/kpis')
    expect(body).toMatchObject({
      total: 6,
      open: 5,
      pending: 2,
      fixing: 2,
      reviewing: 1,
      closed: 1,
      overdue: 1,
      closedToday: 0,
      reportedToday: 0,
      closureRate: 1 / 6,
      asOfEventSeq: 6,
    })
  })

  test('townships: 南诏镇 5 issues (rate 1/5), 庙街镇 1, the other eight zero', async () => {
    const rows = (await wall.get('/api/stats/townships')).body.rows
    expect(rows).toHaveLength(10)
    const byCode = new Map(rows.map((r: { code: string }) => [r.code, r]))
    expect(byCode.get(nanzhao)).toMatchObject({
      name: '南诏镇',
      total: 5,
      open: 4,
      overdue: 1,
      closed: 1,
      closureRate: 0.2,
    })
    expect(byCode.get(miaojie)).toMatchObject({
      name: '庙街镇',
      total: 1,
      open: 1,
      overdue: 0,
      closureRate: 0,
    })
    const others = rows.filter((r: { code: string }) => r.code !== nanzhao && r.code !== miaojie)
    expect(
      others.every(
        (r: { total: number; closureRate: null }) => r.total === 0 && r.closureRate === null,
      ),
    ).toBe(true)
  })

  test('townships in tour mode answer the one township', async () => {
    const rows = (await wall.get(`/api/stats/townships?township=${miaojie}`)).body.rows
    expect(rows).toEqual([expect.objectContaining({ code: miaojie, name: '庙街镇', total: 1 })])
  })

  test('completion: 城管 1 due closed on time, 市场监管 1 due overdue, 庙街镇政府 nothing due', async () => {
    const rows = (await wall.get('/api/stats/completion')).body.rows
    expect(rows).toEqual([
      {
        unitCode: 'urban-management',
        unitName: '县城市管理局',
        total: 4,
        due: 1,
        closedOnTime: 1,
        closedLate: 0,
        overdue: 0,
        open: 3,
        notDue: 3,
        rate: 1,
      },
      {
        unitCode: 'market-regulation',
        unitName: '县市场监督管理局',
        total: 1,
        due: 1,
        closedOnTime: 0,
        closedLate: 0,
        overdue: 1,
        open: 1,
        notDue: 0,
        rate: 0,
      },
      {
        unitCode: 'township-532927102',
        unitName: '庙街镇人民政府',
        total: 1,
        due: 0,
        closedOnTime: 0,
        closedLate: 0,
        overdue: 0,
        open: 1,
        notDue: 1,
        rate: null,
      },
    ])
  })

  test('trend of 3 days: 6 found on 11-20, 1 closed on 11-21, 5 open at the end', async () => {
    const { body } = await wall.get('/api/stats/trend?days=3')
    expect(body.days).toEqual([
      { date: '2026-11-20', found: 6, closed: 0, openAtEnd: 6 },
      { date: '2026-11-21', found: 0, closed: 1, openAtEnd: 5 },
      { date: '2026-11-22', found: 0, closed: 0, openAtEnd: 5 },
    ])
  })

  test('rankings of units with minIssues 1: 城管 on the 红榜, 市场监管 (overdue) on the 黑榜', async () => {
    const { body } = await wall.get('/api/stats/rankings?level=unit&minIssues=1')
    expect(body.red.map((e: { name: string }) => e.name)).toEqual(['县城市管理局'])
    expect(body.black.map((e: { name: string }) => e.name)).toEqual(['县市场监督管理局'])
    expect(body.red[0].value).toBe(0.25)
  })

  test('rankings of townships by default: nobody has 10 issues, so nobody is ranked', async () => {
    const { body } = await wall.get('/api/stats/rankings')
    expect(body).toMatchObject({ by: 'closureRate', level: 'township', red: [], black: [] })
    expect(body.ineligible).toEqual([
      { code: nanzhao, name: '南诏镇' },
      { code: miaojie, name: '庙街镇' },
    ])
  })

  test('hexbins of open issues: 5 issues, 1 overdue, each inside its hexagon', async () => {
    const { body } = await wall.get('/api/stats/hexbins?radiusMeters=200')
    expect(body.total).toBe(5)
    const features = body.features as {
      geometry: object
      properties: { count: number; overdue: number }
    }[]
    expect(features.reduce((s, f) => s + f.properties.count, 0)).toBe(5)
    expect(features.reduce((s, f) => s + f.properties.overdue, 0)).toBe(1)
    const miaojiePoint = [100.251844, 25.30168]
    expect(
      features.filter((f) => booleanPointInPolygon(miaojiePoint, f.geometry as never)),
    ).toHaveLength(1)
  })
})

describe('bad parameters', () => {
  let wall: WallApp
  beforeAll(async () => {
    wall = await startWallApp()
  })
  afterAll(() => wall.close())

  test.each([
    ['/api/stats/kpis?township=5329', 'township'],
    ['/api/stats/kpis?township=999999999', 'township'], // well-formed, but no such township
    [`/api/stats/kpis?township=${nanzhao}&township=${miaojie}`, 'township'],
    ['/api/stats/kpis?days=3', 'days'],
    ['/api/stats/townships?foo=1', 'foo'],
    ['/api/stats/units?township=abc', 'township'],
    ['/api/stats/grids?limit=5', 'limit'],
    ['/api/stats/hexbins?radiusMeters=99', 'radiusMeters'],
    ['/api/stats/hexbins?radiusMeters=20001', 'radiusMeters'],
    ['/api/stats/hexbins?radiusMeters=500m', 'radiusMeters'],
    ['/api/stats/hexbins?bbox=100,25,101', 'bbox'],
    ['/api/stats/hexbins?bbox=101,25,100,26', 'bbox'],
    ['/api/stats/hexbins?bbox=100,25,west,26', 'bbox'],
    ['/api/stats/hexbins?radiusMeters=100&bbox=-180,-90,180,90', 'bbox'], // too many hexagons
    ['/api/stats/hexbins?status=closed', 'status'],
    ['/api/stats/trend?days=0', 'days'],
    ['/api/stats/trend?days=366', 'days'],
    ['/api/stats/trend?days=1.5', 'days'],
    ['/api/stats/rankings?by=total', 'by'],
    ['/api/stats/rankings?level=village', 'level'],
    ['/api/stats/rankings?top=0', 'top'],
    ['/api/stats/rankings?top=21', 'top'],
    ['/api/stats/completion?unit=housing', 'unit'],
    ['/api/events/recent?limit=0', 'limit'],
    ['/api/events/recent?limit=101', 'limit'],
    ['/api/events/stream?lastEventId=abc', 'lastEventId'],
    ['/api/events/stream?since=3', 'since'],
  ])('%s → 400 naming %s', async (path, field) => {
    const reply = await wall.get(path)
    expect(reply.status).toBe(400)
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    expect(reply.body.detail).toContain(field)
  })

  test('a Last-Event-ID header that is not a seq → 400 naming the header', async () => {
    const reply = await wall.get('/api/events/stream', {
      authorization: `Bearer ${wall.displayToken}`,
      'last-event-id': '-1',
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual([{ field: 'Last-Event-ID', message: expect.any(String) }])
  })
})

describe('READ_ACCESS=authenticated', () => {
  let wall: WallApp
  beforeAll(async () => {
    wall = await startWallApp({ config: { readAccess: 'authenticated' } })
  })
  afterAll(() => wall.close())

  const paths = [
    '/api/stats/kpis',
    '/api/stats/townships',
    '/api/stats/units',
    '/api/stats/grids',
    '/api/stats/hexbins',
    '/api/stats/trend',
    '/api/stats/rankings',
    '/api/stats/completion',
    '/api/events/recent',
    '/api/events/stream',
  ]

  test.each(paths)('%s without a token or session → 401', async (path) => {
    const reply = await wall.get(path, {})
    expect(reply.status).toBe(401)
    expect(reply.body.code).toBe('Unauthorized')
  })

  test.each(paths)('%s with a wrong token → 401', async (path) => {
    const reply = await wall.get(path, { authorization: `Bearer ${'x'.repeat(43)}` })
    expect(reply.status).toBe(401)
  })

  test.each(paths.filter((p) => !p.endsWith('/stream')))('%s?token= answers 200', async (path) => {
    const reply = await wall.get(`${path}?token=${wall.displayToken}`, {})
    expect(reply.status).toBe(200)
    expect(reply.body.asOfEventSeq).toBe(6)
  })
})
