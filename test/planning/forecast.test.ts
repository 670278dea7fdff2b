import { describe, expect, test } from 'vitest'
import type { CheckpointCategory } from '../../server/domain/checkpoint.ts'
import {
  type ForecastInput,
  type ForecastOptions,
  fieldInspectionPoints,
  forecast,
} from '../../server/planning/forecast.ts'
import { PlanningInputError } from '../../server/planning/planning-errors.ts'
import type { CheckpointInput, PointCondition } from '../../server/planning/planning-inputs.ts'

const townshipA = '532927101'
const townshipB = '532927102'
const townshipC = '532927103'

let sequence = 0
function buildPoint(overrides: Partial<CheckpointInput> = {}): CheckpointInput {
  sequence++
  return {
    id: `cp-${String(sequence).padStart(4, '0')}`,
    name: '点位（示例）',
    kind: 'random',
    category: 'back-lane',
    townshipCode: townshipA,
    gridCode: '532927101001001',
    lngLat: [100.306, 25.23],
    ...overrides,
  }
}

function condition(openIssues: number, overdueIssues = 0): PointCondition {
  return { openIssues, overdueIssues, recentIssues: openIssues }
}

interface PointSpec {
  kind: 'fixed' | 'random'
  township?: string
  category?: CheckpointCategory
  open?: number
  overdue?: number
}

/** Forecast input from point specs; fixed points default to 'market', random to 'back-lane'. */
function buildInput(points: PointSpec[]): ForecastInput {
  const built = points.map((p) => ({
    point: buildPoint({
      kind: p.kind,
      townshipCode: p.township ?? townshipA,
      category: p.category ?? (p.kind === 'fixed' ? 'market' : 'back-lane'),
    }),
    condition: condition(p.open ?? 0, p.overdue ?? 0),
  }))
  const fixed = built.filter((b) => b.point.kind === 'fixed')
  const pool = built.filter((b) => b.point.kind === 'random')
  return {
    fixed: fixed.map((b) => b.point),
    fixedConditions: fixed.map((b) => b.condition),
    pool: pool.map((b) => b.point),
    poolConditions: pool.map((b) => b.condition),
    townships: [
      { code: townshipA, name: '南诏镇' },
      { code: townshipB, name: '庙街镇' },
      { code: townshipC, name: '大仓镇' },
    ],
  }
}

const clean = (kind: 'fixed' | 'random', township = townshipA, n = 1): PointSpec[] =>
  Array.from({ length: n }, () => ({ kind, township }))

describe('forecast on points whose answers are known', () => {
  test('all points clean: 46.3 expected with no spread', () => {
    const input = buildInput([...clean('fixed', townshipA, 3), ...clean('random', townshipA, 6)])
    const { county } = forecast(input, { seed: 1, draws: 200 })
    expect(county).toMatchObject({
      expected: fieldInspectionPoints,
      low: fieldInspectionPoints,
      high: fieldInspectionPoints,
      fixedMean: 1,
      randomMean: 1,
      fixedPoints: 3,
      fixedFailing: 0,
      randomPoints: 6,
      fixedLoss: 0,
      randomLoss: 0,
    })
  })

  test.each([
    [0.5, 46.3 * (0.5 * 0.95 + 0.5)],
    [0.8, 46.3 * (0.8 * 0.95 + 0.2)],
    [1, 46.3 * 0.95],
    [0, 46.3],
  ])(
    'one fixed point of four with an open issue at fixedShare %f loses exactly its share',
    (fixedShare, want) => {
      // s = 0.8 for the failing point, so the fixed mean is (3 + 0.8) / 4 = 0.95
      const input = buildInput([
        ...clean('fixed', townshipA, 3),
        { kind: 'fixed', open: 1 },
        ...clean('random', townshipA, 4),
      ])
      const { county } = forecast(input, { seed: 3, draws: 100, fixedShare })
      expect(county.expected).toBeCloseTo(want, 10)
      expect(county.low).toBeCloseTo(want, 10)
      expect(county.high).toBeCloseTo(want, 10)
      expect(county.fixedMean).toBeCloseTo(0.95, 12)
      expect(county.fixedFailing).toBe(1)
      expect(county.fixedLoss).toBeCloseTo(46.3 * fixedShare * 0.05, 10)
    },
  )

  test('a random pool of one clean and one hopeless point gives p5 and p95 at the two extremes', () => {
    // one back-lane point per draw: s = 1 or s = 0 with equal chance
    const input = buildInput([
      ...clean('fixed', townshipA, 2),
      { kind: 'random' },
      { kind: 'random', open: 5 },
    ])
    const { county } = forecast(input, {
      seed: 11,
      draws: 2000,
      perCategory: { 'back-lane': 1 },
    })
    expect(county.low).toBeCloseTo(46.3 * 0.5, 10)
    expect(county.high).toBeCloseTo(46.3, 10)
    expect(Math.abs((county.randomMean ?? 0) - 0.5)).toBeLessThan(0.04)
    expect(county.expected).toBeCloseTo(46.3 * (0.5 + 0.5 * (county.randomMean ?? 0)), 10)
  })
})

