import { describe, expect, test } from 'vitest'
import { toCorridorsResult, toSeatRadiusResult } from '../../../../client/features/planning/api.ts'
import { csvCell, rowsToCsv, toCsv } from '../../../../client/features/planning/csv.ts'
import { dataAsOfLabel, olderDataAsOf } from '../../../../client/features/planning/data-as-of.tsx'
import { datedFileName } from '../../../../client/features/planning/download.ts'
import {
  defaultWeights,
  factorContributions,
  weightSum,
} from '../../../../client/features/planning/factors.ts'
import {
  histogramLayout,
  niceStep,
  toBins,
  toHistogramBins,
} from '../../../../client/features/planning/histogram-layout.ts'
import { diffPlans, sidesOf, toggleId } from '../../../../client/features/planning/plan-diff.ts'
import { pairRows, summaryRows } from '../../../../client/features/planning/plan-summary.ts'
import {
  pointScore,
  pointState,
  scoreColor,
  scoreStops,
} from '../../../../client/features/planning/score-colors.ts'

describe('score colours', () => {
  test.each([
    [0, scoreStops[0]],
    [50, scoreStops[2]],
    [100, scoreStops[4]],
    [-20, scoreStops[0]],
    [140, scoreStops[4]],
    [Number.NaN, scoreStops[0]],
  ])('score %s takes the ramp stop at its end', (score, stop) => {
    expect(scoreColor(score)).toEqual(stop)
  })

  test('a score between two stops mixes them halfway', () => {
    const a = scoreStops[0] ?? [0, 0, 0, 0]
    const b = scoreStops[1] ?? [0, 0, 0, 0]
    expect(scoreColor(12.5, 100)).toEqual([
      Math.round((a[0] + b[0]) / 2),
      Math.round((a[1] + b[1]) / 2),
      Math.round((a[2] + b[2]) / 2),
      100,
    ])
  })

  test.each([
    [1, 'good'],
    [0.8, 'good'],
    [0.79, 'fair'],
    [0.6, 'fair'],
    [0.59, 'bad'],
    [0, 'bad'],
  ] as const)('a point scoring %s is %s', (s, state) => {
    expect(pointState(s)).toBe(state)
  })

  test.each([
    [0, 0, 1],
    [1, 0, 0.8],
    [1, 1, 0.5],
    [3, 2, 0],
  ])('%s open and %s overdue issues give s = %s', (open, overdue, s) => {
    expect(pointScore(open, overdue)).toBeCloseTo(s, 10)
  })
})

describe('histogram layout', () => {
  const box = { width: 200, height: 100, padding: { top: 0, right: 0, bottom: 0, left: 0 } }

  test('the tallest bar reaches the rounded-up top of the axis and bars keep their order', () => {
    const layout = histogramLayout(toBins([1, 4, 2, 0], 0, 1), { ...box, gapRatio: 0 })
    expect(layout.maxCount).toBe(4)
    expect(layout.bars.map((b) => b.height)).toEqual([25, 100, 50, 0])
    expect(layout.bars.map((b) => b.x)).toEqual([0, 50, 100, 150])
    expect(layout.bars.every((b) => b.y + b.height === 100)).toBe(true)
  })

  test('y ticks run from 0 to the top in round steps', () => {
    const layout = histogramLayout(toBins([7, 13], 0, 1), box)
    expect(layout.yTicks.map((t) => t.label)).toEqual(['0', '5', '10', '15'])
  })

  test('empty bins lay out no bars and no x ticks', () => {
    const layout = histogramLayout([], box)
    expect(layout.bars).toEqual([])
    expect(layout.xTicks).toEqual([])
  })

  test('x ticks are thinned to about five labels and always include both ends', () => {
    const layout = histogramLayout(
      toBins(new Array(20).fill(1), 0, 1),
      box,
      (x) => `${Math.round(x * 100)}%`,
    )
    expect(layout.xTicks[0]?.label).toBe('0%')
    expect(layout.xTicks.at(-1)?.label).toBe('100%')
    expect(layout.xTicks.length).toBeLessThanOrEqual(6)
  })

  test.each([
    [0, 1],
    [3, 1],
    [8, 2],
    [17, 5],
    [400, 100],
  ])('a maximum of %s gets ticks every %s', (max, step) => {
    expect(niceStep(max)).toBe(step)
  })

  test("the server's from/to bins become x0/x1 bins", () => {
    expect(toHistogramBins([{ from: 0, to: 0.05, count: 3 }])).toEqual([
      { x0: 0, x1: 0.05, count: 3 },
    ])
  })
})

