// The authorisation matrix: every write route registered in Express has a line in writeRules, and
// every route × every caller (each role, the display token, nobody) gets 401/403 exactly when the
// table says so. Then, per scope kind, a request inside and one outside the caller's scope.
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../server/app.ts'
import { hasPermission, type User } from '../../server/domain/roles.ts'
import { permits, ruleFor, type Scope, writeRules } from '../../server/http/authorise.ts'
import { methodNotAllowed } from '../../server/http/method-not-allowed.ts'
import {
  type Client,
  type LedgerApp,
  openLedgerStore,
  places,
  startLedgerApp,
} from './ledger-app.ts'

const writeMethods = ['post', 'put', 'patch', 'delete']

interface Layer {
  route?: {
    path: string | string[]
    methods: Record<string, boolean>
    stack: { handle: unknown }[]
  }
  handle?: { stack?: Layer[] }
}

/** Every method + path Express would route, walking nested routers. */
function registeredWriteRoutes(app: Express): string[] {
  const found: string[] = []
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        // the OGC paths' 405 fallback writes nothing
        if (layer.route.stack.every((l) => l.handle === methodNotAllowed)) continue
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]
        for (const method of Object.keys(layer.route.methods)) {
          if (!writeMethods.includes(method)) continue
          for (const path of paths) found.push(`${method.toUpperCase()} ${path}`)
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack)
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack)
  return found
}

describe('writeRules covers the app', () => {
  test('every write route registered in Express has exactly its own line, and no line is stale', async () => {
    const { store } = await openLedgerStore([])
    try {
      const routes = registeredWriteRoutes(createApp({ store, log: () => {} }))
      expect(routes.length).toBeGreaterThan(20)
      const missing = routes.filter((r) => !Object.hasOwn(writeRules, r))
      expect(missing, 'add these to writeRules in server/http/authorise.ts').toEqual([])
      expect(Object.keys(writeRules).filter((r) => !routes.includes(r))).toEqual([])
    } finally {
      await store.close()
    }
  })

  test.each(Object.keys(writeRules))('%s finds its own rule', (key) => {
    const [method = '', path = ''] = key.split(' ')
    expect(ruleFor(method, path.replaceAll(/:\w+/g, 'x-1'))).toBe(writeRules[key])
  })
})

const accounts = [
  'admin',
  'commander',
  'inspector',
  'unit-um',
  'grid-nanzhao',
  'member-nanzhao',
  'planner',
] as const

describe('every route × every caller', () => {
  let ledger: LedgerApp
  const callers = new Map<string, { client: Client; user?: User }>()
  beforeAll(async () => {
    ledger = await startLedgerApp()
    callers.set('nobody', { client: ledger.anonymous })
    for (const name of accounts) {
      const client = await ledger.login(name)
      const user = (await client.get('/api/session')).body.user as User
      callers.set(name, { client, user })
    }
  })
  afterAll(async () => {
    await ledger.close()
  })

  // signing out last, so the callers keep their sessions for the other routes
  const routes = Object.keys(writeRules).sort(
    (a, b) => Number(a === 'DELETE /api/session') - Number(b === 'DELETE /api/session'),
  )
  const cases = routes.flatMap((route) =>
    ['nobody', 'display', ...accounts].map((caller) => [route, caller] as const),
  )

  test.each(cases)('%s as %s', async (route, caller) => {
    const rule = writeRules[route]
    if (!rule) throw new Error(route)
    const [method = '', pattern = ''] = route.split(' ')
    const path = pattern.replaceAll(/:\w+/g, 'no-such-thing')
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-requested-with': 'fetch',
    }
    let client = ledger.anonymous
    if (caller === 'display') headers.authorization = `Bearer ${ledger.displayToken}`
    else client = callers.get(caller)?.client ?? client
    const reply = await client.send(path, { method, body: '{}', headers })
    const user = callers.get(caller)?.user
    const denied = [401, 403].includes(reply.status)
    if (rule.who === 'anyone') {
      // computations refuse the display token (its reads are GETs); nothing else is refused
      if (caller !== 'display') expect(denied, JSON.stringify(reply.body)).toBe(false)
    } else if (!user) {
      expect(reply.status).toBe(caller === 'nobody' ? 401 : 403)
    } else if (permits(rule, (p) => hasPermission(user, p))) {
      expect(denied, JSON.stringify(reply.body)).toBe(false)
    } else {
      expect(reply.status).toBe(403)
      expect(reply.body.detail).toMatch(/无权/)
    }
  })
})

