import { describe, expect, test } from 'vitest'
import {
  comparePlans,
  defaultDemoWeights,
  demoFactors,
  optimisePlan,
  rankCandidates,
  summarisePlan,
  validateConstraints,
  validateWeights,
} from '../../server/planning/demo-points.ts'
import { PlanningInputError } from '../../server/planning/planning-errors.ts'
import { gridConditions, pointConditions } from '../../server/planning/planning-inputs.ts'
import { fractionValue, goldenInputs, loadGolden } from '../fixtures/planning/demo-points-golden.ts'

const golden = loadGolden()
const expected = golden.expected

function setUp() {
  const inputs = goldenInputs(golden)
  const conditions = pointConditions(inputs.candidates, inputs.columns, inputs.now, {
    radiusM: 300,
    recentDays: 90,
  })
  const grids = gridConditions(inputs.columns, inputs.now)
  return { ...inputs, conditions, grids }
}

function thrown(action: () => unknown): PlanningInputError {
  try {
    action()
  } catch (error) {
    if (error instanceof PlanningInputError) return error
    throw error
  }
  throw new Error('expected a PlanningInputError')
}

describe('golden demonstration-point case', () => {
  test('grid conditions count every issue of the grid, positioned or not', () => {
    const { grids, gridCode } = setUp()
    expect(grids.size).toBe(Object.keys(expected.gridConditions).length)
    for (const [name, want] of Object.entries(expected.gridConditions)) {
      const got = grids.get(gridCode(name))
      expect(got).toBeDefined()
      expect(got?.issuesTotal).toBe(want.issuesTotal)
      expect(got?.closed).toBe(want.closed)
      expect(got?.overdue).toBe(want.overdue)
      expect(got?.closureRate).toBeCloseTo(fractionValue(want.closureRate), 12)
    }
  })

  test('point conditions count open, overdue and recent issues within 300 m', () => {
    const { candidates, conditions } = setUp()
    const byId = Object.fromEntries(candidates.map((c, i) => [c.id, conditions[i]]))
    expect(byId).toEqual(expected.pointConditions)
  })

  test('the hand-worked scores agree with 100 × Σ wᵢ·fᵢ / Σ wᵢ over the hand-worked factors', () => {
    // a check on the fixture's own arithmetic, independent of the code under test
    const wSum = demoFactors.reduce((sum, f) => sum + defaultDemoWeights[f], 0)
    for (const [id, factors] of Object.entries(expected.factorsWithNothingChosen)) {
      const sum = demoFactors.reduce(
        (s, f) => s + defaultDemoWeights[f] * fractionValue(factors[f] ?? Number.NaN),
        0,
      )
      expect((100 * sum) / wSum).toBeCloseTo(expected.scoresWithNothingChosen[id] ?? 0, 5)
    }
  })

  test('factors and scores with nothing chosen match the hand-worked values', () => {
    const { candidates, conditions, grids, location } = setUp()
    const ranked = rankCandidates(candidates, conditions, grids, location, defaultDemoWeights, [])
    expect(ranked.map((c) => c.checkpointId)).toEqual(expected.rankingWithNothingChosen)
    for (const item of ranked) {
      const want = expected.factorsWithNothingChosen[item.checkpointId] ?? {}
      for (const factor of demoFactors) {
        expect(item.factors[factor], `${item.checkpointId} ${factor}`).toBeCloseTo(
          fractionValue(want[factor] ?? Number.NaN),
          12,
        )
      }
      expect(item.score).toBeCloseTo(expected.scoresWithNothingChosen[item.checkpointId] ?? 0, 5)
      expect(item.raw.nearestChosenM).toBeNull()
    }
  })

  test('the raw values behind the factors are reported', () => {
    const { candidates, conditions, grids, location } = setUp()
    const ranked = rankCandidates(candidates, conditions, grids, location, defaultDemoWeights)
    const a = ranked.find((c) => c.checkpointId === 'cp-a')
    expect(a?.raw).toEqual({
      recentIssues: 4,
      openIssues: 3,
      overdueIssues: 2,
      gridClosureRate: 6 / 11,
      gridOverdue: 2,
      location: true,
      nearestChosenM: null,
    })
    const h = ranked.find((c) => c.checkpointId === 'cp-h')
    expect(h?.raw.gridClosureRate).toBeNull() // G4 has no issues: closure factor 0.5
  })

  test('spacing is measured to the nearest other chosen point', () => {
    const { candidates, conditions, grids, location } = setUp()
    const want = expected.withAChosen
    const ranked = rankCandidates(
      candidates,
      conditions,
      grids,
      location,
      defaultDemoWeights,
      want.chosen,
    )
    const byId = new Map(ranked.map((c) => [c.checkpointId, c]))
    for (const [id, spacing] of Object.entries(want.spacing)) {
      expect(byId.get(id)?.factors.spacing).toBeCloseTo(spacing, 6)
    }
    for (const [id, metres] of Object.entries(want.nearestChosenM)) {
      if (metres === null) expect(byId.get(id)?.raw.nearestChosenM).toBeNull()
      else expect(byId.get(id)?.raw.nearestChosenM).toBeCloseTo(metres, 3)
    }
    for (const [id, score] of Object.entries(want.scores)) {
      expect(byId.get(id)?.score).toBeCloseTo(score, 4)
    }
  })

  test('weights change the order: only category counting puts the 1.0 categories first', () => {
    const { candidates, conditions, grids, location } = setUp()
    const weights = { density: 0, closure: 0, overdue: 0, category: 1, location: 0, spacing: 0 }
    const ranked = rankCandidates(candidates, conditions, grids, location, weights)
    // market, school, hospital, park-square are 1.0 (ties by id), then main-road and station 0.8
    expect(ranked.slice(0, 6).map((c) => c.checkpointId)).toEqual([
      'cp-a',
      'cp-e',
      'cp-h',
      'cp-i',
      'cp-b',
      'cp-f',
    ])
    expect(ranked[0]?.score).toBe(100)
  })

  test.each(expected.optimise)('optimise: $why', (want) => {
    const { candidates, conditions, grids, location } = setUp()
    const plan = optimisePlan(
      candidates,
      conditions,
      grids,
      location,
      defaultDemoWeights,
      want.constraints,
    )
    expect([...plan.checkpointIds].sort()).toEqual(want.checkpointIds)
    expect(plan.summary.meanScore).toBeCloseTo(want.meanScore, 4)
    expect(plan.summary.violations).toEqual([])
  })

  test('a summary reports score, spacing, counts and each unmet constraint', () => {
    const { candidates, conditions, grids, location } = setUp()
    const want = expected.summaryOfAB
    const summary = summarisePlan(
      want.checkpointIds,
      candidates,
      conditions,
      grids,
      location,
      defaultDemoWeights,
      want.constraints,
    )
    expect(summary.size).toBe(want.size)
    expect(summary.totalScore).toBeCloseTo(want.totalScore, 4)
    expect(summary.meanScore).toBeCloseTo(want.totalScore / want.size, 4)
    expect(summary.minSpacingM).toBeCloseTo(want.minSpacingM, 3)
    expect(summary.byTownship).toEqual(want.byTownship)
    expect(summary.byCategory).toEqual({ market: 1, 'main-road': 1 })
    expect(summary.violations).toHaveLength(want.violations)
    expect(summary.violations.join('\n')).toMatch(/规模要求 3/)
    expect(summary.violations.join('\n')).toMatch(/532927102.*少于每乡镇最少数 1/)
    expect(summary.violations.join('\n')).toMatch(/示例A与示例B相距 500 米.*最小间距 600 米/)
  })

  test('a summary without constraints lists no violations; unknown ids are reported', () => {
    const { candidates, conditions, grids, location } = setUp()
    const summary = summarisePlan(
      ['cp-h', 'cp-gone'],
      candidates,
      conditions,
      grids,
      location,
      defaultDemoWeights,
    )
    expect(summary.size).toBe(1)
    expect(summary.totalScore).toBeCloseTo(80, 6)
    expect(summary.minSpacingM).toBeNull()
    expect(summary.violations).toEqual(['点位“cp-gone”已不在候选点位中'])
  })

  test('comparing two plans splits their points and summarises each with its own weights', () => {
    const { candidates, conditions, grids, location } = setUp()
    const onlyCategory = {
      density: 0,
      closure: 0,
      overdue: 0,
      category: 1,
      location: 0,
      spacing: 0,
    }
    const comparison = comparePlans(
      { checkpointIds: ['cp-a', 'cp-b'], weights: defaultDemoWeights },
      { checkpointIds: ['cp-b', 'cp-g'], weights: onlyCategory },
      candidates,
      conditions,
      grids,
      location,
    )
    expect(comparison.onlyA).toEqual(['cp-a'])
    expect(comparison.onlyB).toEqual(['cp-g'])
    expect(comparison.both).toEqual(['cp-b'])
    expect(comparison.a.totalScore).toBeCloseTo(expected.summaryOfAB.totalScore, 4)
    expect(comparison.b.totalScore).toBeCloseTo(80 + 30, 6) // main-road 0.8, urban-village 0.3
  })
})