describe('CSV', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-3', "'-3"],
    [-3, '-3'],
    [null, ''],
    [Number.NaN, ''],
    [true, '是'],
  ] as const)('the cell %j is written as %j', (value, written) => {
    expect(csvCell(value)).toBe(written)
  })

  test('a file starts with a BOM and ends every row with CRLF', () => {
    expect(toCsv(['名称', '得分'], [['南诏镇', 80.5]])).toBe('\uFEFF名称,得分\r\n南诏镇,80.5\r\n')
  })

  test('columns give the header and each row its values', () => {
    const csv = rowsToCsv(
      [
        { header: '编号', value: (r: { id: string; n: number }) => r.id },
        { header: '数量', value: (r: { id: string; n: number }) => r.n * 2 },
      ],
      [
        { id: 'cp-1', n: 1 },
        { id: 'cp-2', n: 5 },
      ],
    )
    expect(csv).toBe('\uFEFF编号,数量\r\ncp-1,2\r\ncp-2,10\r\n')
  })

  test('file names carry the date in Beijing time', () => {
    // 17:00 UTC on 31 March is already 1 April in Beijing
    expect(datedFileName('先整改点位', 'csv', new Date('2026-03-31T17:00:00Z'))).toBe(
      '先整改点位-20260401.csv',
    )
  })
})

describe('plan diff', () => {
  test('ids split into only A, only B and both, each in its plan order', () => {
    expect(diffPlans(['a', 'b', 'c', 'd'], ['d', 'e', 'b'])).toEqual({
      onlyA: ['a', 'c'],
      onlyB: ['e'],
      both: ['b', 'd'],
    })
  })

  test('a repeated id counts once', () => {
    expect(diffPlans(['a', 'a'], ['b', 'b'])).toEqual({ onlyA: ['a'], onlyB: ['b'], both: [] })
  })

  test('every id of either plan has exactly one side', () => {
    const sides = sidesOf(diffPlans(['a', 'b'], ['b', 'c']))
    expect(Object.fromEntries(sides)).toEqual({ a: 'onlyA', b: 'both', c: 'onlyB' })
  })

  test('toggling adds a missing id at the end and removes a present one', () => {
    expect(toggleId(['a', 'b'], 'c')).toEqual(['a', 'b', 'c'])
    expect(toggleId(['a', 'b', 'c'], 'b')).toEqual(['a', 'c'])
  })
})

describe('plan summaries', () => {
  const summary = (overrides: Partial<Parameters<typeof summaryRows>[0] & object> = {}) => ({
    size: 3,
    totalScore: 210,
    meanScore: 70,
    byTownship: { '532927101': 2, '532927102': 1 },
    byCategory: { market: 1 },
    minSpacingM: 512.4,
    violations: [],
    ...overrides,
  })

  test('rows name townships and categories in Chinese', () => {
    const rows = summaryRows(summary(), (code) => (code === '532927101' ? '南诏镇' : code))
    expect(rows.find((r) => r.key === 'township:532927101')).toMatchObject({
      label: '南诏镇',
      value: '2',
    })
    expect(rows.find((r) => r.key === 'category:market')).toMatchObject({ label: '农贸市场' })
    expect(rows.find((r) => r.key === 'minSpacingM')?.value).toBe('512')
    expect(rows.find((r) => r.key === 'violations')?.value).toBe('无')
  })

  test('side by side, a township only one plan has counts 0 on the other', () => {
    const a = summaryRows(summary({ byTownship: { x: 2 } }))
    const b = summaryRows(summary({ byTownship: { y: 1 }, meanScore: 65 }))
    const rows = pairRows(a, b)
    expect(rows.find((r) => r.key === 'township:x')).toMatchObject({ a: '2', b: '0' })
    expect(rows.find((r) => r.key === 'township:y')).toMatchObject({ a: '0', b: '1' })
    expect(rows.find((r) => r.key === 'meanScore')).toMatchObject({ a: '70', b: '65' })
  })
})