/** A request by one caller inside and outside their scope, with the statuses expected. */
interface ScopeCase {
  route: string
  caller: string
  path: string
  body: unknown
  status: number
}

describe('in scope and out of scope', () => {
  let ledger: LedgerApp
  let nanzhaoManager: string
  let miaojieManager: string
  let noticeId: string // an issued 整改通知书 to 县城市管理局
  beforeAll(async () => {
    ledger = await startLedgerApp()
    const inspector = await ledger.login('inspector')
    const draft = await inspector.post('/api/supervision/notices', {
      unitCode: 'urban-management',
      issueIds: ['i-fixing'],
    })
    noticeId = draft.body.id
    expect((await inspector.post(`/api/supervision/documents/${noticeId}/issue`)).status).toBe(200)
    const grids = await ledger.store.gridFeatures()
    const managerIn = (township: string) =>
      grids.find((g) => g.properties.townshipCode === township && g.properties.managerId)
        ?.properties.managerId as string
    nanzhaoManager = managerIn('532927101')
    miaojieManager = managerIn('532927102')
  }, 120_000) // issuing renders the notice's PDF with CJK fonts
  afterAll(async () => {
    await ledger.close()
  })

  const cases = (): ScopeCase[] => [
    // unit: a notice is signed by the unit it is addressed to, nobody else
    {
      route: 'POST /api/supervision/documents/:id/receipt',
      caller: 'unit-market',
      path: `/api/supervision/documents/${noticeId}/receipt`,
      body: {},
      status: 403,
    },
    {
      route: 'POST /api/supervision/documents/:id/receipt',
      caller: 'unit-um',
      path: `/api/supervision/documents/${noticeId}/receipt`,
      body: {},
      status: 200,
    },
    // checkpoint: a unit operator 自查s only its own unit's points (cp-0059 is in a 县城市管理局 grid)
    {
      route: 'POST /api/checkpoints/:id/inspections',
      caller: 'unit-um',
      path: '/api/checkpoints/cp-0059/inspections',
      body: {
        results: ['s01', 's02', 's03', 'd01'].map((n) => ({
          itemCode: `window-unit-${n}`,
          result: 'pass',
        })),
      },
      status: 201,
    },
    {
      route: 'POST /api/checkpoints/:id/inspections',
      caller: 'unit-um',
      path: '/api/checkpoints/cp-0002/inspections',
      body: { results: [{ itemCode: 'market-s01', result: 'pass' }] },
      status: 403,
    },
    // issue: a unit operator acts on their unit's issues only
    {
      route: 'POST /api/issues/:id/notes',
      caller: 'unit-um',
      path: '/api/issues/i-fixing/notes',
      body: { note: '已安排人员整改' },
      status: 201,
    },
    {
      route: 'POST /api/issues/:id/notes',
      caller: 'unit-um',
      path: '/api/issues/i-market/notes',
      body: { note: '不是我们的问题' },
      status: 403,
    },
    // issue and grid: a grid member rectifies and reports in their own grids only
    {
      route: 'POST /api/issues/:id/transitions',
      caller: 'member-nanzhao',
      path: '/api/issues/i-market/transitions',
      body: { action: 'rectify', version: 1, note: '已清理' },
      status: 403,
    },
    {
      route: 'POST /api/issues/:id/transitions',
      caller: 'member-nanzhao',
      path: '/api/issues/i-fixing/transitions',
      body: { action: 'rectify', version: 1, note: '已清理占道摊点' },
      status: 200,
    },
    {
      route: 'POST /api/issues',
      caller: 'member-nanzhao',
      path: '/api/issues',
      body: { lngLat: places.market.lngLat, category: 'graffiti', description: '墙面小广告' },
      status: 403,
    },
    {
      route: 'POST /api/issues',
      caller: 'member-nanzhao',
      path: '/api/issues',
      body: { lngLat: places.seat.lngLat, category: 'graffiti', description: '墙面小广告' },
      status: 201,
    },
    {
      route: 'POST /api/issues',
      caller: 'inspector',
      path: '/api/issues',
      body: { lngLat: places.miaojie.lngLat, category: 'graffiti', description: '墙面小广告' },
      status: 201,
    },
    // grid: a grid manager changes their own grids only
    {
      route: 'POST /api/grids/assignments',
      caller: 'grid-nanzhao',
      path: '/api/grids/assignments',
      body: { assignments: [{ gridCode: '532927101001002', unitCode: 'urban-management' }] },
      status: 200,
    },
    {
      route: 'POST /api/grids/assignments',
      caller: 'grid-nanzhao',
      path: '/api/grids/assignments',
      body: { assignments: [{ gridCode: '532927102201001', unitCode: 'urban-management' }] },
      status: 403,
    },
    // township: units and managers of the caller's townships only; county units: admins only
    {
      route: 'PATCH /api/units/:code',
      caller: 'grid-nanzhao',
      path: '/api/units/township-532927101',
      body: { name: '南诏镇人民政府（网格办）' },
      status: 200,
    },
    {
      route: 'PATCH /api/units/:code',
      caller: 'grid-nanzhao',
      path: '/api/units/township-532927102',
      body: { active: false },
      status: 403,
    },
    {
      route: 'PATCH /api/units/:code',
      caller: 'grid-nanzhao',
      path: '/api/units/urban-management',
      body: { name: '被改名的城管局' },
      status: 403,
    },
    {
      route: 'PATCH /api/units/:code',
      caller: 'admin',
      path: '/api/units/urban-management',
      body: { name: '县城市管理局（综合执法）' },
      status: 200,
    },
    {
      route: 'POST /api/units',
      caller: 'grid-nanzhao',
      path: '/api/units',
      body: { name: '某新单位', kind: 'department' },
      status: 403,
    },
    {
      route: 'POST /api/units',
      caller: 'admin',
      path: '/api/units',
      body: { name: '某新单位', kind: 'department' },
      status: 201,
    },
    {
      route: 'PATCH /api/grid-managers/:id',
      caller: 'grid-nanzhao',
      path: `/api/grid-managers/${nanzhaoManager}`,
      body: { phone: '13900000000' },
      status: 200,
    },
    {
      route: 'PATCH /api/grid-managers/:id',
      caller: 'grid-nanzhao',
      path: `/api/grid-managers/${miaojieManager}`,
      body: { active: false },
      status: 403,
    },
  ]

  test('every scope kind used by a write route has a case inside and outside it', () => {
    const used = new Set(Object.values(writeRules).map((r) => r.scope))
    const tested = new Set(
      cases()
        .filter((c) => c.status === 403)
        .map((c) => writeRules[c.route]?.scope),
    )
    const scoped: Scope[] = ['issue', 'grid', 'township', 'unit', 'checkpoint']
    for (const scope of scoped) if (used.has(scope)) expect(tested, scope).toContain(scope)
  })

  test('each case answers as expected, and a refused one changes nothing', async () => {
    for (const c of cases()) {
      const client = await ledger.login(c.caller)
      const [method = ''] = c.route.split(' ')
      const before = JSON.stringify([await ledger.store.units(), await ledger.store.gridManagers()])
      const reply = await client.send(c.path, {
        method,
        body: JSON.stringify(c.body),
        headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
      })
      expect(reply.status, `${c.caller} ${method} ${c.path} ${JSON.stringify(reply.body)}`).toBe(
        c.status,
      )
      if (c.status === 403) {
        expect(reply.body.detail).toMatch(/[\u4e00-\u9fff]/)
        const after = JSON.stringify([
          await ledger.store.units(),
          await ledger.store.gridManagers(),
        ])
        expect(after).toBe(before)
      }
    }
  })
})
