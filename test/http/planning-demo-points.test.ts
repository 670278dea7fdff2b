// POST /api/planning/candidates and /optimise over the demo ledger: ranked candidates with their
// factors, bad weights and impossible constraints as quick 400s naming the field, and an optimised
// plan that beats random feasible plans.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { baselineSamplesFor } from '../../server/http/routes/planning.ts'
import type { LedgerApp } from './ledger-app.ts'
import { startPlanningApp } from './planning-app.ts'

interface Item {
  checkpointId: string
  kind: string
  townshipCode: string
  score: number
  factors: Record<string, number>
  raw: Record<string, unknown>
  chosen: boolean
}

describe('demonstration-point candidates and optimisation', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp()
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('candidates come best first, each with six factors in [0, 1] and the raw figures', async () => {
    const reply = await ledger.anonymous.post('/api/planning/candidates', {})
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const items = reply.body.items as Item[]
    expect(items).toHaveLength(620)
    expect(reply.body.weights).toEqual({
      density: 3,
      closure: 2,
      overdue: 2,
      category: 1,
      location: 1,
      spacing: 1,
    })
    for (const [i, item] of items.entries()) {
      if (i > 0) expect(item.score).toBeLessThanOrEqual((items[i - 1] as Item).score)
      expect(Object.keys(item.factors).sort()).toEqual(
        ['category', 'closure', 'density', 'location', 'overdue', 'spacing'].sort(),
      )
      for (const value of Object.values(item.factors)) {
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
      }
      expect(item.raw).toMatchObject({
        recentIssues: expect.any(Number),
        openIssues: expect.any(Number),
        inRadius: expect.any(Boolean),
        onCorridor: expect.any(Boolean),
      })
      expect(item.factors.location).toBe(item.raw.inRadius || item.raw.onCorridor ? 1 : 0)
    }
    expect(items.some((i) => i.raw.inRadius)).toBe(true)
    expect(items.some((i) => i.raw.onCorridor)).toBe(true)
    expect(items.some((i) => !i.raw.inRadius && !i.raw.onCorridor)).toBe(true)
  })

  test('a chosen plan lowers the spacing factor of its neighbours and marks its points', async () => {
    const first = (await ledger.anonymous.post('/api/planning/candidates', {})).body.items as Item[]
    const top = first[0] as Item
    const reply = await ledger.anonymous.post('/api/planning/candidates', {
      plan: [top.checkpointId],
      kinds: ['fixed'],
    })
    const items = reply.body.items as Item[]
    expect(items.every((i) => i.kind === 'fixed')).toBe(true)
    expect(items.filter((i) => i.chosen).map((i) => i.checkpointId)).toEqual([top.checkpointId])
    expect(
      items.some((i) => (i.factors.spacing ?? 1) < 1 && typeof i.raw.nearestChosenM === 'number'),
    ).toBe(true)
  })

  test.each([
    [{ weights: { density: 11 } }, 'weights.density'],
    [{ weights: { density: -1 } }, 'weights.density'],
    [{ weights: { density: 'high' } }, 'weights.density'],
    [{ weights: { beauty: 1 } }, 'weights.beauty'],
    [
      { weights: { density: 0, closure: 0, overdue: 0, category: 0, location: 0, spacing: 0 } },
      'weights',
    ],
    [{ plan: ['cp-9999'] }, 'plan'],
    [{ kinds: ['both'] }, 'kinds.0'],
    [{ colour: 'red' }, 'colour'],
  ])('candidates %j → 400 naming %s', async (body, field) => {
    const reply = await ledger.anonymous.post('/api/planning/candidates', body)
    expect(reply.status).toBe(400)
    expect(reply.headers.get('content-type')).toContain('application/problem+json')
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    for (const e of reply.body.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/)
  })

  test.each([
    [{ size: 5, minPerTownship: 1 }, 'constraints.minPerTownship'],
    [{ size: 100, requiredCategories: { 'scenic-spot': 100 } }, 'constraints.requiredCategories'],
    [{ size: 100, minSpacingM: 10_000 }, 'constraints.minSpacingM'],
    [{ size: 101 }, 'constraints.size'],
    [{ size: 10, requiredCategories: { castle: 1 } }, 'constraints.requiredCategories.castle'],
  ])('impossible or bad constraints %j → 400 naming %s', async (constraints, field) => {
    const reply = await ledger.anonymous.post('/api/planning/optimise', { constraints })
    expect(reply.status, JSON.stringify(reply.body)).toBe(400)
    const fields = reply.body.errors.map((e: { field: string }) => e.field) as string[]
    expect(
      fields.some((f) => f.startsWith(field)),
      fields.join(),
    ).toBe(true)
    expect(reply.body.detail).toMatch(/[\u4e00-\u9fff]/)
  })

  test('optimise meets the constraints and beats the mean of random feasible plans', async () => {
    const constraints = {
      size: 12,
      minPerTownship: 1,
      minSpacingM: 500,
      requiredCategories: { market: 2 },
    }
    const reply = await ledger.anonymous.post('/api/planning/optimise', { constraints })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const { checkpointIds, summary, baseline } = reply.body
    expect(checkpointIds).toHaveLength(12)
    expect(new Set(checkpointIds).size).toBe(12)
    expect(summary.violations).toEqual([])
    expect(Object.values(summary.byTownship).every((n) => (n as number) >= 1)).toBe(true)
    expect(summary.byCategory.market).toBeGreaterThanOrEqual(2)
    expect(summary.minSpacingM).toBeGreaterThanOrEqual(500)
    expect(baseline.samples).toBe(200)
    expect(summary.meanScore).toBeGreaterThan(baseline.randomMean)
    expect(summary.meanScore).toBeGreaterThanOrEqual(baseline.randomBest)
  })

  test('the commander may compute (reads), the display token may not call a POST', async () => {
    const commander = await ledger.login('commander')
    expect((await commander.post('/api/planning/candidates', {})).status).toBe(200)
    const token = await ledger.anonymous.post(
      '/api/planning/candidates',
      {},
      { authorization: `Bearer ${ledger.displayToken}` },
    )
    expect(token.status).toBe(403)
  })
})

