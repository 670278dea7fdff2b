// 我的任务 (GET /api/issues?mine=true) and the 网格员 role in process: a grid member sees, reports
// and rectifies in their own grids only; a unit operator sees their unit's issues; nobody signed
// in has nothing of their own.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

describe('GET /api/issues?mine=true', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort()

  test("a grid member's tasks are the issues of their grids, whatever the unit", async () => {
    const member = await ledger.login('member-nanzhao')
    const session = (await member.get('/api/session')).body.user
    expect(session.role).toBe('grid-member')
    expect(session.gridCodes).toContain(places.seat.gridCode)
    expect(session.gridCodes).not.toContain(places.market.gridCode)
    const reply = await member.get('/api/issues?mine=true&limit=100')
    expect(reply.status).toBe(200)
    expect(ids(reply.body)).toEqual(['i-closed', 'i-fixing', 'i-pending', 'i-reviewing'])
    const fixing = reply.body.items.find((i: { id: string }) => i.id === 'i-fixing')
    expect(fixing.allowedActions).toEqual(['rectify', 'note'])
  })

  test("a unit operator's tasks are their unit's issues; filters still apply", async () => {
    const unit = await ledger.login('unit-market')
    const reply = await unit.get('/api/issues?mine=1&status=fixing')
    expect(ids(reply.body)).toEqual(['i-market'])
  })

  test('the grid manager sees every grid of the township; an inspector has no filter of their own', async () => {
    const manager = await ledger.login('grid-nanzhao')
    expect(ids((await manager.get('/api/issues?mine=true')).body)).toEqual([
      'i-closed',
      'i-fixing',
      'i-market',
      'i-pending',
      'i-reviewing',
    ])
    const inspector = await ledger.login('inspector')
    expect((await inspector.get('/api/issues?mine=true')).body.total).toBe(6)
  })

  test('without a session mine=true is 401 with a Chinese reason', async () => {
    const reply = await ledger.anonymous.get('/api/issues?mine=true')
    expect(reply.status).toBe(401)
    expect(reply.body.detail).toMatch(/登录/)
  })

  test('a grid member reports in their grid (source 网格员巡查) and is refused outside it', async () => {
    const member = await ledger.login('member-nanzhao')
    const inside = await member.post('/api/issues', {
      lngLat: places.seat.lngLat,
      category: 'exposed-garbage',
      description: '路口垃圾堆放',
    })
    expect(inside.status).toBe(201)
    expect(inside.body.source).toBe('grid-patrol')
    const outside = await member.post('/api/issues', {
      lngLat: places.miaojie.lngLat,
      category: 'exposed-garbage',
      description: '路口垃圾堆放',
    })
    expect(outside.status).toBe(403)
    expect(outside.body.detail).toMatch(/不在您负责的网格内/)
  })
})
