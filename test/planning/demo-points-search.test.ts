// The optimiser on the demo data: 620 check points, the demo ledger, "location" = within 1 km of a
// township seat. It must meet its constraints, beat random plans, replay by seed and fail fast.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import {
  defaultDemoWeights,
  optimisePlan,
  type PlanConstraints,
  randomBaseline,
  summarisePlan,
} from '../../server/planning/demo-points.ts'
import { distanceMetres } from '../../server/planning/issue-index.ts'
import { PlanningInputError } from '../../server/planning/planning-errors.ts'
import {
  type CheckpointInput,
  gridConditions,
  pointConditions,
} from '../../server/planning/planning-inputs.ts'

interface PointFeature {
  id: string
  properties: Record<string, unknown>
  geometry: { coordinates: [number, number] }
}

const readFeatures = (name: string): PointFeature[] =>
  JSON.parse(readFileSync(new URL(`../../geodata/${name}`, import.meta.url), 'utf8')).features

function demoInputs() {
  const now = new Date('2026-11-22T04:00:00Z')
  const candidates: CheckpointInput[] = readFeatures('checkpoints.geojson').map((f) => ({
    id: String(f.id),
    name: String(f.properties.name),
    kind: f.properties.kind as CheckpointInput['kind'],
    category: f.properties.category as CheckpointInput['category'],
    townshipCode: String(f.properties.townshipCode),
    gridCode: String(f.properties.gridCode),
    lngLat: f.geometry.coordinates,
  }))
  const columns = IssueColumns.fromFeatures(
    readFeatures('issues.geojson') as unknown as Parameters<typeof IssueColumns.fromFeatures>[0],
  )
  const seats = readFeatures('seats.geojson').map((f) => f.geometry.coordinates)
  const location = candidates.map((c) => seats.some((s) => distanceMetres(s, c.lngLat) <= 1000))
  const conditions = pointConditions(candidates, columns, now, { radiusM: 300, recentDays: 90 })
  return { candidates, conditions, grids: gridConditions(columns, now), location }
}

const demo = demoInputs()
const args = [demo.candidates, demo.conditions, demo.grids, demo.location] as const

const constraintSets: [string, PlanConstraints][] = [
  [
    '12 points, one per township, a market and a school, 500 m apart',
    {
      size: 12,
      minPerTownship: 1,
      requiredCategories: { market: 1, school: 1 },
      minSpacingM: 500,
    },
  ],
  [
    '30 points, two per township, three categories, 300 m apart',
    {
      size: 30,
      minPerTownship: 2,
      requiredCategories: { market: 2, school: 2, 'back-lane': 2 },
      minSpacingM: 300,
    },
  ],
  [
    '20 random-pool points, 1 km apart',
    {
      size: 20,
      minPerTownship: 0,
      requiredCategories: { 'urban-village': 3 },
      minSpacingM: 1000,
      kinds: ['random'],
    },
  ],
]

function checkConstraints(ids: readonly string[], constraints: PlanConstraints) {
  const chosen = ids.map((id) => demo.candidates.find((c) => c.id === id) as CheckpointInput)
  expect(new Set(ids).size).toBe(constraints.size)
  const townships = new Set(demo.candidates.map((c) => c.townshipCode))
  for (const t of townships) {
    expect(chosen.filter((c) => c.townshipCode === t).length).toBeGreaterThanOrEqual(
      constraints.minPerTownship,
    )
  }
  for (const [category, min] of Object.entries(constraints.requiredCategories)) {
    expect(chosen.filter((c) => c.category === category).length).toBeGreaterThanOrEqual(min ?? 0)
  }
  for (const [i, a] of chosen.entries()) {
    for (const b of chosen.slice(i + 1)) {
      expect(distanceMetres(a.lngLat, b.lngLat)).toBeGreaterThanOrEqual(constraints.minSpacingM)
    }
  }
  if (constraints.kinds) for (const c of chosen) expect(constraints.kinds).toContain(c.kind)
}

