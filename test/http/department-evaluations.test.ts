// 部门评价 over HTTP: the 创建办 records the year's 征求上级主管部门意见 result (within 0 … the year's
// share points), a new entry supersedes the old one (kept as history), bad bodies are named by field,
// only the 创建办 may write, and the whole forecast's 部门评价 share shows the entry in force.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

const path = '/api/assessment/department-evaluations'
const entry = {
  year: 2026,
  score: 8.5,
  department: '省文明办',
  document: '关于反馈征求上级主管部门意见结果的函（示例）',
  evaluatedOn: '2026-11-20',
}

describe('部门评价', () => {
  let ledger: LedgerApp
  let inspector: Client
  let points: number
  beforeAll(async () => {
    ledger = await startLedgerApp()
    inspector = await ledger.login('inspector')
    const empty = await inspector.get(path)
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({ year: 2026, items: [] })
    points = empty.body.points
    expect(points).toBeGreaterThan(8.5)
  })
  afterAll(async () => {
    await ledger.close()
  })

  const forecastShare = async () => {
    const reply = await ledger.anonymous.post('/api/planning/forecast', { seed: 7, draws: 20 })
    return reply.body.assessment.shares.find((s: { method: string }) => s.method === 'departments')
  }

  test('before any entry the forecast says it is not entered yet', async () => {
    const share = await forecastShare()
    expect(share).toMatchObject({ expected: null, low: 0, high: points })
    expect(share.basis).toBe('尚未录入上级主管部门评价')
  })

  test('an entry is recorded with who and when; a later one supersedes it and the old stays readable', async () => {
    const first = await inspector.post(path, entry)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({
      ...entry,
      id: 'deval-0001',
      points,
      note: '',
      enteredBy: 'inspector',
    })
    expect(first.body.enteredAt).toMatch(/^2026-/)
    const admin = await ledger.login('admin')
    const second = await admin.post(path, {
      ...entry,
      score: points,
      department: '市文明办',
      note: '复核后改为满分',
    })
    expect(second.status).toBe(201)
    const listed = await ledger.login('commander').then((c) => c.get(`${path}?year=2026`))
    expect(listed.status).toBe(200)
    expect(
      listed.body.items.map((e: { id: string; current: boolean; enteredBy: string }) => [
        e.id,
        e.current,
        e.enteredBy,
      ]),
    ).toEqual([
      ['deval-0002', true, 'admin'],
      ['deval-0001', false, 'inspector'],
    ])
  })

  test('the forecast counts the entry in force, and names its source', async () => {
    const share = await forecastShare()
    expect(share).toMatchObject({ expected: points, low: points, high: points })
    expect(share.basis).toBe('按录入的上级主管部门评价（市文明办，2026-11-20）')
  })

  test.each([
    ['a score above the share', { score: 1000 }, 'score', /得分须在 0 至 \d+(\.\d+)? 分之间/],
    ['a negative score', { score: -1 }, 'score', /不能小于 0/],
    ['a score that is not a number', { score: '8' }, 'score', /./],
    ['no department', { department: ' ' }, 'department', /./],
    ['a bad date', { evaluatedOn: '2026/11/20' }, 'evaluatedOn', /YYYY-MM-DD/],
    ['a year without a 测评体系', { year: 2019 }, 'year', /没有 2019 年度的测评体系/],
    ['an unknown field', { extra: 1 }, 'extra', /./],
  ])('%s is refused, naming the field', async (_name, change, field, message) => {
    const reply = await inspector.post(path, { ...entry, ...change })
    expect(reply.status, JSON.stringify(reply.body)).toBe(400)
    const error = reply.body.errors[0]
    expect(error.field).toBe(field)
    expect(`${error.message} ${reply.body.detail}`).toMatch(message)
  })

  test('unit operators, grid managers and planners may not enter it; only the 创建办 and leaders read it', async () => {
    for (const name of ['unit-um', 'grid-nanzhao', 'planner', 'commander']) {
      const client = await ledger.login(name)
      const reply = await client.post(path, entry)
      expect(reply.status, name).toBe(403)
      expect(reply.body.detail).toMatch(/无权录入部门评价/)
    }
    expect((await ledger.anonymous.post(path, entry)).status).toBe(401)
    const unit = await ledger.login('unit-um')
    expect((await unit.get(path)).status).toBe(403)
    expect((await (await ledger.login('planner')).get(path)).status).toBe(200)
  })
})
