// The wall's live push over HTTP: a ledger write shows in /api/stats/kpis at once and arrives on the
// SSE stream within 1 s with its seq; a reconnect with Last-Event-ID gets exactly the missed events in
// order, or `event: reset` past the limit; heartbeats; no gzip buffering; no listener left behind.
import { afterEach, describe, expect, test } from 'vitest'
import { issueNoPattern } from '../../server/domain/issue-number.ts'
import { dataOf, openSse, type SseFrame, type SseStream } from '../live/sse-client.ts'
import { startWallApp, type WallApp } from '../live/wall-app.ts'
import { places } from './ledger-app.ts'

const isIssue = (f: SseFrame) => f.event === 'issue'
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

async function stream(app: WallApp, headers: Record<string, string> = {}): Promise<SseStream> {
  const s = await openSse(`${app.url}/api/events/stream`, {
    authorization: `Bearer ${app.displayToken}`,
    ...headers,
  })
  streams.push(s)
  return s
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('a write through the ledger API', () => {
  test('shows in /api/stats/kpis immediately and on the stream within 1 s with its seq', async () => {
    wall = await startWallApp()
    const sse = await stream(wall, { 'accept-encoding': 'gzip, deflate, br' })
    expect(sse.status).toBe(200)
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(sse.headers.get('content-encoding')).toBeNull() // gzip would hold events back
    expect(sse.headers.get('cache-control')).toContain('no-transform')
    expect((await sse.next()).retry).toBe(3000)
    const before = (await wall.get('/api/stats/kpis')).body

    const inspector = await wall.login('inspector')
    const created = await inspector.post('/api/issues', report('新发现的占道经营'))
    expect(created.status).toBe(201)
    const after = (await wall.get('/api/stats/kpis')).body
    expect(after).toMatchObject({
      total: before.total + 1,
      pending: before.pending + 1,
      open: before.open + 1,
      reportedToday: before.reportedToday + 1,
      asOfEventSeq: before.asOfEventSeq + 1,
    })

    const frame = await sse.next(isIssue) // a liveness bound, not a speed claim
    const [event] = (await wall.get(`/api/issues/${created.body.id}`)).body.events
    expect(frame.id).toBe(String(event.seq))
    expect(event.seq).toBe(after.asOfEventSeq)
    expect(dataOf(frame)).toMatchObject({
      seq: event.seq,
      issueId: created.body.id,
      action: 'report',
      actor: '', // frames reach every screen: the role, never the person's name
      actorName: '督导员',
      role: 'inspector',
      to: 'pending',
      issue: {
        id: created.body.id,
        version: 1,
        status: 'pending',
        category: 'street-vending',
        description: '新发现的占道经营',
        townshipCode: places.seat.townshipCode,
        gridCode: places.seat.gridCode,
        overdue: false,
        issueNo: created.body.issueNo, // what the feed shows
      },
    })
    expect(created.body.issueNo).toMatch(issueNoPattern)
  })

  test('each kind of write (report, assign, note, rectify, approve, reopen) is pushed in seq order and counted', async () => {
    wall = await startWallApp()
    const sse = await stream(wall)
    const app = wall
    const [inspector, grid, unit, admin] = await Promise.all([
      app.login('inspector'),
      app.login('grid-nanzhao'),
      app.login('unit-um'),
      app.login('admin'),
    ])
    const kpis = async () => (await app.get('/api/stats/kpis')).body
    const id = (await inspector.post('/api/issues', report('交办测试'))).body.id
    const steps: [string, () => Promise<{ status: number }>, Record<string, number>][] = [
      [
        'assign',
        () =>
          grid.post(`/api/issues/${id}/transitions`, {
            action: 'assign',
            version: 1,
            responsibleUnit: 'urban-management',
            deadlineAt: '2026-11-30T00:00:00Z',
          }),
        { pending: 2, fixing: 3 },
      ],
      [
        'note',
        () => unit.post(`/api/issues/${id}/notes`, { note: '已到现场' }),
        { pending: 2, fixing: 3 },
      ],
      [
        'rectify',
        () =>
          unit.post(`/api/issues/${id}/transitions`, {
            action: 'rectify',
            version: 2,
            note: '已清理',
          }),
        { fixing: 2, reviewing: 2 },
      ],
      [
        'approve',
        () => inspector.post(`/api/issues/${id}/transitions`, { action: 'approve', version: 3 }),
        { reviewing: 1, closed: 2, closedToday: 1 },
      ],
      [
        'reopen',
        () =>
          admin.post(`/api/issues/${id}/transitions`, {
            action: 'reopen',
            version: 4,
            note: '复发',
          }),
        { fixing: 3, closed: 1, closedToday: 0 },
      ],
    ]
    const seqs = [Number((await sse.next(isIssue)).id)]
    for (const [action, write, figures] of steps) {
      const reply = await write()
      expect(reply.status, action).toBeLessThan(300)
      expect(await kpis(), action).toMatchObject(figures)
      const frame = await sse.next(isIssue)
      expect(dataOf(frame).action).toBe(action)
      expect(dataOf(frame).issueId).toBe(id)
      seqs.push(Number(frame.id))
    }
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i))
    expect((await kpis()).asOfEventSeq).toBe(seqs.at(-1))
  })

  test('an import through /api/issues/import is counted and pushed, one event per issue', async () => {
    wall = await startWallApp()
    const sse = await stream(wall)
    const before = (await wall.get('/api/stats/kpis')).body
    const [lng, lat] = places.market.lngLat
    const csv =
      '编号,问题类型,问题描述,状态,经度,纬度,发现时间,整改期限,责任单位\n' +
      `imp-1,占道经营,导入的问题一,整改中,${lng},${lat},2026-11-22 09:00,2026-11-23 09:00,县市场监督管理局\n` +
      `imp-2,占道经营,导入的问题二,待交办,${lng},${lat},2026-11-22 09:30,2026-11-23 09:30,县市场监督管理局\n`
    const reply = await fetch(`${wall.url}/api/issues/import`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        'x-requested-with': 'fetch',
        cookie: await cookieOf(wall, 'inspector'),
      },
      body: csv,
    })
    expect(reply.status, await reply.clone().text()).toBe(200)
    const after = (await wall.get('/api/stats/kpis')).body
    expect(after.total).toBe(before.total + 2)
    expect(after.asOfEventSeq).toBe(before.asOfEventSeq + 2)
    const frames = [await sse.next(isIssue), await sse.next(isIssue)]
    expect(frames.map((f) => [dataOf(f).action, dataOf(f).issueId])).toEqual([
      ['import', 'imp-1'],
      ['import', 'imp-2'],
    ])
  })
})

