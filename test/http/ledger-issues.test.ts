// /api/issues in process: the list (filters, sort, paging, overdue), one issue with its history, and
// reporting a new one — the server places it in its grid and township, and the OGC collection shows
// it at once. Bad input is a 400 naming the field.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Client, type LedgerApp, outsideCounty, places, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp
let inspector: Client
beforeAll(async () => {
  ledger = await startLedgerApp()
  inspector = await ledger.login('inspector')
})
afterAll(async () => {
  await ledger.close()
})

const ids = (reply: { body: { items: { id: string }[] } }) => reply.body.items.map((i) => i.id)

describe('GET /api/issues', () => {
  test('pages of IssueView: id, version, lngLat, properties, overdue and the caller’s actions', async () => {
    const reply = await inspector.get('/api/issues?sort=reportedAt&limit=2&offset=0')
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ total: 6, limit: 2, offset: 0 })
    expect(reply.body.items[0]).toMatchObject({
      id: expect.any(String),
      version: 1,
      lngLat: [100.30603, 25.230114],
      status: expect.any(String),
      overdue: expect.any(Boolean),
      allowedActions: expect.any(Array),
    })
  })

  test.each([
    ['status=fixing', ['i-fixing', 'i-market']],
    ['township=532927102', ['i-miaojie']],
    ['unit=market-regulation', ['i-market']],
    ['grid=532927101001002&status=closed', ['i-closed']],
    ['overdue=true', ['i-market']],
    ['overdue=1', ['i-market']],
    ['q=i-rev', ['i-reviewing']],
    [
      'category=street-vending&township=532927101&overdue=false',
      ['i-pending', 'i-fixing', 'i-reviewing', 'i-closed'],
    ],
  ])('?%s → %j', async (query, expected) => {
    const reply = await inspector.get(`/api/issues?sort=reportedAt&${query}`)
    expect(ids(reply).sort()).toEqual([...expected].sort())
    expect(reply.body.total).toBe(expected.length)
  })

  test('the search box finds an issue by its 问题编号, whole or in part', async () => {
    const all = (await inspector.get('/api/issues?limit=100')).body.items as {
      id: string
      issueNo: string
    }[]
    expect(all.map((i) => i.issueNo).every((n) => /^\d{4}-\d{6}$/.test(n))).toBe(true)
    const market = all.find((i) => i.id === 'i-market')
    if (!market) throw new Error('no i-market')
    const query = new URLSearchParams({ q: market.issueNo }).toString()
    expect(ids(await inspector.get(`/api/issues?${query}`))).toEqual(['i-market'])
    // the year's prefix matches them all: every issue here was found in 2026
    expect(await inspector.get('/api/issues?q=2026-00')).toMatchObject({ body: { total: 6 } })
    expect(ids(await inspector.get('/api/issues?q=2031-000001'))).toEqual([])
  })

  test('the clock decides overdue: a day later the seat’s open issues are overdue too', async () => {
    const start = ledger.clock.now
    ledger.clock.now = new Date('2026-11-26T00:00:00Z')
    try {
      const reply = await inspector.get('/api/issues?overdue=true')
      expect(ids(reply).sort()).toEqual([
        'i-fixing',
        'i-market',
        'i-miaojie',
        'i-pending',
        'i-reviewing',
      ])
      expect(reply.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true)
    } finally {
      ledger.clock.now = start
    }
  })

  test('allowedActions are the caller’s: the inspector may review i-reviewing, the commander nothing', async () => {
    const mine = await inspector.get('/api/issues/i-reviewing')
    expect(mine.body.allowedActions).toEqual(['approve', 'reject', 'note'])
    const commander = await ledger.login('commander')
    expect((await commander.get('/api/issues/i-reviewing')).body.allowedActions).toEqual([])
  })

  test.each([
    ['status=open', 'status'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['sort=priority', 'sort'],
    ['township=5329', 'township'],
    ['overdue=maybe', 'overdue'],
    ['status=fixing&status=closed', 'status'],
    ['colour=red', 'colour'],
    [`q=${'长'.repeat(101)}`, 'q'],
  ])('?%s is 400 naming %s', async (query, field) => {
    const reply = await inspector.get(`/api/issues?${query}`)
    expect(reply.status).toBe(400)
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    expect(reply.body.detail).toContain(field)
  })
})