describe('weights and constraints from requests', () => {
  test('missing weights take the defaults 3, 2, 2, 1, 1, 1', () => {
    expect(validateWeights(undefined)).toEqual({
      density: 3,
      closure: 2,
      overdue: 2,
      category: 1,
      location: 1,
      spacing: 1,
    })
    expect(validateWeights({ density: 0.5 }).density).toBe(0.5)
    expect(validateWeights({ density: 0.5 }).closure).toBe(2)
  })

  test.each([
    [{ density: 11 }, 'weights.density'],
    [{ closure: -1 }, 'weights.closure'],
    [{ spacing: '2' }, 'weights.spacing'],
    [{ overdue: Number.NaN }, 'weights.overdue'],
    [{ beauty: 1 }, 'weights.beauty'],
    [{ density: 0, closure: 0, overdue: 0, category: 0, location: 0, spacing: 0 }, 'weights'],
    [[1, 2], 'weights'],
  ])('weights %j are refused with field %s', (input, field) => {
    const error = thrown(() => validateWeights(input))
    expect(error.field).toBe(field)
    expect(error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  test('constraints fill their defaults and drop zero category minimums', () => {
    expect(validateConstraints({ size: 20, requiredCategories: { market: 2, school: 0 } })).toEqual(
      {
        size: 20,
        minPerTownship: 0,
        requiredCategories: { market: 2 },
        minSpacingM: 0,
      },
    )
    expect(validateConstraints({ kinds: ['random', 'fixed', 'random'] }).kinds).toEqual([
      'fixed',
      'random',
    ])
  })

  test.each([
    [{ size: 0 }, 'constraints.size'],
    [{ size: 101 }, 'constraints.size'],
    [{ size: 2.5 }, 'constraints.size'],
    [{ minPerTownship: 11 }, 'constraints.minPerTownship'],
    [{ minSpacingM: 10_001 }, 'constraints.minSpacingM'],
    [{ requiredCategories: { castle: 1 } }, 'constraints.requiredCategories.castle'],
    [{ requiredCategories: { market: -1 } }, 'constraints.requiredCategories.market'],
    [{ requiredCategories: [] }, 'constraints.requiredCategories'],
    [{ kinds: [] }, 'constraints.kinds'],
    [{ kinds: ['fixed', 'virtual'] }, 'constraints.kinds'],
    [{ colour: 'red' }, 'constraints.colour'],
    ['big', 'constraints'],
  ])('constraints %j are refused with field %s', (input, field) => {
    expect(thrown(() => validateConstraints(input)).field).toBe(field)
  })
})

describe('impossible constraints', () => {
  const optimise = (constraints: Parameters<typeof optimisePlan>[5], keep: string[] = []) => {
    const { candidates, conditions, grids, location } = setUp()
    return () =>
      optimisePlan(candidates, conditions, grids, location, defaultDemoWeights, constraints, keep)
  }
  const plain = { size: 3, minPerTownship: 0, requiredCategories: {}, minSpacingM: 0 }

  test('more township minimums than places names both numbers and what to change', () => {
    const error = thrown(optimise({ ...plain, minPerTownship: 2 }))
    expect(error.field).toBe('constraints.minPerTownship')
    expect(error.message).toBe(
      '每个乡镇至少 2 个 × 2 个乡镇 = 4，超过方案规模 3：请把方案规模调到 4 以上或降低每乡镇最少数',
    )
  })

  test('a category with fewer candidates than required names the category', () => {
    const error = thrown(optimise({ ...plain, requiredCategories: { hospital: 2 } }))
    expect(error.field).toBe('constraints.requiredCategories.hospital')
    expect(error.message).toMatch(/“医院”只有 1 个可选点位，少于要求的 2 个/)
  })

  test('a kind filter that leaves a required category empty says so', () => {
    const error = thrown(
      optimise({ ...plain, kinds: ['random'], requiredCategories: { hospital: 1 } }),
    )
    expect(error.message).toMatch(/所选点位类型中没有该类别/)
  })

  test('too few candidates of the chosen kinds for the size', () => {
    const error = thrown(optimise({ ...plain, size: 4, kinds: ['random'] }))
    expect(error.field).toBe('constraints.size')
    expect(error.message).toMatch(/可选点位只有 3 个，少于方案规模 4/)
  })

  test('a spacing that leaves too few points names the spacing', () => {
    // at 10 km at most two points fit (A and I, 11 km apart); greedy takes G first and stops at one
    const error = thrown(optimise({ ...plain, minSpacingM: 10_000 }))
    expect(error.field).toBe('constraints.minSpacingM')
    expect(error.message).toBe(
      '最小间距 10000 米时，按得分依次选点只选出 1 个互不过近的点位，少于方案规模 3：请把最小间距调小或减小方案规模',
    )
  })

  test('kept points closer than the spacing are refused', () => {
    const error = thrown(optimise({ ...plain, minSpacingM: 600 }, ['cp-a', 'cp-b']))
    expect(error.field).toBe('keep')
    expect(error.message).toMatch(/示例A.*示例B.*相距 500 米/)
  })

  test('unknown kept points are refused', () => {
    expect(thrown(optimise(plain, ['cp-zz'])).field).toBe('keep')
  })

  test('kept points stay in the plan even when they score low', () => {
    const plan = optimise(plain, ['cp-c'])()
    expect(plan.checkpointIds).toContain('cp-c')
    expect(plan.checkpointIds).toHaveLength(3)
  })
})
