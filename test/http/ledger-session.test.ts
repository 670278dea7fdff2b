// /api/session in process: sign in and out, the cookie's attributes, forged and expired sessions, the
// login rate limit, and what GET /api/session says about each kind of caller.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type LedgerApp, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp
beforeAll(async () => {
  ledger = await startLedgerApp()
})
afterAll(async () => {
  await ledger.close()
})

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  ledger.anonymous.post('/api/session', { username, password }, headers)

describe('signing in', () => {
  test('the right password answers the user with permissions and sets an HttpOnly SameSite=Strict cookie', async () => {
    const reply = await login('unit-um', 'weishan2026')
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({
      user: {
        username: 'unit-um',
        displayName: '县城市管理局经办人',
        role: 'unit-operator',
        unitCode: 'urban-management',
        permissions: [
          'issue_rectify',
          'issue_note',
          'notice_receive',
          'checkpoint_inspect',
          'material_submit',
        ],
      },
    })
    const [cookie] = reply.headers.getSetCookie()
    expect(cookie).toMatch(/^weishan_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toMatch(/Secure/) // plain http here
  })

  test('the grid manager of 南诏镇 gets its 36 grids', async () => {
    const reply = await login('grid-nanzhao', 'weishan2026')
    expect(reply.body.user.gridCodes).toHaveLength(36)
    expect(reply.body.user.gridCodes.every((g: string) => g.startsWith('532927101'))).toBe(true)
  })

  test.each([
    ['a wrong password', 'admin', 'weishan2025'],
    ['an unknown user', 'nobody', 'weishan2026'],
  ])('%s is 401 with the same message, and no cookie', async (_, username, password) => {
    const reply = await login(username, password)
    expect(reply.status).toBe(401)
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(reply.body.detail).toBe('用户名或密码错误')
    expect(reply.headers.getSetCookie()).toEqual([])
  })

  test.each([
    [{ username: 'admin' }, 'password'],
    [{ username: 'admin', password: 'weishan2026', role: 'admin' }, 'role'],
    [{ username: 7, password: 'weishan2026' }, 'username'],
    [{ username: '', password: 'weishan2026' }, 'username'],
  ])('body %j is 400 naming %s', async (body, field) => {
    const reply = await ledger.anonymous.post('/api/session', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  test('malformed JSON is 400; a form post is 415', async () => {
    const bad = await ledger.anonymous.send('/api/session', {
      method: 'POST',
      body: '{"username": "admin", ',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(bad.status).toBe(400)
    const form = await ledger.anonymous.send('/api/session', {
      method: 'POST',
      body: 'username=admin&password=weishan2026',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'fetch' },
    })
    expect(form.status).toBe(415)
  })

  test('without X-Requested-With a sign-in is refused (CSRF guard)', async () => {
    const reply = await ledger.anonymous.send('/api/session', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'weishan2026' }),
      headers: { 'content-type': 'application/json' },
    })
    expect(reply.status).toBe(403)
  })
})

describe('the session', () => {
  test('GET /api/session answers the signed-in user; after DELETE it is 401', async () => {
    const admin = await ledger.login('admin')
    const me = await admin.get('/api/session')
    expect(me.body.user).toMatchObject({ username: 'admin', role: 'admin' })
    expect(me.body.user.permissions).toContain('issue_reopen')
    const out = await admin.send('/api/session', {
      method: 'DELETE',
      headers: { 'x-requested-with': 'fetch' },
    })
    expect(out.status).toBe(204)
    expect(out.headers.getSetCookie()[0]).toMatch(/weishan_session=;.*Expires=Thu, 01 Jan 1970/)
    expect((await admin.get('/api/session')).status).toBe(401)
  })

  test('anonymous is 401 on GET /api/session', async () => {
    expect((await ledger.anonymous.get('/api/session')).status).toBe(401)
  })

  test.each([
    ['a forged id of the right shape', `weishan_session=${'A'.repeat(43)}`],
    ['a junk value', 'weishan_session=admin'],
    ['a role in a cookie of our own making', 'role=admin; user=admin'],
  ])('%s is no session: 401 on reads of the session and on writes', async (_, cookie) => {
    const me = await ledger.anonymous.get('/api/session', { cookie })
    expect(me.status).toBe(401)
    const write = await ledger.anonymous.post(
      '/api/issues/i-pending/transitions',
      {
        action: 'assign',
        version: 1,
        responsibleUnit: 'housing',
        deadlineAt: '2026-12-01T00:00:00Z',
      },
      { cookie },
    )
    expect(write.status).toBe(401)
  })

  test('a session expires after its lifetime; use within it slides it forward', async () => {
    const start = ledger.clock.now
    try {
      const user = await ledger.login('commander')
      ledger.clock.now = new Date(start.getTime() + 7 * 3_600_000) // past half of 12 h: extended
      expect((await user.get('/api/session')).status).toBe(200)
      ledger.clock.now = new Date(start.getTime() + 18 * 3_600_000) // 11 h after the extension
      expect((await user.get('/api/session')).status).toBe(200)
      ledger.clock.now = new Date(start.getTime() + 31 * 3_600_000) // 13 h idle
      expect((await user.get('/api/session')).status).toBe(401)
    } finally {
      ledger.clock.now = start
    }
  })
})

describe('login rate limit', () => {
  test('10 failures for one user from one address → 429; other users are not affected', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await login('planner', `wrong-${i}`)).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses[10]).toBe(429)
    const blocked = await login('planner', 'weishan2026') // even the right password waits
    expect(blocked.status).toBe(429)
    expect(blocked.body.detail).toMatch(/登录失败次数过多/)
    expect(blocked.headers.get('ratelimit-policy')).toMatch(/10/)
    expect((await login('inspector', 'weishan2026')).status).toBe(200)
  })

  test('30 failures across usernames from one address → 429 for every username, saying when to retry', async () => {
    const own = await startLedgerApp() // its own counters: the other tests sign in from this address
    try {
      const tryLogin = (username: string, password: string) =>
        own.anonymous.post('/api/session', { username, password })
      for (let i = 0; i < 30; i++) expect((await tryLogin(`nobody-${i}`, 'wrong')).status).toBe(401)
      const blocked = await tryLogin('admin', 'weishan2026')
      expect(blocked.status).toBe(429)
      expect(blocked.body.detail).toMatch(
        /本机地址登录失败次数过多，请 \d+ 分钟后（\d\d:\d\d 以后）再试/,
      )
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    } finally {
      await own.close()
    }
  })

  test('successful sign-ins do not count', async () => {
    for (let i = 0; i < 12; i++) expect((await login('inspector', 'weishan2026')).status).toBe(200)
  })
})

describe('Secure cookies', () => {
  test('behind an https public base URL the cookie is Secure', async () => {
    const https = await startLedgerApp({
      config: { publicBaseUrl: 'https://example.gov.cn/weishan' },
    })
    try {
      const reply = await https.anonymous.post(
        '/api/session',
        { username: 'admin', password: 'weishan2026' },
        { origin: 'https://example.gov.cn' },
      )
      expect(reply.status).toBe(200)
      expect(reply.headers.getSetCookie()[0]).toMatch(/; Secure/)
    } finally {
      await https.close()
    }
  })
})
