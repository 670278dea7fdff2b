// The wall's shared views (fan-out): every screen gets the same computed bytes, revalidated by ETag;
// a batch of writes becomes one new version, announced once per stream that asked for views; the
// number of computations follows the versions and scopes, never the number of screens.

import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, test } from 'vitest'
import { issueNoPattern } from '../../server/domain/issue-number.ts'
import { dataOf, openSse, type SseFrame, type SseStream } from '../live/sse-client.ts'
import { startWallApp, type WallApp } from '../live/wall-app.ts'
import { places } from './ledger-app.ts'

const isView = (f: SseFrame) => f.event === 'view'
const never = 3_600_000 // ms: the views' own timer stays out of the way; the test calls tick()
const report = (description: string) => ({
  lngLat: [...places.seat.lngLat],
  category: 'street-vending',
  description,
})

let wall: WallApp | undefined
const streams: SseStream[] = []
afterEach(async () => {
  for (const s of streams.splice(0)) s.close()
  await wall?.close()
  wall = undefined
})

async function viewStream(app: WallApp): Promise<SseStream> {
  const s = await openSse(`${app.url}/api/events/stream?views=1`, {
    authorization: `Bearer ${app.displayToken}`,
  })
  streams.push(s)
  return s
}

describe('GET /api/wall/view and /api/wall/map', () => {
  test('answer the same bytes with a content ETag, and 304 to If-None-Match', async () => {
    wall = await startWallApp({ views: { coalesceMs: never, firstDelayMs: never } })
    const first = await wall.get('/api/wall/view')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      version: 1,
      township: null,
      kpis: { total: expect.any(Number) },
    })
    expect(Object.keys(first.body.rankings)).toEqual(['closureRate', 'overdue'])
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await wall.get('/api/wall/view', {
      authorization: `Bearer ${wall.displayToken}`,
      'if-none-match': etag ?? '',
    })
    expect(again.status).toBe(304)
    const map = await wall.get('/api/wall/map')
    expect(map.status).toBe(200)
    expect(map.body).toMatchObject({
      heat: { type: 'FeatureCollection' },
      hexagons: { type: 'FeatureCollection' },
      grids: expect.any(Array),
    })
  })

  test('gzip is done once per version and sent as is to a client that accepts it', async () => {
    wall = await startWallApp({ views: { coalesceMs: never, firstDelayMs: never } })
    const res = await fetch(`${wall.url}/api/wall/map`, {
      headers: { authorization: `Bearer ${wall.displayToken}`, 'accept-encoding': 'gzip' },
      // undici would inflate it; read the raw bytes instead
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const raw = await import('node:http').then(
      ({ get }) =>
        new Promise<Buffer>((resolve, reject) => {
          get(
            `${wall?.url}/api/wall/map`,
            {
              headers: { authorization: `Bearer ${wall?.displayToken}`, 'accept-encoding': 'gzip' },
            },
            (r) => {
              const chunks: Buffer[] = []
              r.on('data', (c: Buffer) => chunks.push(c))
              r.on('end', () => resolve(Buffer.concat(chunks)))
            },
          ).on('error', reject)
        }),
    )
    expect(JSON.parse(gunzipSync(raw).toString('utf8'))).toMatchObject({ version: 1 })
  })

  test('a township that does not exist is a 400 naming the field', async () => {
    wall = await startWallApp()
    const res = await wall.get('/api/wall/view?township=532927999')
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ field: 'township' })
    expect((await wall.get('/api/wall/map?radiusMeters=5')).status).toBe(400)
  })
})

