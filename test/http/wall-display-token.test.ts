// The wall's display token reads every stats and events endpoint, and writes nothing anywhere: every
// non-GET route the app registers is sent a request that an administrator's session would get through
// (checked last), with the token as a header and in the URL; each is refused and the database file,
// table by table, stays byte for byte the same.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../server/app.ts'
import { openSse } from '../live/sse-client.ts'
import { startWallApp, type WallApp } from '../live/wall-app.ts'
import { places } from './ledger-app.ts'

interface RouteEntry {
  methods: string[] // lower case, as Express keeps them
  path: string
}

/** Every route of the app, from Express's router (routers mounted by app.use included). */
function routesOf(app: Express): RouteEntry[] {
  const routes: RouteEntry[] = []
  type Layer = {
    route?: { path: string | string[]; methods: object }
    handle?: { stack?: Layer[] }
  }
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          routes.push({ methods: Object.keys(layer.route.methods), path })
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack)
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack)
  return routes
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR'),
])
const [lng, lat] = places.market.lngLat

// a body an administrator may send to each write route; unknown routes get an empty JSON object
const requests: Record<string, { path: string; type: string; body: string | Buffer }> = {
  'post /api/issues': {
    path: '/api/issues',
    type: 'application/json',
    body: JSON.stringify({
      lngLat: [...places.seat.lngLat],
      category: 'street-vending',
      description: '令牌不能上报',
    }),
  },
  'post /api/issues/:id/transitions': {
    path: '/api/issues/i-reviewing/transitions',
    type: 'application/json',
    body: JSON.stringify({ action: 'approve', version: 1 }),
  },
  'post /api/issues/:id/notes': {
    path: '/api/issues/i-fixing/notes',
    type: 'application/json',
    body: JSON.stringify({ note: '令牌不能备注' }),
  },
  'post /api/issues/:id/attachments': {
    path: '/api/issues/i-fixing/attachments',
    type: 'image/png',
    body: png,
  },
  'post /api/issues/import': {
    path: '/api/issues/import',
    type: 'text/csv',
    body:
      '编号,问题类型,问题描述,状态,经度,纬度,发现时间,整改期限,责任单位\n' +
      `tok-1,占道经营,令牌不能导入,整改中,${lng},${lat},2026-11-22 09:00,2026-11-23 09:00,县市场监督管理局\n`,
  },
  'post /api/grids/import': {
    // a dry run of one grid: the report (a gap) comes back 200, nothing is written
    path: '/api/grids/import?filename=grids.geojson&dryRun=true',
    type: 'application/octet-stream',
    body: JSON.stringify({
      type: 'FeatureCollection',
      features: JSON.parse(
        readFileSync(new URL('../../geodata/grids.geojson', import.meta.url), 'utf8'),
      ).features.slice(0, 1),
    }),
  },
  'post /api/layers/townships/import': {
    path: '/api/layers/townships/import?filename=townships.geojson&dryRun=true',
    type: 'application/octet-stream',
    body: readFileSync(new URL('../../geodata/townships.geojson', import.meta.url)),
  },
  'post /api/layers/checkpoints/import': {
    path: '/api/layers/checkpoints/import?filename=checkpoints.geojson&dryRun=true',
    type: 'application/octet-stream',
    body: readFileSync(new URL('../fixtures/exchange/checkpoints.geojson', import.meta.url)),
  },
  'post /api/checkpoints/import': {
    path: '/api/checkpoints/import?filename=checkpoints.geojson',
    type: 'application/octet-stream',
    body: readFileSync(new URL('../fixtures/exchange/checkpoints.geojson', import.meta.url)),
  },
}

// signing in and out are no writes of data: the token cannot sign in (that takes a password), and
// signing out without a session deletes nothing
const sessionRoutes = new Set(['post /api/session', 'delete /api/session'])
const writeMethods = ['post', 'put', 'patch', 'delete']

