// POST /api/issues/:id/transitions and /notes in process: the whole close-out loop across roles, every
// wrong transition (409 with what is allowed), stale versions, roles and ownership (403), bad bodies
// (400 naming the field), and two transitions racing (one 200, one 409, no lost update).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  type IssueAction,
  type IssueStatus,
  issueActions,
  issueTransitions,
  replay,
} from '../../server/domain/issue.ts'
import {
  type Client,
  issueAt,
  type LedgerApp,
  places,
  standardIssues,
  startLedgerApp,
} from './ledger-app.ts'

let ledger: LedgerApp
const as: Record<string, Client> = {}
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])

beforeAll(async () => {
  const racers = Array.from({ length: 10 }, (_, i) =>
    issueAt('seat', `race-${i}`, { status: 'reviewing' }),
  )
  ledger = await startLedgerApp({ issues: [...standardIssues(), ...racers] })
  for (const name of [
    'admin',
    'commander',
    'inspector',
    'unit-um',
    'unit-market',
    'grid-nanzhao',
    'planner',
  ]) {
    as[name] = await ledger.login(name)
  }
})
afterAll(async () => {
  await ledger.close()
})

const client = (name: string) => as[name] as Client
const transition = (who: string, id: string, body: Record<string, unknown>) =>
  client(who).post(`/api/issues/${id}/transitions`, body)
const deadline = '2026-11-29T08:00:00Z'