describe('fan-out', () => {
  test('20 screens and a burst of writes: one version, one frame per stream, one computation per view', async () => {
    wall = await startWallApp({ views: { coalesceMs: never, firstDelayMs: never } })
    const app = wall
    const screens = await Promise.all(Array.from({ length: 20 }, () => viewStream(app)))
    for (const s of screens) expect(dataOf(await s.next(isView))).toMatchObject({ version: 1 })
    await Promise.all(screens.map(() => app.get('/api/wall/view')))
    const computedBefore = app.views.computations
    expect(computedBefore).toBe(1)

    const inspector = await app.login('inspector')
    let newest: { issueNo?: string } = {}
    for (let i = 0; i < 5; i++) {
      const created = await inspector.post('/api/issues', report(`批量 ${i}`))
      expect(created.status).toBe(201)
      newest = created.body as { issueNo?: string }
    }
    app.views.tick() // the coalescing timer's work, now
    app.views.tick() // nothing changed since: no new version
    const frames = await Promise.all(screens.map((s) => s.next(isView)))
    for (const f of frames) {
      // 20 screens × 1.6 ms: each starts its refetch round at a random moment within 32 ms
      expect(dataOf(f)).toEqual({ version: 2, asOfEventSeq: app.live.lastSeq, spreadMs: 32 })
    }
    const bodies = await Promise.all(
      screens.flatMap(() => [app.get('/api/wall/view'), app.get('/api/wall/map')]),
    )
    expect(new Set(bodies.map((b) => b.headers.get('etag'))).size).toBe(2)
    expect(app.views.computations - computedBefore).toBe(2) // panels + map, for 20 screens
    const [panels] = bodies
    expect(panels?.body.recent[0]).toMatchObject({ action: 'report', description: '批量 4' })
    expect(panels?.body.recent[0].issueNo).toBe(newest.issueNo) // a real event: its issue's 问题编号
    expect(newest.issueNo).toMatch(issueNoPattern)
    for (const s of screens) expect(s.frames.filter(isView)).toHaveLength(2)
  })

  test('the timer pushes a new version by itself after a write', async () => {
    wall = await startWallApp({ views: { coalesceMs: 200, firstDelayMs: 10 } })
    const s = await viewStream(wall)
    await s.next(isView)
    const inspector = await wall.login('inspector')
    await inspector.post('/api/issues', report('计时推送'))
    expect(dataOf(await s.next(isView))).toMatchObject({ version: 2 })
  })

  test('a stream without ?views=1 gets no view frames and the views stop listening when it closes', async () => {
    wall = await startWallApp({ views: { coalesceMs: 200, firstDelayMs: 10 } })
    const plain = await openSse(`${wall.url}/api/events/stream`, {
      authorization: `Bearer ${wall.displayToken}`,
    })
    streams.push(plain)
    const s = await viewStream(wall)
    await s.next(isView)
    expect(wall.views.listenerCount).toBe(1)
    const inspector = await wall.login('inspector')
    await inspector.post('/api/issues', report('只推事件'))
    await plain.next((f) => f.event === 'issue')
    await s.next(isView)
    expect(plain.frames.filter(isView)).toHaveLength(0)
    s.close()
    const deadline = Date.now() + 2000
    while (wall.views.listenerCount > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(wall.views.listenerCount).toBe(0)
  })
})

describe('the feed in a panels view', () => {
  test('holds no import events: the imported history fills it as 发现 and 销号 rows', async () => {
    wall = await startWallApp({ views: { coalesceMs: never, firstDelayMs: never } })
    const { body } = await wall.get('/api/wall/view')
    expect(body.recent.length).toBeGreaterThan(0)
    for (const row of body.recent) expect(['report', 'approve']).toContain(row.action)
    // the rows read from the columns name the issue by its 问题编号, as the feed shows it
    for (const row of body.recent) expect(row.issueNo).toMatch(issueNoPattern)
    const times = body.recent.map((r: { at: string }) => Date.parse(r.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })
})

describe('the wall page with a wrong token', () => {
  test('still loads (the page says what to do), while its data requests answer 401', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const distDir = mkdtempSync(join(tmpdir(), 'weishan-wall-dist-'))
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>大屏</title>')
    try {
      wall = await startWallApp({ config: { distDir } })
      const wrong = 'w'.repeat(43) // shaped like a token, but not one
      const page = await fetch(`${wall.url}/wall?token=${wrong}`, {
        headers: { accept: 'text/html' },
      })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<title>大屏</title>')
      const data = await fetch(`${wall.url}/api/wall/view?token=${wrong}`)
      expect(data.status).toBe(401)
    } finally {
      rmSync(distDir, { recursive: true, force: true })
    }
  })
})