describe('weights', () => {
  test('the default weights sum to 10', () => {
    expect(weightSum(defaultWeights)).toBe(10)
  })

  test("factor contributions add up to the candidate's score", () => {
    const values = { density: 1, closure: 0.5, overdue: 0.2, category: 1, location: 0, spacing: 1 }
    const parts = factorContributions(defaultWeights, values)
    const score = (100 * (3 * 1 + 2 * 0.5 + 2 * 0.2 + 1 + 0 + 1)) / 10
    expect(Object.values(parts).reduce((s, v) => s + v, 0)).toBeCloseTo(score, 10)
    expect(parts.density).toBeCloseTo(30, 10)
  })

  test('all-zero weights contribute nothing instead of dividing by zero', () => {
    const zero = { density: 0, closure: 0, overdue: 0, category: 0, location: 0, spacing: 0 }
    const parts = factorContributions(zero, { ...zero, density: 1 })
    expect(Object.values(parts)).toEqual([0, 0, 0, 0, 0, 0])
  })
})

describe('focus answers', () => {
  const buffer = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  }
  const corridor = {
    id: 'road-532927102',
    name: '县城—庙街镇（示意道路）',
    kind: 'road' as const,
    lengthKm: 12.3,
    open: 2,
    overdue: 1,
    total: 5,
    openIssues: [],
    buffer,
  }

  test('corridor buffers become one map collection when the answer has none', () => {
    const result = toCorridorsResult([corridor], 200)
    expect(result.geojson.features).toHaveLength(1)
    expect(result.geojson.features[0]?.properties).toMatchObject({ kind: 'road' })
    expect(result.corridors[0]).not.toHaveProperty('buffer')
  })

  test('a wrapped answer keeps its own collection', () => {
    const geojson = { type: 'FeatureCollection' as const, features: [] }
    expect(toCorridorsResult({ corridors: [corridor], geojson }, 200).geojson).toBe(geojson)
  })

  test('seat radii come as a list or wrapped', () => {
    expect(toSeatRadiusResult([], 1000)).toEqual({ radiusM: 1000, townships: [] })
    expect(toSeatRadiusResult({ items: [] }, 500).radiusM).toBe(500)
  })

  test('the answers keep the time of their issue data', () => {
    const dataAsOf = '2026-11-23T01:41:00.000Z'
    expect(toSeatRadiusResult({ townships: [], dataAsOf }, 1000).dataAsOf).toBe(dataAsOf)
    expect(toCorridorsResult({ corridors: [], dataAsOf }, 200).dataAsOf).toBe(dataAsOf)
    expect(toCorridorsResult([], 200)).not.toHaveProperty('dataAsOf')
  })
})

describe('data time line', () => {
  test.each([
    ['2026-11-23T01:41:00.000Z', '问题数据截至 11月23日 09:41（每分钟更新）'],
    ['2026-11-22T16:05:59.999Z', '问题数据截至 11月23日 00:05（每分钟更新）'], // Beijing is UTC+8
    ['2026-01-01T00:00:00Z', '问题数据截至 1月1日 08:00（每分钟更新）'],
    ['not a time', undefined],
  ])('%s reads %s', (iso, label) => {
    expect(dataAsOfLabel(iso)).toBe(label)
  })

  test('a tab built from two answers is as fresh as the older one', () => {
    expect(olderDataAsOf('2026-11-23T01:42:00Z', undefined, '2026-11-23T01:41:00Z')).toBe(
      '2026-11-23T01:41:00Z',
    )
    expect(olderDataAsOf(undefined, 'bad')).toBeUndefined()
  })
})
