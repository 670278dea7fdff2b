// Geometry edits over HTTP: split, merge and redraw keep the township tiled, give new grids new
// codes, re-attribute check points and issues, remap grid managers' accounts — and a refused edit
// changes nothing.
import { afterEach, describe, expect, it } from 'vitest'
import { type Client, type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp | undefined
afterEach(async () => {
  await ledger?.close()
  ledger = undefined
})

async function start(): Promise<LedgerApp> {
  ledger = await startLedgerApp()
  return ledger
}

const seat = places.seat.gridCode // 南诏镇-城区第16网格: the seat's issues lie in its west part
const seatNeighbour = '532927101001001' // shares the seat grid's south-west edge
const farAway = places.miaojie.gridCode // 庙街镇
// north to south across the seat grid, from outside it to outside it
const acrossSeat: [number, number][] = [
  [100.3075, 25.236],
  [100.3075, 25.221],
]

// biome-ignore lint/suspicious/noExplicitAny: rows as the API returns them
type Row = any

async function snapshot(client: Client) {
  const grids = (await client.get('/api/grids')).body
  const points = grids.items.reduce((s: number, r: Row) => s + r.fixedPoints + r.randomPoints, 0)
  const issues = grids.items.reduce((s: number, r: Row) => s + r.issuesTotal, 0)
  const area = grids.items.reduce((s: number, r: Row) => s + r.areaKm2, 0)
  const history = (await client.get('/api/grids/history')).body.total
  return { version: grids.gridsVersion, total: grids.total, points, issues, area, history, grids }
}

const putGeometry = (client: Client, code: string, body: unknown) =>
  client.send(`/api/grids/${code}/geometry`, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
  })

