// What an anonymous reader sees under READ_ACCESS=public (the default): the map layers and the
// aggregates, nothing personal. Every GET route registered in Express has a line here (a new route
// without one fails), is fetched without a session, and its answer must hold no name or phone number
// of a person (accounts, grid managers, reporters and actors) — or be refused with 401.
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../server/app.ts'
import { hashSecret, newSecret } from '../../server/auth/secrets.ts'
import { type LedgerApp, openLedgerStore, startLedgerApp } from './ledger-app.ts'

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
}

function registeredReadRoutes(app: Express): Set<string> {
  const found = new Set<string>()
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods.get) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]
        for (const path of paths) found.add(path)
      } else if (layer.handle?.stack) walk(layer.handle.stack)
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack)
  return found
}

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF photo')])

type Expect = 'open' | 'refused' | 'skip'
/** Route → [the URLs to fetch, what an anonymous reader gets]. 'skip' says why in a comment. */
const probes: Record<string, [string[], Expect]> = {
  '/healthz': [['/healthz'], 'open'],
  '/readyz': [['/readyz'], 'open'],
  '/wall': [[], 'skip'], // the SPA's page, no data
  '/wall/': [[], 'skip'],
  '/{*splat}': [[], 'skip'], // the SPA's pages
  '/tileMatrixSets': [['/tileMatrixSets'], 'open'],
  '/tileMatrixSets/WebMercatorQuad': [['/tileMatrixSets/WebMercatorQuad'], 'open'],
  '/collections/:collectionId/tiles': [['/collections/grids/tiles'], 'open'],
  '/collections/:collectionId/tiles/WebMercatorQuad': [
    ['/collections/grids/tiles/WebMercatorQuad'],
    'open',
  ],
  // grids around the county seat at zoom 12 and 14: MVT bytes hold property values as UTF-8
  '/collections/:collectionId/tiles/WebMercatorQuad/:z/:y/:x': [
    [
      '/collections/grids/tiles/WebMercatorQuad/12/1751/3189',
      '/collections/grids/tiles/WebMercatorQuad/14/7004/12757',
    ],
    'open',
  ],
  '/api/session': [['/api/session'], 'refused'], // who am I: nobody
  '/api/place': [['/api/place'], 'open'], // the place's names and titles, shown before sign-in
  '/api/basemaps': [['/api/basemaps'], 'open'], // the configured base maps: names, tile URLs, credits
  // a tile of a county's own MBTiles/PMTiles base map: imagery or streets, no records of anyone
  // (none configured here; test/http/basemaps.test.ts serves them)
  '/api/basemaps/:id/:z/:x/:y': [[], 'skip'],
  // the 测评体系: its text, points and unit names, no person
  '/api/assessment/systems': [['/api/assessment/systems'], 'open'],
  '/api/assessment/systems/:year': [['/api/assessment/systems/2026'], 'open'],
  '/api/assessment/systems/:year/export.xlsx': [
    ['/api/assessment/systems/2026/export.xlsx'],
    'open',
  ],
  // 点位测评: checklists and statuses are open; who inspected is not
  '/api/checklists': [['/api/checklists'], 'open'],
  '/api/inspections/status': [['/api/inspections/status'], 'open'],
  '/api/checkpoints/:id/checklist': [['/api/checkpoints/cp-0002/checklist'], 'open'],
  '/api/checkpoints/:id/inspections': [['/api/checkpoints/cp-0002/inspections'], 'refused'],
  '/api/checkpoints/own': [['/api/checkpoints/own'], 'refused'],
  '/': [['/'], 'open'],
  '/api': [['/api'], 'open'],
  '/conformance': [['/conformance'], 'open'],
  '/collections': [['/collections'], 'open'],
  '/collections/:collectionId': [['/collections/grids', '/collections/issues'], 'open'],
  '/collections/:collectionId/queryables': [['/collections/grids/queryables'], 'open'],
  '/collections/:collectionId/schema': [['/collections/grids/schema'], 'open'],
  '/collections/:collectionId/items': [
    ['/collections/grids/items?limit=10000', '/collections/issues/items?limit=10000'],
    'open',
  ],
  '/collections/:collectionId/items/:featureId': [
    ['/collections/grids/items/532927101001002', '/collections/issues/items/i-fixing'],
    'open',
  ],
  '/api/issues/export.:format': [['/api/issues/export.xlsx', '/api/issues/export.csv'], 'refused'],
  '/api/layers/:collectionId/export.:format': [
    ['/api/layers/grids/export.geojson', '/api/layers/grids/export.csv'],
    'open',
  ],
  '/api/issues': [['/api/issues?limit=500'], 'open'],
  '/api/issues/nearby': [['/api/issues/nearby?lngLat=100.30603,25.230114&radius=500'], 'open'],
  '/api/issues/:id': [['/api/issues/{reported}'], 'open'], // reported by a person, with a photo
  '/api/attachments/:id': [['/api/attachments/any-photo'], 'refused'],
  '/api/units': [['/api/units'], 'open'],
  '/api/users': [['/api/users'], 'refused'],
  // 催办 rules, channels (webhook secrets) and the outbox's deliveries: administrators only
  '/api/admin/reminder-rules': [['/api/admin/reminder-rules'], 'refused'],
  '/api/admin/reminder-channels': [['/api/admin/reminder-channels'], 'refused'],
  '/api/admin/deliveries': [['/api/admin/deliveries'], 'refused'],
  '/api/stats/kpis': [['/api/stats/kpis'], 'open'],
  '/api/stats/townships': [['/api/stats/townships'], 'open'],
  '/api/stats/units': [['/api/stats/units'], 'open'],
  '/api/stats/grids': [['/api/stats/grids'], 'open'],
  '/api/stats/hexbins': [['/api/stats/hexbins'], 'open'],
  '/api/stats/trend': [['/api/stats/trend'], 'open'],
  '/api/stats/rankings': [['/api/stats/rankings'], 'open'],
  '/api/stats/completion': [['/api/stats/completion'], 'open'],
  '/api/events/recent': [['/api/events/recent'], 'open'],
  '/api/events/stream': [[], 'skip'], // the same frames as /api/events/recent, never ends
  '/api/wall/view': [['/api/wall/view'], 'open'],
  '/api/wall/map': [['/api/wall/map'], 'open'],
  '/api/grids': [['/api/grids'], 'open'],
  '/api/grids/export.:format': [['/api/grids/export.xlsx', '/api/grids/export.geojson'], 'refused'],
  '/api/grids/workload': [['/api/grids/workload'], 'refused'],
  '/api/grids/history': [['/api/grids/history'], 'refused'],
  '/api/grid-managers': [['/api/grid-managers'], 'refused'],
  '/api/plans': [['/api/plans'], 'open'],
  '/api/plans/compare': [[], 'skip'], // plans' scores, computed from check points only
  '/api/plans/:id': [[], 'skip'],
  '/api/plans/:id/export.:format': [[], 'skip'],
  '/api/planning/seat-radius': [['/api/planning/seat-radius'], 'open'],
  '/api/planning/corridors': [['/api/planning/corridors'], 'open'],
  '/api/rounds': [['/api/rounds'], 'refused'],
  '/api/rounds/:id': [['/api/rounds/r-1'], 'refused'],
  '/api/supervision/summary': [['/api/supervision/summary'], 'refused'],
  '/api/supervision/settings': [['/api/supervision/settings'], 'refused'],
  '/api/supervision/documents': [['/api/supervision/documents'], 'refused'],
  '/api/supervision/documents/:id': [['/api/supervision/documents/d-1'], 'refused'],
  '/api/notifications': [['/api/notifications'], 'refused'],
  // 问责: the records name who decided and carry documents; the wall's counts name no one
  '/api/accountability': [['/api/accountability'], 'refused'],
  '/api/accountability/export.xlsx': [['/api/accountability/export.xlsx'], 'refused'],
  '/api/accountability/:id/document': [['/api/accountability/acc-1/document'], 'refused'],
  '/api/accountability/summary': [['/api/accountability/summary'], 'open'],
  '/api/supervision/documents/:id/file/:format': [
    ['/api/supervision/documents/d-1/file/pdf'],
    'refused',
  ],
  // 台账材料 (files, 说明报告, who submitted and reviewed) and 问卷 figures: signed-in only
  '/api/materials/schedule': [['/api/materials/schedule'], 'refused'],
  '/api/materials/tasks': [['/api/materials/tasks'], 'refused'],
  '/api/materials/completion': [['/api/materials/completion'], 'refused'],
  '/api/materials/export.xlsx': [['/api/materials/export.xlsx'], 'refused'],
  '/api/materials/handovers': [['/api/materials/handovers'], 'refused'],
  '/api/materials/:id': [['/api/materials/mat-0001'], 'refused'],
  '/api/material-files/:id': [['/api/material-files/mf-1'], 'refused'],
  '/api/surveys': [['/api/surveys'], 'refused'],
  '/api/surveys/summary': [['/api/surveys/summary'], 'refused'],
  '/api/surveys/:id': [['/api/surveys/survey-0001'], 'refused'],
  '/api/surveys/:id/export.xlsx': [['/api/surveys/survey-0001/export.xlsx'], 'refused'],
  '/api/assessment/department-evaluations': [['/api/assessment/department-evaluations'], 'refused'],
}

