// Whatever a client sends to the grid workspace, the answer is a clean 4xx naming the problem and
// the grids stay as they were: malformed bodies, degenerate drawings, wrong types, odd parameters.
import { afterEach, describe, expect, it } from 'vitest'
import { type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

let ledger: LedgerApp | undefined
afterEach(async () => {
  await ledger?.close()
  ledger = undefined
})

const seat = places.seat.gridCode
const json = { 'content-type': 'application/json', 'x-requested-with': 'fetch' }
const ring = (points: unknown[][]) => ({ type: 'Polygon', coordinates: [points] }) // any JSON, wrong on purpose

const writes: [string, string, string, unknown][] = [
  [
    'split along an edge',
    'POST',
    '/api/grids/split',
    {
      gridCode: seat,
      line: [
        [100.302267, 25.229353],
        [100.305941, 25.225084],
      ],
    },
  ],
  [
    'split with 500 copies of one point',
    'POST',
    '/api/grids/split',
    { gridCode: seat, line: Array.from({ length: 500 }, () => [100.3075, 25.23]) },
  ],
  [
    'split with a line that zig-zags inside the grid',
    'POST',
    '/api/grids/split',
    {
      gridCode: seat,
      line: [
        [100.306, 25.229],
        [100.308, 25.23],
        [100.306, 25.231],
      ],
    },
  ],
  [
    'redraw with an unclosed ring',
    'PUT',
    `/api/grids/${seat}/geometry`,
    {
      geometry: ring([
        [100.3, 25.22],
        [100.31, 25.22],
        [100.31, 25.23],
        [100.3, 25.23],
      ]),
    },
  ],
  [
    'redraw with a zero-area ring',
    'PUT',
    `/api/grids/${seat}/geometry`,
    {
      geometry: ring([
        [100.3, 25.22],
        [100.31, 25.23],
        [100.32, 25.24],
        [100.3, 25.22],
      ]),
    },
  ],
  [
    'redraw with a ring of one repeated point',
    'PUT',
    `/api/grids/${seat}/geometry`,
    {
      geometry: ring([
        [100.3, 25.2],
        [100.3, 25.2],
        [100.3, 25.2],
        [100.3, 25.2],
      ]),
    },
  ],
  [
    'redraw with strings for numbers',
    'PUT',
    `/api/grids/${seat}/geometry`,
    {
      geometry: ring([
        ['100.3', '25.2'],
        [100.31, 25.2],
        [100.31, 25.21],
        [100.3, 25.2],
      ]),
    },
  ],
  ['merge with one grid', 'POST', '/api/grids/merge', { gridCodes: [seat] }],
  [
    'assignments as an array',
    'POST',
    '/api/grids/assignments',
    [{ gridCode: seat, unitCode: 'housing' }],
  ],
  [
    'assignments of 501 grids',
    'POST',
    '/api/grids/assignments',
    { assignments: Array.from({ length: 501 }, () => ({ gridCode: seat, unitCode: 'housing' })) },
  ],
  [
    'the same grid twice',
    'POST',
    '/api/grids/assignments',
    {
      assignments: [
        { gridCode: seat, unitCode: 'housing' },
        { gridCode: seat, unitCode: 'health' },
      ],
    },
  ],
  [
    'a rebalance with negative weights',
    'POST',
    '/api/grids/rebalance',
    { by: 'manager', weights: { openIssues: -1 } },
  ],
  ['a manager without a name', 'POST', '/api/grid-managers', { name: '   ' }],
  ['an empty manager change', 'PATCH', '/api/grid-managers/gm-0001', {}],
  ['a manager change of an unknown one', 'PATCH', '/api/grid-managers/gm-9999', { active: false }],
  ['a unit of an unknown kind', 'POST', '/api/units', { name: '某单位', kind: 'company' }],
  [
    'a unit code with capitals',
    'POST',
    '/api/units',
    { name: '某单位', kind: 'department', code: 'ABC' },
  ],
]

const reads = [
  '/api/grids?unassigned=maybe',
  '/api/grids?township=532927101&township=532927102',
  `/api/grids?q=${'x'.repeat(101)}`,
  '/api/grids/workload?by=team',
  '/api/grids/history?limit=0',
  '/api/grids/history?offset=-1',
  '/api/grids/history?grid=abc',
  '/api/grids/export.exe',
]

describe('hostile input to the grid workspace', () => {
  it.each(writes)(
    'answers %s with a 4xx and changes nothing',
    async (_name, method, path, body) => {
      ledger = await startLedgerApp()
      const admin = await ledger.login('admin')
      const before = (await admin.get('/api/grids')).body
      const reply = await admin.send(path, { method, body: JSON.stringify(body), headers: json })
      expect(reply.status).toBeGreaterThanOrEqual(400)
      expect(reply.status).toBeLessThan(500)
      expect(reply.headers.get('content-type')).toContain('application/problem+json')
      const after = (await admin.get('/api/grids')).body
      expect(after.gridsVersion).toBe(before.gridsVersion)
      expect(after.items).toEqual(before.items)
    },
  )

  it.each(reads)('answers GET %s with a 4xx', async (path) => {
    ledger = await startLedgerApp()
    const reply = await ledger.display.get(path)
    expect([400, 404]).toContain(reply.status)
  })

  it('answers a body that is not JSON with 415 and broken JSON with 400', async () => {
    ledger = await startLedgerApp()
    const admin = await ledger.login('admin')
    const text = await admin.send('/api/grids/assignments', {
      method: 'POST',
      body: 'gridCode=1',
      headers: { 'content-type': 'text/plain', 'x-requested-with': 'fetch' },
    })
    expect(text.status).toBe(415)
    const broken = await admin.send('/api/grids/merge', {
      method: 'POST',
      body: '{"gridCodes": [',
      headers: json,
    })
    expect(broken.status).toBe(400)
  })

  it('answers a body over 1 MB with 413 and changes nothing', async () => {
    ledger = await startLedgerApp()
    const admin = await ledger.login('admin')
    const before = (await admin.get('/api/grids')).body
    const line = Array.from({ length: 60_000 }, (_, i) => [100.3 + i * 1e-7, 25.23])
    const reply = await admin.send('/api/grids/split', {
      method: 'POST',
      body: JSON.stringify({ gridCode: seat, line }),
      headers: json,
    })
    expect(reply.status).toBe(413)
    expect(reply.headers.get('content-type')).toContain('application/problem+json')
    expect((await admin.get('/api/grids')).body.gridsVersion).toBe(before.gridsVersion)
  })

  it('unassigns a grid with managerId null', async () => {
    ledger = await startLedgerApp()
    const admin = await ledger.login('admin')
    const reply = await admin.post('/api/grids/assignments', {
      assignments: [{ gridCode: seat, managerId: null }],
    })
    expect(reply.status).toBe(200)
    const row = (await admin.get(`/api/grids?q=${seat}`)).body.items[0]
    expect(row).toMatchObject({ managerId: null, managerName: null, unassigned: true })
  })
})