describe('POST /api/grids/split', () => {
  it('retires the grid, creates pieces with new codes and moves its points, issues and manager accounts', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const before = await snapshot(admin)
    const parent = before.grids.items.find((r: Row) => r.gridCode === seat)

    const reply = await admin.post('/api/grids/split', {
      gridCode: seat,
      line: acrossSeat,
      gridsVersion: before.version,
    })
    expect(reply.status).toBe(200)
    expect(reply.body.retired).toEqual([seat])
    expect(reply.body.gridsVersion).toBe(before.version + 1)
    const created: Row[] = reply.body.created
    expect(created).toHaveLength(2)
    for (const row of created) {
      expect(row.gridCode).toMatch(/^532927101001\d{3}$/)
      expect(row.gridCode).not.toBe(seat)
      expect(row).toMatchObject({ unitCode: parent.unitCode, managerId: parent.managerId })
    }
    expect(created[0].areaKm2 + created[1].areaKm2).toBeCloseTo(parent.areaKm2, 1)
    expect(reply.body.reattributed.issues).toBe(4)

    const after = await snapshot(admin)
    expect(after.total).toBe(before.total + 1)
    expect(after.points).toBe(before.points)
    expect(after.issues).toBe(before.issues)
    expect(after.area).toBeCloseTo(before.area, 1)
    expect(after.grids.items.map((r: Row) => r.gridCode)).not.toContain(seat)

    // the issues now lie in the piece that holds their position, with a regrid event
    const issue = (await admin.get('/api/issues/i-fixing')).body
    const holder = created.find((r) => r.gridCode === issue.gridCode)
    expect(holder?.issuesTotal).toBe(4)
    expect(issue.events.at(-1)).toMatchObject({
      action: 'regrid',
      changes: { gridCode: holder.gridCode },
    })
    expect(issue.version).toBe(1) // a regrid is no transition

    // the OGC API serves the new grids and not the old one
    expect((await admin.get(`/collections/grids/items/${seat}`)).status).toBe(404)
    for (const row of created) {
      const feature = await admin.get(`/collections/grids/items/${row.gridCode}`)
      expect(feature.status).toBe(200)
      expect(feature.body.properties.gridCode).toBe(row.gridCode)
    }
    const items = await admin.get('/collections/grids/items?limit=1000')
    expect(items.body.numberMatched).toBe(before.total + 1)

    // the grid manager who had the old code has the new ones, in the session too
    const nanzhao = await app.login('grid-nanzhao')
    const session = (await nanzhao.get('/api/session')).body.user
    expect(session.gridCodes).not.toContain(seat)
    for (const row of created) expect(session.gridCodes).toContain(row.gridCode)
    const own = await nanzhao.post('/api/grids/assignments', {
      assignments: [{ gridCode: created[0].gridCode, unitCode: 'housing' }],
    })
    expect(own.status).toBe(200)

    const history = (await admin.get(`/api/grids/history?grid=${seat}`)).body.items
    expect(history[0]).toMatchObject({
      action: 'split',
      gridCodes: [seat, ...created.map((r) => r.gridCode)],
    })
  })

  it('never hands out a retired code again', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const first = await admin.post('/api/grids/split', { gridCode: seat, line: acrossSeat })
    const [a, b] = first.body.created.map((r: Row) => r.gridCode)
    const merged = await admin.post('/api/grids/merge', { gridCodes: [a, b] })
    expect(merged.status).toBe(200)
    const code = merged.body.created[0].gridCode
    expect([seat, a, b]).not.toContain(code)
    expect(merged.body.retired.sort()).toEqual([a, b].sort())
  })

  it.each([
    [
      'a line that misses the grid',
      {
        line: [
          [100.2, 25.1],
          [100.21, 25.1],
        ],
      },
      'line',
    ],
    ['a line of one point', { line: [[100.3075, 25.236]] }, 'line'],
    ['an unknown grid', { gridCode: '532927101001999' }, 'gridCode'],
    [
      'a latitude out of range',
      {
        line: [
          [100.3, 25.2],
          [100.3, 95],
        ],
      },
      'line.1.1',
    ],
  ])('refuses %s with 400 on %s and changes nothing', async (_name, patch, field) => {
    const app = await start()
    const admin = await app.login('admin')
    const before = await snapshot(admin)
    const reply = await admin.post('/api/grids/split', {
      gridCode: seat,
      line: acrossSeat,
      ...patch,
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe(field)
    expect(reply.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/)
    const after = await snapshot(admin)
    expect(after.version).toBe(before.version)
    expect(after.total).toBe(before.total)
    expect(after.history).toBe(before.history)
  })

  it('refuses a stale gridsVersion with 409', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const { version } = await snapshot(admin)
    await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: farAway, unitCode: 'housing' }],
    })
    const stale = await admin.post('/api/grids/split', {
      gridCode: seat,
      line: acrossSeat,
      gridsVersion: version,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.gridsVersion).toBe(version + 1)
  })

  it('refuses a grid manager outside their grids and the display token', async () => {
    const app = await start()
    const nanzhao = await app.login('grid-nanzhao')
    const outside = await nanzhao.post('/api/grids/merge', {
      gridCodes: ['532927102201001', '532927102202001'],
    })
    expect(outside.status).toBe(403)
    expect(outside.body.detail).toContain('532927102201001')
    const token = await app.anonymous.post(
      '/api/grids/split',
      { gridCode: seat, line: acrossSeat },
      { authorization: `Bearer ${app.displayToken}` },
    )
    expect(token.status).toBe(403)
  })
})

describe('POST /api/grids/merge', () => {
  it('merges adjacent grids into one new grid that keeps the largest input’s unit', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const before = await snapshot(admin)
    const inputs = before.grids.items.filter((r: Row) => [seat, seatNeighbour].includes(r.gridCode))
    const largest = [...inputs].sort((a: Row, b: Row) => b.areaKm2 - a.areaKm2)[0]
    const reply = await admin.post('/api/grids/merge', { gridCodes: [seat, seatNeighbour] })
    expect(reply.status).toBe(200)
    expect(reply.body.retired.sort()).toEqual([seatNeighbour, seat])
    const [grid] = reply.body.created
    expect(grid.unitCode).toBe(largest.unitCode)
    expect(grid.areaKm2).toBeCloseTo(inputs[0].areaKm2 + inputs[1].areaKm2, 1)
    expect(grid.issuesTotal).toBe(4)
    const after = await snapshot(admin)
    expect(after.total).toBe(before.total - 1)
    expect(after.points).toBe(before.points)
    expect((await admin.get('/api/issues/i-pending')).body.gridCode).toBe(grid.gridCode)
  })

  it.each([
    ['grids that do not touch', [seat, farAway.replace('102201001', '101004001')]],
    ['grids of two townships', [seat, farAway]],
    ['one grid twice', [seat, seat]],
  ])('refuses %s with 400 and changes nothing', async (_name, gridCodes) => {
    const app = await start()
    const admin = await app.login('admin')
    const before = await snapshot(admin)
    const reply = await admin.post('/api/grids/merge', { gridCodes })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toMatch(/^gridCodes/)
    const after = await snapshot(admin)
    expect(after.version).toBe(before.version)
    expect(after.total).toBe(before.total)
  })
})