describe('every GET route has a line', () => {
  test('no route is missing and no line is stale', async () => {
    const { store } = await openLedgerStore([])
    try {
      const routes = registeredReadRoutes(createApp({ store, log: () => {} }))
      const missing = [...routes].filter((r) => !Object.hasOwn(probes, r))
      expect(missing, 'add these to probes in test/http/personal-data.test.ts').toEqual([])
      expect(Object.keys(probes).filter((r) => !routes.has(r))).toEqual([])
    } finally {
      await store.close()
    }
  })
})

describe('an anonymous reader', () => {
  let ledger: LedgerApp
  let personal: string[] // names and phone numbers of people
  let reportedId: string
  beforeAll(async () => {
    ledger = await startLedgerApp()
    // a reporter and an actor with a person's name, a note with it and a photo
    const inspector = await ledger.login('inspector')
    const reported = await inspector.post('/api/issues', {
      lngLat: [100.30603, 25.230114],
      category: 'graffiti',
      description: '墙面小广告',
    })
    expect(reported.status).toBe(201)
    reportedId = reported.body.id
    const photo = await inspector.send(`/api/issues/${reportedId}/attachments`, {
      method: 'POST',
      body: jpeg,
      headers: { 'content-type': 'image/jpeg', 'x-requested-with': 'fetch' },
    })
    expect(photo.status).toBe(201)
    const managers = await ledger.store.gridManagers()
    const users = await ledger.store.users()
    personal = [
      ...managers.flatMap((m) => [m.name, m.phone ?? '']),
      ...users.filter((u) => u.role !== 'display').map((u) => u.displayName),
    ].filter((s) => s.length >= 2)
    expect(personal.length).toBeGreaterThan(10)
  })
  afterAll(async () => {
    await ledger.close()
  })

  const cases = Object.entries(probes).flatMap(([route, [urls, expected]]) =>
    urls.map((url) => [route, url, expected] as const),
  )
  test.each(cases)('%s: GET %s', async (_route, url, expected) => {
    const reply = await ledger.anonymous.get(url.replace('{reported}', reportedId))
    if (expected === 'refused') {
      expect(reply.status, url).toBe(401)
      expect(reply.body.detail).toMatch(/登录/)
      return
    }
    expect(reply.status, url).toBeLessThan(400)
    const text = reply.bytes.toString('utf8')
    const found = personal.filter((p) => text.includes(p))
    expect(found, `${url} shows personal data`).toEqual([])
    expect(text, `${url} links a photo`).not.toMatch(/\/api\/attachments\/[\w-]/)
  })

  test('a signed-in grid manager still sees the managers, the reporter and the photo', async () => {
    const manager = await ledger.login('grid-nanzhao')
    const managers = await manager.get('/api/grid-managers')
    expect(managers.status).toBe(200)
    const grid = await manager.get('/collections/grids/items/532927101001002')
    expect(grid.body.properties.manager).toBe(
      managers.body.find((m: { id: string }) => m.id === grid.body.properties.managerId).name,
    )
    const issue = await manager.get(`/api/issues/${reportedId}`)
    expect(issue.body.events[0].actorName).toBe('县督导组督导员')
    expect(issue.body.attachments).toHaveLength(1)
  })

  test('the display token reads what the wall needs, and the managers', async () => {
    const headers = { authorization: `Bearer ${ledger.displayToken}` }
    expect((await ledger.anonymous.get('/api/grid-managers', headers)).status).toBe(200)
  })
})