describe('the display token', () => {
  let wall: WallApp
  let dir: string
  let routes: RouteEntry[]
  let snapshot: () => string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weishan-token-'))
    const databasePath = join(dir, 'wall.db')
    wall = await startWallApp({ databasePath })
    routes = routesOf(createApp({ store: wall.store, log: () => {} }))
    snapshot = () => {
      const db = new Database(databasePath, { readonly: true })
      const hash = createHash('sha256')
      const tables = db
        // rate_limits counts the refused sign-ins (shared by cluster workers): not data written
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'rate_limits' ORDER BY name",
        )
        .pluck()
        .all() as string[]
      for (const table of tables) {
        hash.update(table)
        hash.update(JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).raw().all()))
      }
      db.close()
      return hash.digest('hex')
    }
  })
  afterAll(async () => {
    await wall.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const readPaths = () =>
    routes
      .filter((r) => r.methods.includes('get') && /^\/api\/(stats|events)\//.test(r.path))
      .map((r) => r.path)

  test('reads every /api/stats and /api/events endpoint, as a header and as ?token=', async () => {
    const paths = readPaths()
    expect(paths).toHaveLength(10)
    for (const path of paths) {
      if (path.endsWith('/stream')) {
        for (const s of [
          await openSse(wall.url + path, { authorization: `Bearer ${wall.displayToken}` }),
          await openSse(`${wall.url}${path}?token=${wall.displayToken}`),
        ]) {
          expect(s.status, path).toBe(200)
          expect((await s.next()).retry).toBe(3000)
          s.close()
        }
        continue
      }
      const byHeader = await wall.get(path)
      expect(byHeader.status, path).toBe(200)
      expect(typeof byHeader.body.asOfEventSeq, path).toBe('number')
      expect((await wall.get(`${path}?token=${wall.displayToken}`, {})).status, path).toBe(200)
    }
  })

  test('writes nothing through any non-GET route the app registers', async () => {
    const before = snapshot()
    const writes = routes.flatMap((r) =>
      r.methods.filter((m) => writeMethods.includes(m)).map((method) => ({ method, path: r.path })),
    )
    // app.all(...) answers every method on the OGC API's read-only paths (405); the rest are writes
    const catchAll = (path: string) =>
      routes.some((r) => r.path === path && r.methods.includes('get') && r.methods.includes('post'))
    // 8 ledger writes, 9 of the grid workspace, 7 of the plans, 9 of 督查 (rounds, 登记到达, documents,
    // settings), 3 of 催办 and the 消息中心, 2 of 催办 rules and channels (administrators), 1 of the
    // 测评体系 (its import), 1 of 点位测评, 8 of 材料审核 (materials, files, review, 签字移交) and 3 of
    // 问卷调查, 2 of 问责, 1 of 部门评价, 2 of the county's own layers (townships, check points)
    expect(writes.filter((w) => !catchAll(w.path))).toHaveLength(57)
    for (const { method, path } of writes) {
      const key = `${method} ${path}`
      const request = requests[key] ?? {
        path: path.replace(':collectionId', 'issues').replace(/:[A-Za-z]+/g, 'i-fixing'),
        type: 'application/json',
        body: '{}',
      }
      const send = (url: string, headers: Record<string, string>) =>
        fetch(url, {
          method: method.toUpperCase(),
          headers: { 'content-type': request.type, 'x-requested-with': 'fetch', ...headers },
          body: method === 'delete' ? undefined : bodyOf(request.body),
        })
      const byHeader = await send(wall.url + request.path, {
        authorization: `Bearer ${wall.displayToken}`,
      })
      const separator = request.path.includes('?') ? '&' : '?'
      const byQuery = await send(
        `${wall.url}${request.path}${separator}token=${wall.displayToken}`,
        {},
      )
      if (sessionRoutes.has(key)) {
        expect(byHeader.status, key).not.toBe(200)
        expect(
          byHeader.headers
            .getSetCookie()
            .some((c) => !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)),
          key,
        ).toBe(false)
      } else if (catchAll(path)) {
        expect([403, 405], key).toContain(byHeader.status)
      } else {
        expect([401, 403], key).toContain(byHeader.status)
      }
      expect(byQuery.status, `${key}?token=`).toBe(403) // a token in the URL is for reads only
    }
    expect(snapshot()).toBe(before)
  })

  test('the same requests from an administrator get through (so the refusals above were the token’s)', async () => {
    const cookie = await signIn(wall, 'admin')
    const before = snapshot()
    for (const [key, request] of Object.entries(requests)) {
      const reply = await fetch(wall.url + request.path, {
        method: 'POST',
        headers: { 'content-type': request.type, 'x-requested-with': 'fetch', cookie },
        body: bodyOf(request.body),
      })
      expect(reply.status, `${key}: ${await reply.clone().text()}`).toBeLessThan(300)
    }
    expect(snapshot()).not.toBe(before)
  })
})

async function signIn(app: WallApp, username: string): Promise<string> {
  const res = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    body: JSON.stringify({ username, password: 'weishan2026' }),
  })
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
}

const bodyOf = (body: string | Buffer) => (typeof body === 'string' ? body : new Uint8Array(body))
