// Who may read and write: the CSRF guard on /api writes, the wall display's read-only token (header
// or ?token=), and READ_ACCESS=public|authenticated across the OGC API and /api.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashSecret } from '../../server/auth/secrets.ts'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

const assign = {
  action: 'assign',
  version: 1,
  responsibleUnit: 'housing',
  deadlineAt: '2026-12-01T00:00:00Z',
}

describe('CSRF guard on /api writes', () => {
  let ledger: LedgerApp
  let admin: Client
  beforeAll(async () => {
    ledger = await startLedgerApp()
    admin = await ledger.login('admin')
  })
  afterAll(async () => {
    await ledger.close()
  })

  test.each([
    ['no X-Requested-With', { 'x-requested-with': '' }],
    ['another X-Requested-With', { 'x-requested-with': 'XMLHttpRequest' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
  ])('a signed-in write with %s is 403 and changes nothing', async (_, headers) => {
    const reply = await admin.post('/api/issues/i-pending/transitions', assign, headers)
    expect(reply.status).toBe(403)
    expect(reply.body.code).toBe('Forbidden')
    expect((await ledger.store.issue('i-pending'))?.version).toBe(1)
  })

  test('our own Origin is accepted', async () => {
    const reply = await admin.post(
      '/api/issues/i-miaojie/notes',
      { note: '同源请求' },
      { origin: ledger.app.url },
    )
    expect(reply.status).toBe(201)
  })
})

describe('the display token (指挥部大屏)', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp({ config: { readAccess: 'authenticated' } })
  })
  afterAll(async () => {
    await ledger.close()
  })
  const bearer = () => ({ authorization: `Bearer ${ledger.displayToken}` })

  test.each([
    '/api/issues',
    '/api/issues/i-fixing',
    '/api/units',
    '/collections/issues/items',
    '/',
    '/conformance',
  ])('reads %s with Authorization: Bearer', async (path) => {
    expect((await ledger.anonymous.get(path, bearer())).status).toBe(200)
  })

  test('reads with ?token= too, which the OGC parameter check never sees', async () => {
    const reply = await ledger.anonymous.get(
      `/collections/issues/items?limit=2&token=${ledger.displayToken}`,
    )
    expect(reply.status).toBe(200)
    expect(reply.body.numberReturned).toBe(2)
    expect(JSON.stringify(reply.body.links)).not.toContain(ledger.displayToken)
  })

  test('the session endpoint names the display role, with no permissions', async () => {
    const reply = await ledger.anonymous.get('/api/session', bearer())
    expect(reply.body.user).toEqual({
      username: 'display',
      displayName: '指挥部大屏',
      role: 'display',
      permissions: [],
    })
  })

  test('its issue views allow no actions', async () => {
    const reply = await ledger.anonymous.get('/api/issues?limit=100', bearer())
    expect(
      reply.body.items.every((i: { allowedActions: string[] }) => i.allowedActions.length === 0),
    ).toBe(true)
  })

  const writes: [string, string, unknown][] = [
    [
      'POST',
      '/api/issues',
      { lngLat: [100.30603, 25.230114], category: 'graffiti', description: '大屏不能上报' },
    ],
    ['POST', '/api/issues/i-pending/transitions', assign],
    ['POST', '/api/issues/i-pending/notes', { note: '大屏不能备注' }],
    ['POST', '/api/issues/i-pending/attachments', undefined],
    ['POST', '/api/issues/import', undefined],
    ['POST', '/api/checkpoints/import?filename=a.geojson', undefined],
  ]
  test.each(writes)('can never write: %s %s → 403', async (method, path, body) => {
    const reply = await ledger.anonymous.send(path, {
      method,
      body: body === undefined ? Buffer.from([0xff, 0xd8, 0xff, 0x00]) : JSON.stringify(body),
      headers: {
        ...bearer(),
        'content-type': body === undefined ? 'image/jpeg' : 'application/json',
        'x-requested-with': 'fetch',
      },
    })
    expect(reply.status).toBe(403)
    expect(reply.body.detail).toMatch(/大屏令牌只能查看/)
  })

  test('a token in the query of a write is refused outright', async () => {
    const reply = await ledger.anonymous.post(
      `/api/issues/i-pending/notes?token=${ledger.displayToken}`,
      { note: 'x' },
    )
    expect(reply.status).toBe(403)
  })

  test('nothing was written by any of those attempts', async () => {
    const events = await ledger.store.issueEvents('i-pending')
    expect(events.map((e) => e.action)).toEqual(['import'])
  })

  test.each([
    ['a wrong token', `Bearer ${'x'.repeat(43)}`],
    ['a malformed header', 'Bearer'],
    ['a session id used as a token', 'Bearer abc'],
  ])('%s is 401', async (_, authorization) => {
    expect((await ledger.anonymous.get('/api/issues', { authorization })).status).toBe(401)
  })

  test('the store keeps only a hash of the token', async () => {
    expect(await ledger.store.hasDisplayToken(hashSecret(ledger.displayToken))).toBe(true)
    expect(await ledger.store.hasDisplayToken(ledger.displayToken)).toBe(false)
  })
})

describe('READ_ACCESS', () => {
  const readPaths = [
    '/',
    '/collections',
    '/collections/issues/items',
    '/conformance',
    '/api',
    '/api/issues',
    '/api/issues/i-fixing',
    '/api/units',
    '/api/layers/grids/export.geojson',
  ]

  describe('authenticated', () => {
    let ledger: LedgerApp
    beforeAll(async () => {
      ledger = await startLedgerApp({ config: { readAccess: 'authenticated' } })
    })
    afterAll(async () => {
      await ledger.close()
    })

    test.each(readPaths)('anonymous GET %s is 401', async (path) => {
      const reply = await ledger.anonymous.get(path)
      expect(reply.status).toBe(401)
      expect(reply.headers.get('content-type')).toMatch(/problem\+json/)
    })

    test.each(readPaths)('a signed-in commander reads %s', async (path) => {
      const commander = await ledger.login('commander')
      expect((await commander.get(path)).status).toBe(200)
    })

    test('signing in needs no prior access', async () => {
      expect((await ledger.login('planner')).cookie).toMatch(/^weishan_session=/)
    })
  })

  describe('public (the default)', () => {
    let ledger: LedgerApp
    beforeAll(async () => {
      ledger = await startLedgerApp()
    })
    afterAll(async () => {
      await ledger.close()
    })

    test.each(readPaths)('anonymous GET %s is 200', async (path) => {
      expect((await ledger.anonymous.get(path)).status).toBe(200)
    })

    test('anonymous writes are still 401', async () => {
      const reply = await ledger.anonymous.post('/api/issues/i-pending/transitions', assign)
      expect(reply.status).toBe(401)
    })

    test('anonymous readers see no allowed actions', async () => {
      const reply = await ledger.anonymous.get('/api/issues/i-reviewing')
      expect(reply.body.allowedActions).toEqual([])
    })

    test('the user list is for administrators only', async () => {
      expect((await ledger.anonymous.get('/api/users')).status).toBe(401)
      const inspector = await ledger.login('inspector')
      expect((await inspector.get('/api/users')).status).toBe(403)
      const admin = await ledger.login('admin')
      const users = await admin.get('/api/users')
      expect(users.body.map((u: { username: string }) => u.username)).toEqual([
        'admin',
        'commander',
        'grid-nanzhao',
        'inspector',
        'member-nanzhao',
        'planner',
        'unit-market',
        'unit-um',
      ])
      expect(JSON.stringify(users.body)).not.toContain('scrypt')
    })
  })
})