describe('optimising on the demo data', () => {
  test('the demo has ten townships, so the township minimums below are real constraints', () => {
    expect(new Set(demo.candidates.map((c) => c.townshipCode)).size).toBe(10)
    expect(demo.location.filter(Boolean).length).toBeGreaterThan(0)
  })

  test.each(constraintSets)(
    '%s: constraints met, better than every random plan',
    (_, constraints) => {
      const plan = optimisePlan(...args, defaultDemoWeights, constraints)
      checkConstraints(plan.checkpointIds, constraints)
      expect(plan.summary.violations).toEqual([])
      const baseline = randomBaseline(...args, defaultDemoWeights, constraints, 200, 7)
      expect(baseline.samples).toBe(200)
      expect(plan.summary.meanScore).toBeGreaterThan(baseline.mean ?? Number.POSITIVE_INFINITY)
      expect(plan.summary.meanScore).toBeGreaterThanOrEqual(
        baseline.best ?? Number.POSITIVE_INFINITY,
      )
      expect(plan.summary.meanScore).toBeGreaterThanOrEqual(plan.search.greedyMeanScore)
    },
  )

  test('the reported summary is the plan summarised afresh', () => {
    const [, constraints] = constraintSets[0] as [string, PlanConstraints]
    const plan = optimisePlan(...args, defaultDemoWeights, constraints)
    const again = summarisePlan(plan.checkpointIds, ...args, defaultDemoWeights, constraints)
    expect(again).toEqual(plan.summary)
  })

  test('no swap can raise the score of a converged plan', () => {
    const constraints: PlanConstraints = {
      size: 8,
      minPerTownship: 0,
      requiredCategories: {},
      minSpacingM: 800,
    }
    const plan = optimisePlan(...args, defaultDemoWeights, constraints)
    expect(plan.search.converged).toBe(true)
    const score = (ids: string[]) => summarisePlan(ids, ...args, defaultDemoWeights, constraints)
    // every single swap either breaks a constraint or scores no higher
    for (const [slot] of plan.checkpointIds.entries()) {
      for (const c of demo.candidates.slice(0, 60)) {
        if (plan.checkpointIds.includes(c.id)) continue
        const ids = plan.checkpointIds.map((id, s) => (s === slot ? c.id : id))
        const swapped = score(ids)
        if (swapped.violations.length === 0) {
          expect(swapped.totalScore).toBeLessThanOrEqual(plan.summary.totalScore + 1e-9)
        }
      }
    }
  })

  test('kept points stay and count towards the constraints', () => {
    const [, constraints] = constraintSets[0] as [string, PlanConstraints]
    const keep = [demo.candidates[0]?.id ?? '', demo.candidates[300]?.id ?? '']
    const plan = optimisePlan(...args, defaultDemoWeights, constraints, keep)
    for (const id of keep) expect(plan.checkpointIds).toContain(id)
    checkConstraints(plan.checkpointIds, constraints)
  })

  test('one seed gives the same plan and baseline; another seed another baseline', () => {
    const [, constraints] = constraintSets[1] as [string, PlanConstraints]
    const first = optimisePlan(...args, defaultDemoWeights, constraints, [], { seed: 5 })
    const second = optimisePlan(...args, defaultDemoWeights, constraints, [], { seed: 5 })
    expect(second.checkpointIds).toEqual(first.checkpointIds)
    const a = randomBaseline(...args, defaultDemoWeights, constraints, 50, 11)
    expect(randomBaseline(...args, defaultDemoWeights, constraints, 50, 11)).toEqual(a)
    expect(randomBaseline(...args, defaultDemoWeights, constraints, 50, 12).mean).not.toBe(a.mean)
  })

  test('a time budget of zero still returns the greedy plan, within its constraints', () => {
    const [, constraints] = constraintSets[1] as [string, PlanConstraints]
    const plan = optimisePlan(...args, defaultDemoWeights, constraints, [], { timeBudgetMs: 0 })
    expect(plan.search.converged).toBe(false)
    expect(plan.search.swaps).toBe(0)
    checkConstraints(plan.checkpointIds, constraints)
  })
})

describe('impossible constraints on the demo data fail fast', () => {
  test.each([
    [
      'ten per township in a plan of 50',
      { size: 50, minPerTownship: 10, requiredCategories: {}, minSpacingM: 0 },
      'constraints.minPerTownship',
      '每个乡镇至少 10 个 × 10 个乡镇 = 100，超过方案规模 50：请把方案规模调到 100 以上或降低每乡镇最少数',
    ],
    [
      '100 points 10 km apart',
      { size: 100, minPerTownship: 0, requiredCategories: {}, minSpacingM: 10_000 },
      'constraints.minSpacingM',
      /^最小间距 10000 米时，按得分依次选点只选出 \d+ 个互不过近的点位，少于方案规模 100/,
    ],
    [
      'three per township 8 km apart',
      { size: 40, minPerTownship: 3, requiredCategories: {}, minSpacingM: 8000 },
      'constraints.minSpacingM',
      /^最小间距 8000 米时，按得分依次选点，乡镇“\d+”只选出 \d 个互不过近的点位，少于每乡镇最少数 3/,
    ],
    [
      'more category minimums than places',
      { size: 5, minPerTownship: 0, requiredCategories: { market: 3, school: 3 }, minSpacingM: 0 },
      'constraints.requiredCategories',
      '各类别最少数合计 6，超过方案规模 5：请把方案规模调到 6 以上或降低类别最少数',
    ],
  ] as const)('%s', (_, constraints, field, message) => {
    for (const run of [
      () => optimisePlan(...args, defaultDemoWeights, constraints),
      () => randomBaseline(...args, defaultDemoWeights, constraints, 200, 1),
    ]) {
      let error: unknown
      try {
        run()
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(PlanningInputError)
      expect((error as PlanningInputError).field).toBe(field)
      if (typeof message === 'string') expect((error as Error).message).toBe(message)
      else expect((error as Error).message).toMatch(message)
    }
  })
})
