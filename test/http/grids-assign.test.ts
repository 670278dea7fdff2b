// The grid managers' workspace over HTTP: the table, assignments (one transaction, issues follow),
// the audit history, managers and units, scope and version checks.
import { afterEach, describe, expect, it } from 'vitest'
import { dataOf, openSse } from '../live/sse-client.ts'
import { type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp | undefined
afterEach(async () => {
  await ledger?.close()
  ledger = undefined
})

async function start(): Promise<LedgerApp> {
  ledger = await startLedgerApp()
  return ledger
}

const seat = places.seat.gridCode // 南诏镇, 县城市管理局, open issues i-pending/i-fixing/i-reviewing
const miaojie = places.miaojie.gridCode // 庙街镇, outside grid-nanzhao's grids

// biome-ignore lint/suspicious/noExplicitAny: rows as the API returns them
const rowOf = (body: any, code: string) => body.items.find((r: any) => r.gridCode === code)

describe('GET /api/grids', () => {
  it('lists every grid with its unit, manager, points and issue counts', async () => {
    const { display } = await start()
    const reply = await display.get('/api/grids') // signed in: with the managers' names
    expect(reply.status).toBe(200)
    expect(reply.body.total).toBe(106)
    expect(reply.body.gridsVersion).toBeGreaterThanOrEqual(1)
    const row = rowOf(reply.body, seat)
    expect(row).toMatchObject({
      gridCode: seat,
      townshipCode: '532927101',
      townshipName: '南诏镇',
      unitCode: 'urban-management',
      unitName: '县城市管理局',
      openIssues: 3,
      issuesTotal: 4,
      closureRate: 0.25,
      unassigned: false,
      editable: false,
    })
    expect(row.managerId).toMatch(/^gm-\d{4}$/)
    expect(typeof row.managerName).toBe('string')
    expect(rowOf(reply.body, places.market.gridCode).overdueIssues).toBe(1)
    const points = reply.body.items.reduce(
      // biome-ignore lint/suspicious/noExplicitAny: rows
      (sum: number, r: any) => sum + r.fixedPoints + r.randomPoints,
      0,
    )
    expect(points).toBeGreaterThan(0)
  })

  it('filters by township, unit and text, and marks the caller’s editable grids', async () => {
    const app = await start()
    const nanzhao = await app.login('grid-nanzhao')
    const byTownship = await nanzhao.get('/api/grids?township=532927101')
    expect(byTownship.body.total).toBe(36)
    // biome-ignore lint/suspicious/noExplicitAny: rows
    expect(byTownship.body.items.every((r: any) => r.editable)).toBe(true)
    const byUnit = await nanzhao.get('/api/grids?unit=urban-management')
    // biome-ignore lint/suspicious/noExplicitAny: rows
    expect(byUnit.body.items.every((r: any) => r.unitCode === 'urban-management')).toBe(true)
    const byText = await nanzhao.get(`/api/grids?q=${seat}`)
    expect(byText.body.items.map((r: { gridCode: string }) => r.gridCode)).toEqual([seat])
    expect((await nanzhao.get('/api/grids?township=5329')).status).toBe(400)
    expect((await nanzhao.get('/api/grids?colour=red')).status).toBe(400)
  })
})

describe('POST /api/grids/assignments', () => {
  it('reassigns a grid and moves its open issues of the old unit to the new one', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const before = (await admin.get('/api/grids')).body.gridsVersion
    const reply = await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: 'housing' }],
      note: '机构调整',
      gridsVersion: before,
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ changed: 1, issuesMoved: 3, gridsVersion: before + 1 })
    for (const id of ['i-pending', 'i-fixing', 'i-reviewing']) {
      const issue = (await admin.get(`/api/issues/${id}`)).body
      expect(issue.responsibleUnit).toBe('housing')
      const transfer = issue.events.at(-1)
      expect(transfer).toMatchObject({ action: 'transfer', actor: 'admin' })
      expect(transfer.changes).toEqual({ responsibleUnit: 'housing' })
    }
    expect((await admin.get('/api/issues/i-closed')).body.responsibleUnit).toBe('urban-management')
    // the wall's live columns saw the transfers: the new unit's open issues count them
    const byUnit = (await admin.get('/api/grids/workload?by=unit')).body.items
    expect(byUnit.find((i: { id: string }) => i.id === 'housing').openIssues).toBe(3)
    const row = rowOf((await admin.get('/api/grids')).body, seat)
    expect(row.unitCode).toBe('housing')
    const feature = (await admin.get(`/collections/grids/items/${seat}`)).body
    expect(feature.properties.responsibleUnit).toBe('housing')
    const history = await admin.get(`/api/grids/history?grid=${seat}`)
    expect(history.body.total).toBe(1)
    expect(history.body.items[0]).toMatchObject({
      action: 'assign',
      actor: 'admin',
      actorName: '系统管理员',
      gridCodes: [seat],
      changes: { unitCode: ['urban-management', 'housing'] },
      note: '机构调整',
    })
  })

  it('publishes each transfer on the live event stream', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const sse = await openSse(`${app.app.url}/api/events/stream`)
    try {
      expect((await sse.next()).retry).toBe(3000)
      await admin.post('/api/grids/assignments', {
        assignments: [{ gridCode: seat, unitCode: 'housing' }],
      })
      const issues = new Set<string>()
      for (let i = 0; i < 3; i++) {
        const frame = await sse.next((f) => f.event === 'issue')
        const data = dataOf(frame) as {
          action: string
          issue: { id: string; responsibleUnit: string }
        }
        expect(data.action).toBe('transfer')
        expect(data.issue.responsibleUnit).toBe('housing')
        issues.add(data.issue.id)
      }
      expect([...issues].sort()).toEqual(['i-fixing', 'i-pending', 'i-reviewing'])
    } finally {
      sse.close()
    }
  })

  it('leaves the issues where they are when moveOpenIssues is false', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const reply = await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: 'housing' }],
      moveOpenIssues: false,
    })
    expect(reply.body).toMatchObject({ changed: 1, issuesMoved: 0 })
    const issue = (await admin.get('/api/issues/i-fixing')).body
    expect(issue.responsibleUnit).toBe('urban-management')
    expect(issue.events.map((e: { action: string }) => e.action)).not.toContain('transfer')
  })

  it('assigns many grids in one request, and one bad item changes none of them', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const target = (await admin.post('/api/grid-managers', { name: '新网格长' })).body.id
    const rows = (await admin.get('/api/grids?township=532927101')).body.items.slice(0, 5)
    const good = rows.map((r: { gridCode: string }) => ({
      gridCode: r.gridCode,
      managerId: target,
    }))
    const version = (await admin.get('/api/grids')).body.gridsVersion

    const cases = [
      { item: { gridCode: '532927101999999', managerId: target }, field: 'assignments.5.gridCode' },
      { item: { gridCode: miaojie, managerId: 'gm-9999' }, field: 'assignments.5.managerId' },
      { item: { gridCode: miaojie, unitCode: 'no-such-unit' }, field: 'assignments.5.unitCode' },
      { item: { gridCode: miaojie }, field: 'assignments.5' },
    ]
    for (const { item, field } of cases) {
      const bad = await admin.post('/api/grids/assignments', { assignments: [...good, item] })
      expect(bad.status, field).toBe(400)
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    }
    const unchanged = await admin.get('/api/grids')
    expect(unchanged.body.gridsVersion).toBe(version)
    expect((await admin.get('/api/grids/history')).body.total).toBe(1) // the manager's creation

    const ok = await admin.post('/api/grids/assignments', { assignments: good })
    expect(ok.body.changed).toBe(5)
    const after = (await admin.get(`/api/grids?manager=${target}`)).body.items
    for (const { gridCode } of good) {
      expect(after.map((r: { gridCode: string }) => r.gridCode)).toContain(gridCode)
    }
    expect((await admin.get('/api/grids/history')).body.total).toBe(6)
  })

  it('refuses a stale gridsVersion with 409 and the current version', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const version = (await admin.get('/api/grids')).body.gridsVersion
    await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: 'housing' }],
    })
    const stale = await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: 'health' }],
      gridsVersion: version,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.gridsVersion).toBe(version + 1)
    expect(rowOf((await admin.get('/api/grids')).body, seat).unitCode).toBe('housing')
  })

  it('lets a grid manager change only their own grids', async () => {
    const app = await start()
    const nanzhao = await app.login('grid-nanzhao')
    const own = await nanzhao.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: 'housing' }],
    })
    expect(own.status).toBe(200)
    const outside = await nanzhao.post('/api/grids/assignments', {
      assignments: [
        { gridCode: places.market.gridCode, unitCode: 'housing' },
        { gridCode: miaojie, unitCode: 'housing' },
      ],
    })
    expect(outside.status).toBe(403)
    expect(outside.body.detail).toContain(miaojie)
    expect(rowOf((await nanzhao.get('/api/grids')).body, places.market.gridCode).unitCode).toBe(
      'market-regulation',
    )
  })

  it.each([
    ['inspector', 403],
    ['commander', 403],
    ['unit-um', 403],
  ])('refuses the %s role with %i', async (username, status) => {
    const app = await start()
    const client = await app.login(username)
    const reply = await client.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: 'housing' }],
    })
    expect(reply.status).toBe(status)
  })

  it('refuses anonymous callers with 401 and the display token with 403', async () => {
    const app = await start()
    const body = { assignments: [{ gridCode: seat, unitCode: 'housing' }] }
    expect((await app.anonymous.post('/api/grids/assignments', body)).status).toBe(401)
    const token = await app.anonymous.post('/api/grids/assignments', body, {
      authorization: `Bearer ${app.displayToken}`,
    })
    expect(token.status).toBe(403)
  })

  it.each([
    [{ assignments: [] }, 'assignments'],
    [{ assignments: [{ gridCode: '123', unitCode: 'housing' }] }, 'assignments.0.gridCode'],
    [{ assignments: [{ gridCode: seat, unitCode: 'housing', colour: 1 }] }, 'assignments.0.colour'],
    [{ assignments: [{ gridCode: seat, unitCode: 'housing' }], extra: true }, 'extra'],
    [{ assignments: [{ gridCode: seat, unitCode: 'housing' }], gridsVersion: 'x' }, 'gridsVersion'],
  ])('rejects the malformed body %j naming %s', async (body, field) => {
    const app = await start()
    const admin = await app.login('admin')
    const reply = await admin.post('/api/grids/assignments', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })
})