describe('after a ledger write', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp()
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('a new issue at a check point shows in its counts from the next minute on, after one request', async () => {
    const itemOf = async (id: string) =>
      ((await ledger.anonymous.post('/api/planning/candidates', {})).body.items as Item[]).find(
        (i) => i.checkpointId === id,
      ) as Item & { lngLat: [number, number] }
    const before = (await ledger.anonymous.post('/api/planning/candidates', {})).body
      .items[0] as Item & { lngLat: [number, number] }
    const inspector = await ledger.login('inspector')
    const reported = await inspector.post('/api/issues', {
      lngLat: before.lngLat,
      category: 'street-vending',
      description: '示范点旁新发现的占道经营',
    })
    expect(reported.status, JSON.stringify(reported.body)).toBe(201)
    // within the same minute the cached result stands
    expect((await itemOf(before.checkpointId)).raw).toEqual(before.raw)
    ledger.clock.now = new Date(ledger.clock.now.getTime() + 60_000)
    // the minute's first request is answered from the old snapshot and has it renewed
    expect((await itemOf(before.checkpointId)).raw).toEqual(before.raw)
    const after = await itemOf(before.checkpointId)
    expect(after.raw.recentIssues).toBe((before.raw.recentIssues as number) + 1)
    expect(after.raw.openIssues).toBe((before.raw.openIssues as number) + 1)
    expect(after.factors.density).toBeLessThanOrEqual(before.factors.density as number)
  })
})

describe('under READ_ACCESS=authenticated', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp({ config: { readAccess: 'authenticated' } })
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('an anonymous caller gets 401 from every planning endpoint, a signed-in commander 200', async () => {
    const commander = await ledger.login('commander')
    for (const [path, body] of [
      ['/api/planning/candidates', {}],
      ['/api/planning/rehearsal', { seed: 1, draws: 10 }],
      ['/api/planning/seat-radius', undefined],
      ['/api/plans', undefined],
    ] as const) {
      const anonymous =
        body === undefined
          ? await ledger.anonymous.get(path)
          : await ledger.anonymous.post(path, body)
      expect(anonymous.status, path).toBe(401)
      const signedIn =
        body === undefined ? await commander.get(path) : await commander.post(path, body)
      expect(signedIn.status, path).toBe(200)
    }
  })
})

describe('the random baseline beside an optimised plan', () => {
  test.each([
    [12, 200],
    [20, 200],
    [30, 133],
    [80, 50],
    [100, 50],
  ])('a plan of %i points is compared with %i random plans', (size, samples) => {
    expect(baselineSamplesFor(size)).toBe(samples)
  })
})