describe('PUT /api/grids/:gridCode/geometry', () => {
  it('redraws a boundary: the neighbours give up the area, the township stays tiled', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const before = await snapshot(admin)
    const feature = (await admin.get(`/collections/grids/items/${seat}`)).body
    const ring: [number, number][] = feature.geometry.coordinates[0][0]
    // push the south-east corner 80 m further out
    const moved = ring.map(([x, y]) =>
      x === 100.305941 && y === 25.225084 ? [x + 0.0006, y - 0.0006] : [x, y],
    )
    expect(moved).not.toEqual(ring)
    const reply = await putGeometry(admin, seat, {
      geometry: { type: 'Polygon', coordinates: [moved] },
      gridsVersion: before.version,
    })
    expect(reply.status).toBe(200)
    const changed: Row[] = reply.body.changed
    expect(changed.map((r) => r.gridCode)).toContain(seat)
    expect(changed.length).toBeGreaterThan(1)
    const grown = changed.find((r) => r.gridCode === seat)
    const old = before.grids.items.find((r: Row) => r.gridCode === seat)
    expect(grown.areaKm2).toBeGreaterThan(old.areaKm2)
    const after = await snapshot(admin)
    expect(after.total).toBe(before.total)
    expect(after.area).toBeCloseTo(before.area, 1)
    expect(after.points).toBe(before.points)
    expect((await admin.get('/api/grids/history')).body.items[0].action).toBe('reshape')
  })

  it.each([
    [
      'a self-crossing polygon',
      {
        type: 'Polygon',
        coordinates: [
          [
            [100.3, 25.22],
            [100.31, 25.23],
            [100.31, 25.22],
            [100.3, 25.23],
            [100.3, 25.22],
          ],
        ],
      },
    ],
    [
      'a polygon outside the township',
      {
        type: 'Polygon',
        coordinates: [
          [
            [99, 24],
            [99.01, 24],
            [99.01, 24.01],
            [99, 24],
          ],
        ],
      },
    ],
    [
      'a polygon that swallows the whole county seat',
      {
        type: 'Polygon',
        coordinates: [
          [
            [100.25, 25.18],
            [100.36, 25.18],
            [100.36, 25.28],
            [100.25, 25.28],
            [100.25, 25.18],
          ],
        ],
      },
    ],
  ])('refuses %s with 400 on geometry and changes nothing', async (_name, geometry) => {
    const app = await start()
    const admin = await app.login('admin')
    const before = await snapshot(admin)
    const reply = await putGeometry(admin, seat, { geometry })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('geometry')
    const after = await snapshot(admin)
    expect(after.version).toBe(before.version)
    expect(after.area).toBeCloseTo(before.area, 2)
  })

  it('answers 404 for an unknown grid and 400 for a body that is not a polygon', async () => {
    const app = await start()
    const admin = await app.login('admin')
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [100.3, 25.2],
          [100.31, 25.2],
          [100.31, 25.21],
          [100.3, 25.2],
        ],
      ],
    }
    expect((await putGeometry(admin, '532927101001999', { geometry: polygon })).status).toBe(404)
    const point = await putGeometry(admin, seat, {
      geometry: { type: 'Point', coordinates: [100.3, 25.2] },
    })
    expect(point.status).toBe(400)
  })
})