describe('grid managers and units', () => {
  it('creates, renames and deactivates a manager; a deactivated manager’s grids read as unassigned', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const created = await admin.post('/api/grid-managers', { name: '李新', phone: '13800000000' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: '李新',
      phone: '13800000000',
      active: true,
      gridCount: 0,
    })
    const id = created.body.id
    await admin.post('/api/grids/assignments', { assignments: [{ gridCode: seat, managerId: id }] })

    const renamed = await admin.send(`/api/grid-managers/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: '李新民' }),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: '李新民', gridCount: 1 })
    expect(rowOf((await admin.get('/api/grids')).body, seat).managerName).toBe('李新民')
    expect((await admin.get(`/collections/grids/items/${seat}`)).body.properties.manager).toBe(
      '李新民',
    )

    const before = (await admin.get('/api/grids')).body.summary.unassigned
    const deactivated = await admin.send(`/api/grid-managers/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ active: false }),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(deactivated.body.active).toBe(false)
    const list = (await admin.get('/api/grids')).body
    expect(rowOf(list, seat).unassigned).toBe(true)
    expect(list.summary.unassigned).toBe(before + 1)
    expect(
      (await admin.get('/api/grids?unassigned=true')).body.items.map(
        (r: { gridCode: string }) => r.gridCode,
      ),
    ).toContain(seat)
    // an inactive manager cannot take grids
    const refused = await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: miaojie, managerId: id }],
    })
    expect(refused.status).toBe(400)
    const actions = (await admin.get('/api/grids/history')).body.items.map(
      (e: { action: string }) => e.action,
    )
    expect(actions).toEqual(['manager-update', 'manager-update', 'assign', 'manager-create'])
  })

  it('creates and deactivates a unit; an inactive unit’s grids read as unassigned', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const created = await admin.post('/api/units', { name: '县网格化服务中心', kind: 'department' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: '县网格化服务中心',
      kind: 'department',
      active: true,
    })
    const code = created.body.code
    expect((await admin.get('/api/units')).body.map((u: { code: string }) => u.code)).toContain(
      code,
    )
    const moved = await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, unitCode: code }],
    })
    expect(moved.body.issuesMoved).toBe(3)
    const off = await admin.send(`/api/units/${code}`, {
      method: 'PATCH',
      body: JSON.stringify({ active: false }),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(off.status).toBe(200)
    expect(off.body.active).toBe(false)
    expect(rowOf((await admin.get('/api/grids')).body, seat).unassigned).toBe(true)
    // the ledger refuses the inactive unit too (its unit cache was refreshed)
    const units = (await admin.get('/api/units')).body
    expect(units.find((u: { code: string }) => u.code === code).active).toBe(false)
    const duplicate = await admin.post('/api/units', {
      name: '县网格化服务中心',
      kind: 'department',
    })
    expect(duplicate.status).toBe(400)
    const unknown = await admin.send('/api/units/nope', {
      method: 'PATCH',
      body: JSON.stringify({ active: false }),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(unknown.status).toBe(404)
  })

  it('lets only grid_admin roles manage people', async () => {
    const app = await start()
    const inspector = await app.login('inspector')
    expect((await inspector.post('/api/grid-managers', { name: '张三' })).status).toBe(403)
    expect(
      (await inspector.post('/api/units', { name: '某单位', kind: 'department' })).status,
    ).toBe(403)
    const nanzhao = await app.login('grid-nanzhao')
    expect((await nanzhao.post('/api/grid-managers', { name: '张三' })).status).toBe(201)
  })
})