describe('reconnecting', () => {
  test('with Last-Event-ID receives exactly the missed events in order, then live ones', async () => {
    wall = await startWallApp()
    const inspector = await wall.login('inspector')
    const first = await stream(wall)
    await inspector.post('/api/issues', report('断线前'))
    const seen = Number((await first.next(isIssue)).id)
    first.close()
    await until(() => wall?.live.bus.listenerCount === 0)

    const missedIds: string[] = []
    for (const text of ['断线期间一', '断线期间二', '断线期间三']) {
      missedIds.push((await inspector.post('/api/issues', report(text))).body.id)
    }
    const missed = await wall.store.issueEventsAfter(seen, 100)
    expect(missed.map((e) => e.issueId)).toEqual(missedIds)

    const again = await stream(wall, { 'last-event-id': String(seen) })
    const replayed = [
      await again.next(isIssue),
      await again.next(isIssue),
      await again.next(isIssue),
    ]
    expect(replayed.map((f) => Number(f.id))).toEqual(missed.map((e) => e.seq))
    expect(replayed.map((f) => dataOf(f).issue.description)).toEqual([
      '断线期间一',
      '断线期间二',
      '断线期间三',
    ])
    const liveId = (await inspector.post('/api/issues', report('重连之后'))).body.id
    const next = await again.next(isIssue)
    expect(dataOf(next).issueId).toBe(liveId)
    expect(Number(next.id)).toBe((missed.at(-1)?.seq as number) + 1)
    // nothing twice: the replayed and live frames are all the issue frames the stream sent
    expect(again.frames.filter(isIssue).map((f) => f.id)).toEqual([
      ...missed.map((e) => String(e.seq)),
      next.id,
    ])
  })

  test('a stream without Last-Event-ID is told where it starts: dropped before any event, it misses none', async () => {
    wall = await startWallApp()
    const inspector = await wall.login('inspector')
    const [head] = await wall.store.latestIssueEvents(1)
    const first = await stream(wall)
    const place = await first.next((f) => f.id !== undefined)
    expect(place).toEqual({ id: String(head?.seq) }) // an id-only frame: EventSource keeps it
    first.close()
    await until(() => wall?.live.bus.listenerCount === 0)
    const id = (await inspector.post('/api/issues', report('首个事件之前断线'))).body.id
    const again = await stream(wall, { 'last-event-id': place.id as string })
    expect(dataOf(await again.next(isIssue)).issueId).toBe(id)
  })

  test('?lastEventId= works like the header (for clients that cannot set it)', async () => {
    wall = await startWallApp()
    const inspector = await wall.login('inspector')
    const [latest] = await wall.store.latestIssueEvents(1)
    const id = (await inspector.post('/api/issues', report('查询参数重连'))).body.id
    const s = await openSse(
      `${wall.url}/api/events/stream?lastEventId=${latest?.seq}&token=${wall.displayToken}`,
    )
    streams.push(s)
    expect(dataOf(await s.next(isIssue)).issueId).toBe(id)
  })

  test('past the catch-up limit gets event: reset carrying the last seq', async () => {
    wall = await startWallApp({ live: { catchUpLimit: 2 } })
    const inspector = await wall.login('inspector')
    const [latest] = await wall.store.latestIssueEvents(1)
    for (const text of ['一', '二', '三'])
      await inspector.post('/api/issues', report(`问题${text}号`))
    const s = await stream(wall, { 'last-event-id': String(latest?.seq) })
    const reset = await s.next((f) => f.event !== undefined)
    expect(reset.event).toBe('reset')
    expect(reset.id).toBe(String((latest?.seq as number) + 3))
    expect(JSON.parse(reset.data ?? '')).toEqual({ lastEventSeq: (latest?.seq as number) + 3 })
    // exactly at the limit it catches up instead
    const s2 = await stream(wall, { 'last-event-id': String((latest?.seq as number) + 1) })
    expect((await s2.next((f) => f.event !== undefined)).event).toBe('issue')
  })

  test('a Last-Event-ID beyond the ledger (another database) gets event: reset', async () => {
    wall = await startWallApp()
    const s = await stream(wall, { 'last-event-id': '999999' })
    const reset = await s.next((f) => f.event !== undefined)
    expect(reset).toMatchObject({ event: 'reset', id: '6' })
  })
})