describe('a personal API token', () => {
  let ledger: LedgerApp
  const token = newSecret()
  const bearer = { authorization: `Bearer ${token}` }
  beforeAll(async () => {
    ledger = await startLedgerApp()
    await ledger.store.addApiToken({
      hash: hashSecret(token),
      username: 'grid-nanzhao',
      label: 'QGIS',
      createdAt: '2026-12-01T00:00:00Z',
    })
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('reads what its user may read, as a Bearer header', async () => {
    const reply = await ledger.anonymous.get('/api/grid-managers', bearer)
    expect(reply.status).toBe(200)
    expect(reply.body.length).toBeGreaterThan(0)
  })

  test('never writes, even what its user may write', async () => {
    const reply = await ledger.anonymous.post(
      '/api/issues/i-pending/notes',
      { note: '令牌写入' },
      bearer,
    )
    expect(reply.status).toBe(403)
    expect(reply.body.detail).toMatch(/只能用于读取/)
  })

  test('is refused in the URL (URLs end up in logs)', async () => {
    const reply = await ledger.anonymous.get(`/api/grid-managers?token=${token}`)
    expect(reply.status).toBe(401)
  })

  test('stops working when revoked', async () => {
    const other = newSecret()
    await ledger.store.addApiToken({
      hash: hashSecret(other),
      username: 'planner',
      label: 'GDAL',
      createdAt: '2026-12-01T00:00:00Z',
    })
    const headers = { authorization: `Bearer ${other}` }
    expect((await ledger.anonymous.get('/api/grid-managers', headers)).status).toBe(200)
    expect(await ledger.store.revokeApiTokens('planner')).toBe(1)
    const reply = await ledger.anonymous.get('/api/grid-managers', headers)
    expect(reply.status).toBe(401)
    expect(reply.body.detail).toMatch(/令牌.*无效或已更换/)
  })
})