describe('workload and rebalance', () => {
  it('sums the workload per manager and per unit', async () => {
    const app = await start()
    const reply = await app.display.get('/api/grids/workload?by=manager&township=532927101')
    expect(reply.status).toBe(200)
    expect(reply.body.by).toBe('manager')
    const grids = reply.body.items.reduce((s: number, i: { grids: number }) => s + i.grids, 0)
    expect(grids).toBe(36)
    expect(reply.body.spread.max).toBeGreaterThanOrEqual(reply.body.spread.min)
    const byUnit = await app.display.get('/api/grids/workload?by=unit')
    const seatUnit = byUnit.body.items.find((i: { id: string }) => i.id === 'urban-management')
    expect(seatUnit.openIssues).toBeGreaterThanOrEqual(3)
  })

  it('suggests moves that reduce the spread, and accepting them through assignments applies them', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const suggestion = await admin.post('/api/grids/rebalance', { by: 'manager' })
    expect(suggestion.status).toBe(200)
    expect(suggestion.body.moves.length).toBeGreaterThan(0)
    expect(suggestion.body.after.max - suggestion.body.after.min).toBeLessThan(
      suggestion.body.before.max - suggestion.body.before.min,
    )
    expect(suggestion.body.moves[0]).toEqual(
      expect.objectContaining({ fromName: expect.any(String), toName: expect.any(String) }),
    )
    const accepted = await admin.post('/api/grids/assignments', {
      assignments: suggestion.body.moves.map((m: { gridCode: string; to: string }) => ({
        gridCode: m.gridCode,
        managerId: m.to,
      })),
      gridsVersion: suggestion.body.gridsVersion,
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body.changed).toBe(suggestion.body.moves.length)
    const workload = (await admin.get('/api/grids/workload?by=manager')).body
    expect(workload.spread.max).toBeCloseTo(suggestion.body.after.max, 1) // items round to 0.01
    const again = await admin.post('/api/grids/rebalance', { by: 'manager' })
    expect(again.body.before.max).toBeCloseTo(suggestion.body.after.max, 5)
  })

  it('writes nothing when it only suggests', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const version = (await admin.get('/api/grids')).body.gridsVersion
    await admin.post('/api/grids/rebalance', { by: 'unit', township: '532927101' })
    expect((await admin.get('/api/grids')).body.gridsVersion).toBe(version)
    expect((await admin.post('/api/grids/rebalance', { by: 'team' })).status).toBe(400)
  })
})