describe('the stream', () => {
  test('sends retry: 3000 first and a : ping comment every heartbeat', async () => {
    wall = await startWallApp({ live: { heartbeatMs: 40 } })
    const opened = performance.now()
    const s = await stream(wall)
    expect(await s.next()).toEqual({ retry: 3000 })
    await s.next((f) => f.comment === 'ping')
    await s.next((f) => f.comment === 'ping')
    // timers never fire early, so a slow machine can only see fewer pings than heartbeats, never more
    const heartbeats = Math.floor((performance.now() - opened) / 40)
    expect(s.frames.filter((f) => f.comment === 'ping').length).toBeLessThanOrEqual(heartbeats)
  })

  test('100 connect/disconnect cycles leave no bus listener, stream or timer behind', async () => {
    wall = await startWallApp({ live: { heartbeatMs: 20 } })
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const baseline = timers()
    for (let i = 0; i < 100; i++) {
      const s = await openSse(`${wall.url}/api/events/stream`, {
        authorization: `Bearer ${wall.displayToken}`,
      })
      if (i % 2 === 0) await s.next() // half read first, half hang up at once
      s.close()
    }
    await until(() => wall?.live.bus.listenerCount === 0 && wall.live.streamCount === 0)
    expect(wall.live.bus.listenerCount).toBe(0)
    expect(wall.live.streamCount).toBe(0)
    await until(() => timers() <= baseline)
    expect(timers()).toBeLessThanOrEqual(baseline)
  })

  test('close() ends every open stream (server shutdown)', async () => {
    wall = await startWallApp()
    const a = await stream(wall)
    const b = await stream(wall)
    expect(wall.live.streamCount).toBe(2)
    wall.live.close()
    await expect(a.next((f) => f.event !== undefined)).rejects.toThrow('ended')
    await expect(b.next((f) => f.event !== undefined)).rejects.toThrow('ended')
    await until(() => wall?.live.bus.listenerCount === 0)
  })
})

describe('GET /api/events/recent', () => {
  test('lists the newest events first with the category, township and description of their issue', async () => {
    wall = await startWallApp()
    const inspector = await wall.login('inspector')
    const created = (await inspector.post('/api/issues', report('最近的事件'))).body
    const id = created.id
    const { body } = await wall.get('/api/events/recent?limit=3')
    expect(body.events).toHaveLength(3)
    expect(body.events.map((e: { seq: number }) => e.seq)).toEqual([7, 6, 5])
    expect(body.events[0]).toMatchObject({
      seq: 7,
      issueId: id,
      action: 'report',
      category: 'street-vending',
      description: '最近的事件',
      townshipCode: places.seat.townshipCode,
      townshipName: '南诏镇',
      issueNo: created.issueNo, // 问题编号, what the feed shows
    })
    expect(created.issueNo).toMatch(issueNoPattern)
    expect(body.events[1]).toMatchObject({ issueId: 'i-miaojie', townshipName: '庙街镇' })
    expect(body.events[1].issueNo).toMatch(issueNoPattern)
    expect(body.asOfEventSeq).toBe(7)
    expect((await wall.get('/api/events/recent')).body.events).toHaveLength(7) // default 20
  })
})

async function cookieOf(app: WallApp, username: string): Promise<string> {
  const res = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    body: JSON.stringify({ username, password: 'weishan2026' }),
  })
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
}
