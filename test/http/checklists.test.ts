// 点位测评 over HTTP: a 督查组 inspects a market (two failures → two issues at the point, filled as 发现
// fills them, linked to their items); a unit operator 自查s its own unit's point and no other (a point
// with its own 责任单位 is that unit's, not its grid's); the map status follows the latest inspection
// and its age.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ChecklistItem } from '../../server/domain/checklist.ts'
import { type LedgerApp, pinnedNow, startLedgerApp } from './ledger-app.ts'

const market = 'cp-0002' // 紫金乡集贸市场（示例）, a grid of 紫金乡人民政府
const window = 'cp-0059' // a window unit in a grid of 县城市管理局
const townMarket = 'cp-0055' // 城北综合市场（示例）: a grid of 县交通运输局, the point 市场监管局's (点长制)

function resultsFor(items: ChecklistItem[], failing: number[]) {
  return items.map((item, i) => ({
    itemCode: item.code,
    result: failing.includes(i) ? 'fail' : i === items.length - 1 ? 'na' : 'pass',
    ...(failing.includes(i) ? { note: '现场发现' } : {}),
  }))
}

describe('点位测评', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  test("a market's checklist has 静态 and 动态 items linked to 标准; never inspected yet", async () => {
    const reply = await ledger.anonymous.get(`/api/checkpoints/${market}/checklist`)
    expect(reply.status).toBe(200)
    expect(reply.body.checkpoint).toEqual(
      expect.objectContaining({ id: market, category: 'market', unitCode: 'township-532927203' }),
    )
    const kinds = new Set(reply.body.items.map((i: ChecklistItem) => i.kind))
    expect(kinds).toEqual(new Set(['static', 'dynamic']))
    expect(reply.body.items.find((i: ChecklistItem) => i.code === 'market-d02')).toEqual(
      expect.objectContaining({ text: '无占道经营、店外经营', standardCode: '03-02-01' }),
    )
    expect(reply.body.status).toBe('never')
    expect((await ledger.anonymous.get('/api/checkpoints/cp-9999/checklist')).status).toBe(404)
  })

  test('an inspector records two failures: two issues at the point, in one inspection', async () => {
    const { items } = (await ledger.anonymous.get(`/api/checkpoints/${market}/checklist`)).body
    const inspector = await ledger.login('inspector')
    const reply = await inspector.post(`/api/checkpoints/${market}/inspections`, {
      results: resultsFor(items, [3, 4]),
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    const inspection = reply.body
    expect(inspection).toEqual(
      expect.objectContaining({
        kind: 'supervision',
        failed: 2,
        notApplicable: 1,
        inspector: 'inspector',
      }),
    )
    expect(inspection.score).toBeCloseTo((items.length - 3) / (items.length - 1), 4)
    const failed = inspection.results.filter((r: { result: string }) => r.result === 'fail')
    expect(failed).toHaveLength(2)
    for (const [n, r] of failed.entries()) {
      const issue = (await inspector.get(`/api/issues/${r.issueId}`)).body
      expect(issue).toEqual(
        expect.objectContaining({
          status: 'pending',
          checkpointId: market,
          category: items[3 + n].issueCategory,
          townshipCode: '532927203',
          responsibleUnit: 'township-532927203',
          source: 'inspection-team',
        }),
      )
      expect(issue.description).toContain(items[3 + n].text)
    }
    const status = (await ledger.anonymous.get(`/api/checkpoints/${market}/checklist`)).body
    expect(status.status).toBe('failing')
    expect(status.latest).toEqual(
      expect.objectContaining({ inspectionId: inspection.id, failed: 2 }),
    )
  })

  test('a unit operator 自查s its own point (no failures, no issues) but not another unit’s', async () => {
    const operator = await ledger.login('unit-um')
    const own = (await operator.get(`/api/checkpoints/${window}/checklist`)).body
    expect(own.checkpoint.unitCode).toBe('urban-management')
    const before = (
      await ledger.store.listIssues({
        sort: { key: 'reportedAt', descending: true },
        limit: 1,
        offset: 0,
        now: pinnedNow,
      })
    ).total
    const reply = await operator.post(`/api/checkpoints/${window}/inspections`, {
      results: resultsFor(own.items, []),
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body).toEqual(
      expect.objectContaining({ kind: 'self', unitCode: 'urban-management', failed: 0 }),
    )
    const after = (
      await ledger.store.listIssues({
        sort: { key: 'reportedAt', descending: true },
        limit: 1,
        offset: 0,
        now: pinnedNow,
      })
    ).total
    expect(after).toBe(before)
    const { items } = (await operator.get(`/api/checkpoints/${market}/checklist`)).body
    const foreign = await operator.post(`/api/checkpoints/${market}/inspections`, {
      results: resultsFor(items, [0]),
    })
    expect(foreign.status).toBe(403)
    expect(foreign.body.detail).toMatch(/只能自查本单位的点位/)
  })

  test("a county-town market is the 市场监管局's: its operator 自查s it, two failures become two of its unit's issues", async () => {
    const checklist = (await ledger.anonymous.get(`/api/checkpoints/${townMarket}/checklist`)).body
    expect(checklist.checkpoint).toEqual(
      expect.objectContaining({ category: 'market', unitCode: 'market-regulation' }),
    )
    const items: ChecklistItem[] = checklist.items
    const operator = await ledger.login('unit-market')
    const reply = await operator.post(`/api/checkpoints/${townMarket}/inspections`, {
      results: resultsFor(items, [0, 3]),
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(201)
    expect(reply.body).toEqual(
      expect.objectContaining({ kind: 'self', unitCode: 'market-regulation', failed: 2 }),
    )
    const failed = reply.body.results.filter((r: { result: string }) => r.result === 'fail')
    expect(failed.map((r: { itemCode: string }) => r.itemCode)).toEqual([
      items[0]?.code,
      items[3]?.code,
    ])
    for (const r of failed) {
      const issue = (await operator.get(`/api/issues/${r.issueId}`)).body
      expect(issue).toEqual(
        expect.objectContaining({
          checkpointId: townMarket,
          responsibleUnit: 'market-regulation', // not the grid's 县交通运输局
          source: 'self-check',
        }),
      )
    }
    // the grid's unit does not own the point any more than any other unit does
    const um = await ledger.login('unit-um')
    const foreign = await um.post(`/api/checkpoints/${townMarket}/inspections`, {
      results: resultsFor(items, []),
    })
    expect(foreign.status).toBe(403)
  })

  test("a unit operator's own points: its 点长制 points and its grids' points without one, nobody else's", async () => {
    const own = async (name: string) =>
      (await (await ledger.login(name)).get('/api/checkpoints/own')).body
    const market = (await own('unit-market')).items
    expect(market.map((p: { id: string }) => p.id)).toContain(townMarket)
    // every county-town 农贸市场, and no township-seat one (those are the township's, 属地管理)
    const markets = market.filter((p: { category: string }) => p.category === 'market')
    expect(markets.length).toBeGreaterThanOrEqual(6)
    expect(markets.map((p: { id: string }) => p.id)).not.toContain('cp-0002')
    expect(market.find((p: { id: string }) => p.id === townMarket).status).not.toBe('never') // 自查 above
    const um = (await own('unit-um')).items.map((p: { id: string }) => p.id)
    expect(um).toContain(window) // no unit of its own: its grid's, 县城市管理局
    expect(um).not.toContain(townMarket)
    const inspector = await ledger.login('inspector')
    expect((await inspector.get('/api/checkpoints/own')).status).toBe(403)
    expect((await ledger.anonymous.get('/api/checkpoints/own')).status).toBe(401)
  })

  test('results must cover the checklist exactly; roles without the permission get 403', async () => {
    const inspector = await ledger.login('inspector')
    const { items } = (await inspector.get(`/api/checkpoints/${market}/checklist`)).body
    const missing = await inspector.post(`/api/checkpoints/${market}/inspections`, {
      results: resultsFor(items, []).slice(1),
    })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toMatch(/未填写结果/)
    const planner = await ledger.login('planner')
    const refused = await planner.post(`/api/checkpoints/${market}/inspections`, {
      results: resultsFor(items, []),
    })
    expect(refused.status).toBe(403)
  })

  test('the map status: failing now, stale after 14 days; history needs a reader', async () => {
    const statuses = (await ledger.anonymous.get('/api/inspections/status')).body.items
    expect(statuses.find((s: { checkpointId: string }) => s.checkpointId === market).status).toBe(
      'failing',
    )
    expect(statuses.find((s: { checkpointId: string }) => s.checkpointId === window).status).toBe(
      'passing',
    )
    ledger.clock.now = new Date(pinnedNow.getTime() + 15 * 86_400_000)
    try {
      const later = (await ledger.anonymous.get('/api/inspections/status')).body.items
      expect(later.every((s: { status: string }) => s.status === 'stale')).toBe(true)
    } finally {
      ledger.clock.now = pinnedNow
    }
    expect((await ledger.anonymous.get(`/api/checkpoints/${market}/inspections`)).status).toBe(401)
    const history = await ledger.display.get(`/api/checkpoints/${market}/inspections`)
    expect(history.body.items).toHaveLength(1)
  })
})

describe('the forecast in all four shares', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('a failing checklist on a fixed point lowers the 实地考察 share; no survey yet is unknown', async () => {
    const forecast = async () =>
      (await ledger.anonymous.post('/api/planning/forecast', { seed: 7, draws: 50 })).body
        .assessment
    const before = await forecast()
    expect(before.shares.map((s: { method: string }) => s.method)).toEqual([
      'field',
      'materials',
      'survey',
      'departments',
    ])
    expect(before.shares[2].expected).toBeNull()
    expect(before.vetoAlarms.length).toBeGreaterThan(0)
    expect(before.actions).toHaveLength(10)
    const inspector = await ledger.login('inspector')
    const { items } = (await inspector.get(`/api/checkpoints/${market}/checklist`)).body
    const all = items.map((_: unknown, i: number) => i)
    const reply = await inspector.post(`/api/checkpoints/${market}/inspections`, {
      results: resultsFor(items, all),
    })
    expect(reply.status).toBe(201)
    const after = await forecast()
    expect(after.shares[0].expected).toBeLessThan(before.shares[0].expected)
    expect(after.shares[0].basis).toMatch(/点位测评得分/)
  })
})