describe('GET /api/issues/:id', () => {
  test('the issue with its history and photos', async () => {
    const reply = await inspector.get('/api/issues/i-fixing')
    expect(reply.body).toMatchObject({ id: 'i-fixing', status: 'fixing', attachments: [] })
    expect(reply.body.events).toEqual([
      expect.objectContaining({
        seq: expect.any(Number),
        issueId: 'i-fixing',
        action: 'import',
        actor: 'system',
        to: 'fixing',
      }),
    ])
  })

  test.each(['nope', 'export', '..%2F..%2Fetc%2Fpasswd', '%E4%B8%AD'])(
    'an unknown id %s is 404',
    async (id) => {
      const reply = await inspector.get(`/api/issues/${id}`)
      expect(reply.status).toBe(404)
      expect(reply.body.code).toBe('NotFound')
    },
  )
})

describe('POST /api/issues', () => {
  const report = {
    lngLat: places.market.lngLat,
    category: 'street-vending',
    description: '菜市场门口占道经营',
    checkpointId: 'cp-0001',
  }

  test('an inspector reports: 201, pending, township/grid/unit from the position, proposed deadline', async () => {
    const reply = await inspector.post('/api/issues', report)
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({
      id: 'issue-00001',
      version: 1,
      lngLat: places.market.lngLat,
      status: 'pending',
      category: 'street-vending',
      description: '菜市场门口占道经营',
      checkpointId: 'cp-0001',
      gridCode: places.market.gridCode,
      townshipCode: places.market.townshipCode,
      responsibleUnit: places.market.unit,
      reportedAt: '2026-11-22T08:00:00Z',
      deadlineAt: '2026-11-23T08:00:00Z', // 24 h for street vending
      synthetic: false,
      overdue: false,
      allowedActions: ['note', 'urge'], // pending: the inspector may 催办
    })
    const events = (await inspector.get('/api/issues/issue-00001')).body.events
    expect(events).toEqual([
      expect.objectContaining({
        action: 'report',
        actor: 'inspector',
        actorName: '县督导组督导员',
        role: 'inspector',
        to: 'pending',
      }),
    ])
  })

  test('the OGC issues collection shows the new issue at once: item, filters, count and extent', async () => {
    const yongjian: [number, number] = [100.12521, 25.503674] // 永建镇, beyond every issue so far
    const extentOf = async () =>
      (await inspector.get('/collections/issues')).body.extent.spatial.bbox[0]
    const before = (await inspector.get('/collections/issues/items?limit=1')).body.numberMatched
    expect((await extentOf())[0]).toBeGreaterThan(yongjian[0])
    const created = (await inspector.post('/api/issues', { ...report, lngLat: yongjian })).body
    expect(created.townshipCode).toBe('532927104')
    const [lng, lat] = yongjian
    const items = await inspector.get(
      `/collections/issues/items?bbox=${lng - 0.0001},${lat - 0.0001},${lng + 0.0001},${lat + 0.0001}&status=pending&township=532927104`,
    )
    expect(items.body.features.map((f: { id: string }) => f.id)).toEqual([created.id])
    const feature = await inspector.get(`/collections/issues/items/${created.id}`)
    expect(feature.body.properties).toMatchObject({ status: 'pending', gridCode: created.gridCode })
    expect((await inspector.get('/collections/issues/items?limit=1')).body.numberMatched).toBe(
      before + 1,
    )
    const extent = await extentOf()
    expect([extent[0], extent[3]]).toEqual([lng, lat]) // the extent grew to take it in
  })

  test('a position outside the county is 400 on lngLat', async () => {
    const reply = await inspector.post('/api/issues', { ...report, lngLat: outsideCounty })
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual([
      { field: 'lngLat', message: expect.stringContaining('不在县域内') },
    ])
  })

  test.each([
    [{ ...report, lngLat: [100.3] }, 'lngLat'],
    [{ ...report, lngLat: [25.2, 100.3, 5] }, 'lngLat'],
    [{ ...report, lngLat: [200, 25] }, 'lngLat.0'],
    [{ ...report, lngLat: ['100.3', 25.2] }, 'lngLat.0'],
    [{ ...report, category: 'littering' }, 'category'],
    [{ ...report, description: '' }, 'description'],
    [{ ...report, description: 'x'.repeat(501) }, 'description'],
    [{ ...report, checkpointId: 'cp-9999' }, 'checkpointId'],
    [{ ...report, status: 'closed' }, 'status'],
    [{ ...report, townshipCode: '532927102' }, 'townshipCode'],
    [{ lngLat: report.lngLat, category: 'graffiti' }, 'description'],
    [[report], ''],
    ['just a string', ''],
  ])('%j is 400 naming "%s"', async (body, field) => {
    const reply = await inspector.post('/api/issues', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  test('malformed JSON is 400, a non-JSON body 415, an empty body 400', async () => {
    const send = (body: string, type: string) =>
      inspector.send('/api/issues', {
        method: 'POST',
        body,
        headers: { 'content-type': type, 'x-requested-with': 'fetch' },
      })
    expect((await send('{"lngLat": [100.3, 25.2', 'application/json')).status).toBe(400)
    expect((await send('lngLat=1', 'text/plain')).status).toBe(415)
    expect((await send('', 'application/json')).status).toBe(400)
  })

  test.each(['commander', 'unit-um', 'grid-nanzhao', 'planner'])(
    '%s may not report: 403',
    async (username) => {
      const client = await ledger.login(username)
      const reply = await client.post('/api/issues', report)
      expect(reply.status).toBe(403)
    },
  )

  test('anonymous reporting is 401', async () => {
    expect((await ledger.anonymous.post('/api/issues', report)).status).toBe(401)
  })
})

describe('overdue in the OGC API', () => {
  test('a declared queryable and items filter, derived from the clock', async () => {
    const queryables = await ledger.anonymous.get('/collections/issues/queryables')
    expect(queryables.body.properties.overdue).toMatchObject({ enum: ['true', 'false'] })
    const overdue = await ledger.anonymous.get('/collections/issues/items?overdue=true')
    expect(overdue.body.features.map((f: { id: string }) => f.id)).toEqual(['i-market'])
    // a property too, computed at the request's instant (never stored), so GDAL can filter on it
    expect(overdue.body.features[0].properties.overdue).toBe(true)
    const onTime = await ledger.anonymous.get('/collections/issues/items?overdue=false')
    expect(onTime.body.features.length).toBeGreaterThan(0)
    for (const f of onTime.body.features) expect(f.properties.overdue).toBe(false)
    const one = await ledger.anonymous.get('/collections/issues/items/i-market')
    expect(one.body.properties.overdue).toBe(true)
    const start = ledger.clock.now
    ledger.clock.now = new Date('2026-11-26T00:00:00Z')
    try {
      const later = await ledger.anonymous.get(
        '/collections/issues/items?overdue=true&township=532927101',
      )
      const ids = later.body.features.map((f: { id: string }) => f.id)
      expect(ids).toEqual(
        expect.arrayContaining(['i-pending', 'i-fixing', 'i-reviewing', 'i-market']),
      )
      expect(ids).not.toContain('i-closed')
      const api = await ledger.anonymous.get(
        '/api/issues?overdue=true&township=532927101&limit=500',
      )
      expect(api.body.items.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort()) // one definition
    } finally {
      ledger.clock.now = start
    }
    expect((await ledger.anonymous.get('/collections/issues/items?overdue=yes')).status).toBe(400)
  })
})

describe('GET /api/units', () => {
  test('the departments, then one government per township, all active', async () => {
    const reply = await ledger.anonymous.get('/api/units')
    expect(reply.body).toHaveLength(19)
    expect(reply.body[0]).toEqual({
      code: 'urban-management',
      name: '县城市管理局',
      kind: 'department',
      active: true,
    })
    expect(reply.body.at(-1)).toEqual({
      code: 'township-532927206',
      name: '青华乡人民政府',
      kind: 'township',
      active: true,
    })
  })
})