describe('the close-out loop (发现 → 交办 → 整改 → 复查 → 销号)', () => {
  test('inspector reports, grid manager assigns, unit rectifies with a photo, inspector rejects then approves, commander sees it closed, admin reopens', async () => {
    const reported = await client('inspector').post('/api/issues', {
      lngLat: places.seat.lngLat,
      category: 'exposed-garbage',
      description: '巷道内垃圾桶满溢',
    })
    expect(reported.status).toBe(201)
    const id = reported.body.id as string
    // grid-nanzhao holds the seat's grid
    const assigned = await transition('grid-nanzhao', id, {
      action: 'assign',
      version: 1,
      responsibleUnit: 'urban-management',
      deadlineAt: deadline,
      note: '请两日内清运',
    })
    expect(assigned.status).toBe(200)
    expect(assigned.body).toMatchObject({
      status: 'fixing',
      version: 2,
      responsibleUnit: 'urban-management',
      deadlineAt: deadline,
      statusNotes: '请两日内清运',
    })
    const photo = await client('unit-um').send(`/api/issues/${id}/attachments`, {
      method: 'POST',
      body: jpeg,
      headers: { 'content-type': 'image/jpeg', 'x-requested-with': 'fetch' },
    })
    expect(photo.status).toBe(201)
    const rectified = await transition('unit-um', id, {
      action: 'rectify',
      version: 2,
      note: '已清运并消毒',
      attachmentIds: [photo.body.id],
    })
    expect(rectified.body).toMatchObject({
      status: 'reviewing',
      version: 3,
      allowedActions: ['note'],
    })
    const rejected = await transition('inspector', id, {
      action: 'reject',
      version: 3,
      note: '周边仍有散落垃圾',
    })
    expect(rejected.body).toMatchObject({
      status: 'fixing',
      version: 4,
      statusNotes: '周边仍有散落垃圾',
    })
    await transition('unit-um', id, { action: 'rectify', version: 4, note: '已彻底清理' })
    ledger.clock.now = new Date(ledger.clock.now.getTime() + 60_000)
    const approved = await transition('inspector', id, { action: 'approve', version: 5 })
    expect(approved.body).toMatchObject({
      status: 'closed',
      version: 6,
      closedAt: '2026-11-22T08:01:00Z',
      overdue: false,
    })

    const seen = await client('commander').get(`/api/issues/${id}`)
    expect(seen.body).toMatchObject({ status: 'closed', allowedActions: [] })
    expect(
      seen.body.events.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`),
    ).toEqual([
      'report:inspector',
      'assign:grid-nanzhao',
      'rectify:unit-um',
      'reject:inspector',
      'rectify:unit-um',
      'approve:inspector',
    ])
    expect(seen.body.events[2].attachmentIds).toEqual([photo.body.id])
    expect(seen.body.attachments.map((a: { id: string }) => a.id)).toEqual([photo.body.id])
    const ogc = await client('commander').get(`/collections/issues/items/${id}`)
    expect(ogc.body.properties).toMatchObject({
      status: 'closed',
      closedAt: '2026-11-22T08:01:00Z',
    })
    const closedInOgc = await client('commander').get(
      '/collections/issues/items?status=closed&township=532927101',
    )
    expect(closedInOgc.body.features.map((f: { id: string }) => f.id)).toContain(id)

    const reopened = await transition('admin', id, {
      action: 'reopen',
      version: 6,
      note: '群众再次反映',
    })
    expect(reopened.body).toMatchObject({ status: 'fixing', version: 7 })
    expect(reopened.body).not.toHaveProperty('closedAt')

    // the history replays to what the API and the OGC collection show
    const { events, ...view } = (await client('commander').get(`/api/issues/${id}`)).body
    const state = replay(events)
    expect(state.version).toBe(view.version)
    const { overdue, ...served } = (
      await client('commander').get(`/collections/issues/items/${id}`)
    ).body.properties
    expect({ ...state.properties }).toEqual(served)
    expect(overdue).toBe(false) // derived at read time, not part of the history
  })
})

describe('wrong transitions are 409 and say what is allowed', () => {
  const byStatus: Record<IssueStatus, string> = {
    pending: 'i-miaojie',
    fixing: 'i-market',
    reviewing: 'i-reviewing',
    closed: 'i-closed',
  }
  const pairs = (Object.keys(byStatus) as IssueStatus[]).flatMap((status) =>
    issueActions
      .filter((a) => issueTransitions[a].from !== status)
      .map((action) => ({ status, action })),
  )
  const allowedFor: Record<IssueStatus, string[]> = {
    pending: ['assign', 'note', 'urge'], // 催办 while someone still has to act
    fixing: ['rectify', 'note', 'urge'],
    reviewing: ['approve', 'reject', 'note'],
    closed: ['reopen', 'note'],
  }
  test.each(pairs)('$action on a $status issue → 409', async ({ status, action }) => {
    const id = byStatus[status]
    const body: Record<string, unknown> = { action, version: 1, note: '说明' }
    if (action === 'assign')
      Object.assign(body, { responsibleUnit: 'housing', deadlineAt: deadline })
    if (action === 'reopen' || action === 'rectify' || action === 'reject') body.note = '说明'
    const reply = await transition('admin', id, body)
    expect(reply.status).toBe(409)
    expect(reply.body.code).toBe('Conflict')
    expect(reply.body.allowed).toEqual(allowedFor[status])
    expect(reply.body.current).toMatchObject({ id, status, version: 1 })
    expect((await ledger.store.issueEvents(id)).length).toBe(1)
  })

  test('a stale version is 409 with the current issue', async () => {
    const reply = await transition('admin', 'i-reviewing', { action: 'approve', version: 7 })
    expect(reply.status).toBe(409)
    expect(reply.body.detail).toMatch(/已被他人更新/)
    expect(reply.body.current.version).toBe(1)
    expect(reply.body.allowed).toEqual(['approve', 'reject', 'note'])
  })
})

describe('roles and ownership', () => {
  const cases: [string, string, IssueAction, number][] = [
    ['commander', 'i-reviewing', 'approve', 403],
    ['planner', 'i-pending', 'assign', 403],
    ['inspector', 'i-pending', 'assign', 403],
    ['grid-nanzhao', 'i-reviewing', 'approve', 403],
    ['unit-um', 'i-closed', 'reopen', 403],
    ['inspector', 'i-closed', 'reopen', 403],
    ['grid-nanzhao', 'i-miaojie', 'assign', 403], // 庙街镇 is not among its grids
    ['unit-market', 'i-fixing', 'rectify', 403], // i-fixing is 城管's
    ['unit-um', 'i-market', 'rectify', 403], // i-market is 市场监管's
  ]
  test.each(cases)('%s %s: %s → %i, nothing written', async (who, id, action, status) => {
    const body: Record<string, unknown> = { action, version: 1, note: '说明' }
    if (action === 'assign')
      Object.assign(body, { responsibleUnit: 'housing', deadlineAt: deadline })
    const reply = await transition(who, id, body)
    expect(reply.status).toBe(status)
    expect(reply.body.code).toBe('Forbidden')
    expect((await ledger.store.issueEvents(id)).length).toBe(1)
  })

  test('the owners may: 市场监管 rectifies its own issue', async () => {
    const reply = await transition('unit-market', 'i-market', {
      action: 'rectify',
      version: 1,
      note: '已规范经营',
    })
    expect(reply.status).toBe(200)
    expect(reply.body.status).toBe('reviewing')
  })
})

describe('bad bodies are 400 naming the field', () => {
  test.each([
    [{ action: 'assign', version: 1, deadlineAt: deadline }, 'responsibleUnit'],
    [{ action: 'assign', version: 1, responsibleUnit: 'housing' }, 'deadlineAt'],
    [
      { action: 'assign', version: 1, responsibleUnit: 'housing', deadlineAt: 'next week' },
      'deadlineAt',
    ],
    [
      {
        action: 'assign',
        version: 1,
        responsibleUnit: 'housing',
        deadlineAt: '2026-11-22T07:00:00Z',
      },
      'deadlineAt',
    ],
    [
      { action: 'assign', version: 1, responsibleUnit: 'fire-brigade', deadlineAt: deadline },
      'responsibleUnit',
    ],
    [
      { action: 'assign', version: '1', responsibleUnit: 'housing', deadlineAt: deadline },
      'version',
    ],
    [
      { action: 'assign', version: 1.5, responsibleUnit: 'housing', deadlineAt: deadline },
      'version',
    ],
    [{ action: 'assign', responsibleUnit: 'housing', deadlineAt: deadline }, 'version'],
    [
      {
        action: 'assign',
        version: 1,
        responsibleUnit: 'housing',
        deadlineAt: deadline,
        status: 'closed',
      },
      'status',
    ],
    [{ action: 'close', version: 1 }, 'action'],
    [{ version: 1 }, 'action'],
  ])('%j → %s', async (body, field) => {
    const reply = await transition('admin', 'i-pending', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  test.each([
    [{ action: 'reject', version: 1 }, 'note'],
    [{ action: 'reject', version: 1, note: '   ' }, 'note'],
    [{ action: 'reject', version: 1, note: 'x'.repeat(2001) }, 'note'],
    [
      { action: 'approve', version: 1, attachmentIds: ['att-000000000000000000000000'] },
      'attachmentIds',
    ],
    [{ action: 'approve', version: 1, attachmentIds: 'att-1' }, 'attachmentIds'],
  ])('%j on a reviewing issue → %s', async (body, field) => {
    const reply = await transition('inspector', 'i-reviewing', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  test('an unknown issue is 404', async () => {
    const reply = await transition('inspector', 'nope', { action: 'approve', version: 1 })
    expect(reply.status).toBe(404)
  })

  test('none of these wrote anything', async () => {
    expect((await ledger.store.issueEvents('i-pending')).length).toBe(1)
    expect((await ledger.store.issueEvents('i-reviewing')).length).toBe(1)
  })
})

describe('notes', () => {
  test('a note is 201 with its event, appears in the history, and leaves the version', async () => {
    const reply = await client('grid-nanzhao').post('/api/issues/i-pending/notes', {
      note: '已联系商户',
    })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({
      issueId: 'i-pending',
      action: 'note',
      note: '已联系商户',
      actor: 'grid-nanzhao',
      role: 'grid-manager',
    })
    const detail = await client('admin').get('/api/issues/i-pending')
    expect(detail.body.version).toBe(1)
    expect(detail.body.events.at(-1)).toEqual(reply.body)
  })

  test.each([
    ['commander', 'i-pending', 403],
    ['unit-market', 'i-fixing', 403],
    ['grid-nanzhao', 'i-miaojie', 403],
    ['inspector', 'nope', 404],
  ])('%s on %s → %i', async (who, id, status) => {
    expect((await client(who).post(`/api/issues/${id}/notes`, { note: '备注' })).status).toBe(
      status,
    )
  })

  test.each([[{}], [{ note: '' }], [{ note: '备注', version: 1 }], [{ note: 5 }]])(
    '%j → 400',
    async (body) => {
      expect((await client('admin').post('/api/issues/i-pending/notes', body)).status).toBe(400)
    },
  )
})

describe('concurrency', () => {
  test('two transitions of the same issue at the same version: one 200, one 409, no lost update', async () => {
    for (let i = 0; i < 10; i++) {
      const id = `race-${i}`
      const replies = await Promise.all([
        transition('inspector', id, { action: 'approve', version: 1, note: `通过 ${i}` }),
        transition('admin', id, { action: 'reject', version: 1, note: `不通过 ${i}` }),
      ])
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409])
      const winner = replies.find((r) => r.status === 200)
      const loser = replies.find((r) => r.status === 409)
      expect(loser?.body.current).toMatchObject({ version: 2, status: winner?.body.status })
      const events = await ledger.store.issueEvents(id)
      expect(events).toHaveLength(2)
      const stored = await ledger.store.issue(id)
      expect(stored?.properties.statusNotes).toBe(winner?.body.statusNotes)
      expect(replay(events)).toEqual(stored)
    }
  })
})