describe('forecast per township', () => {
  const input = buildInput([
    ...clean('fixed', townshipA, 2),
    { kind: 'fixed', township: townshipA, open: 1, overdue: 1 }, // s = 0.5
    ...clean('random', townshipA, 4),
    { kind: 'fixed', township: townshipB, open: 2 }, // s = 0.6, B's only point
  ])
  const result = forecast(input, { seed: 5, draws: 300 })
  const byCode = new Map(result.townships.map((t) => [t.code, t]))

  test('a township uses only its own fixed points and pool', () => {
    const a = byCode.get(townshipA)
    expect(a?.fixedPoints).toBe(3)
    expect(a?.fixedFailing).toBe(1)
    expect(a?.randomPoints).toBe(4)
    expect(a?.fixedMean).toBeCloseTo(2.5 / 3, 12)
    expect(a?.expected).toBeCloseTo(46.3 * (0.5 * (2.5 / 3) + 0.5), 10)
    expect(a?.note).toBeUndefined()
  })

  test('a township without random points omits the random part and says so', () => {
    const b = byCode.get(townshipB)
    expect(b).toMatchObject({ fixedPoints: 1, randomPoints: 0, randomMean: null, randomLoss: 0 })
    expect(b?.expected).toBeCloseTo(46.3 * 0.6, 10)
    expect(b?.low).toBe(b?.expected)
    expect(b?.high).toBe(b?.expected)
    expect(b?.note).toMatch(/没有可抽取的随机点位/)
  })

  test('a township with no points at all says it cannot be forecast', () => {
    const c = byCode.get(townshipC)
    expect(c).toMatchObject({ expected: 0, fixedMean: null, randomMean: null })
    expect(c?.note).toMatch(/无法预测/)
  })

  test('the county takes every township together', () => {
    expect(result.county.fixedPoints).toBe(4)
    expect(result.county.fixedMean).toBeCloseTo((2 + 0.5 + 0.6) / 4, 12)
  })
})

describe('forecast model and assumptions', () => {
  const input = buildInput([...clean('fixed'), ...clean('random', townshipA, 3)])

  test('states the 46.3 points, the share, the radius, the score formula and that data are 示意', () => {
    const result = forecast(input, { seed: 1, draws: 10, fixedShare: 0.7, radiusM: 250 })
    const text = result.assumptions.join('\n')
    for (const phrase of ['46.3', '70%', '30%', '250 米', 's = max(0, 1 − 0.2', '0.3', '示意']) {
      expect(text).toContain(phrase)
    }
    expect(result.model).toMatchObject({
      fieldPoints: 46.3,
      fixedShare: 0.7,
      randomShare: expect.closeTo(0.3, 12),
      radiusM: 250,
      seed: 1,
      draws: 10,
    })
  })

  test('the same seed gives the same forecast', () => {
    const noisy = buildInput([
      ...clean('fixed'),
      ...Array.from({ length: 10 }, (_, i): PointSpec => ({ kind: 'random', open: i % 4 })),
    ])
    const options: ForecastOptions = { seed: 77, draws: 100 }
    expect(forecast(noisy, options)).toEqual(forecast(noisy, options))
  })

  test.each([
    [{ seed: 1, fixedShare: 2 }, 'fixedShare'],
    [{ seed: 1, fixedShare: -0.1 }, 'fixedShare'],
    [{ seed: 1, fixedShare: Number.NaN }, 'fixedShare'],
    [{ seed: 1, draws: 0 }, 'draws'],
    [{ seed: -3 }, 'seed'],
  ] as [ForecastOptions, string][])('%o is refused on field %s', (options, field) => {
    const call = () => forecast(input, options)
    expect(call).toThrow(PlanningInputError)
    expect(call).toThrow(expect.objectContaining({ field }))
  })
})
