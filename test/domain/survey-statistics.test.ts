// 问卷 statistics: Wilson intervals against published values, pooling by counts, the trend and the
// weakest groups; a golden breakdown of a two-round fixture (REGEN with vitest -u).
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { SurveyRound } from '../../server/domain/survey.ts'
import {
  pooled,
  roundBreakdown,
  surveyTrend,
  wilsonInterval,
} from '../../server/domain/survey-statistics.ts'
import { expectGolden } from '../assessment/golden.ts'

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/assessment/in/survey-rounds.json', import.meta.url), 'utf8'),
) as SurveyRound[]

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000)

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (score, no continuity correction)
  test.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i → [%f, %f] as Newcombe tabulates', (yes, n, low, high) => {
    const p = wilsonInterval(yes, n)
    expect(round4(p.low)).toBeCloseTo(low, 3)
    expect(round4(p.high)).toBeCloseTo(high, 3)
  })

  test('all yes reaches 1 exactly and stays below the rate only at the low end', () => {
    const p = wilsonInterval(30, 30)
    expect(p.high).toBe(1)
    expect(p.low).toBeLessThan(1)
    expect(p.low).toBeGreaterThan(0.88)
  })

  test('no respondents: no rate and no interval', () => {
    expect(wilsonInterval(0, 0)).toEqual({ yes: 0, n: 0, rate: null, low: null, high: null })
  })

  test('the interval narrows as the sample grows at the same rate', () => {
    const small = wilsonInterval(9, 10)
    const large = wilsonInterval(900, 1000)
    expect((large.high ?? 0) - (large.low ?? 0)).toBeLessThan((small.high ?? 0) - (small.low ?? 0))
  })
})

describe('pooling and trend', () => {
  test('strata pool by counts: every respondent weighs the same', () => {
    const figures = pooled([
      {
        township: 'A',
        group: '市民',
        sampleSize: 100,
        awareness: 90,
        support: 80,
        satisfaction: 70,
      },
      {
        township: 'B',
        group: '市民',
        sampleSize: 300,
        awareness: 210,
        support: 240,
        satisfaction: 240,
      },
    ])
    expect(figures.awareness.rate).toBe(300 / 400)
    expect(figures.support.rate).toBe(320 / 400)
    expect(figures.satisfaction.n).toBe(400)
  })

  test('the trend runs oldest first whatever order the rounds come in', () => {
    const trend = surveyTrend([...fixture].reverse())
    expect(trend.map((t) => t.conductedOn)).toEqual(['2026-05-20', '2026-10-15'])
  })
})

describe('a round broken down', () => {
  test('the weakest township is flagged clearly below only when its whole interval is', () => {
    const latest = fixture[1] as SurveyRound
    const b = roundBreakdown(latest)
    const weakest = b.weakest.satisfaction.townships[0]
    expect(weakest?.key).toBe('牛街乡')
    expect(weakest?.clearlyBelow).toBe(true)
    // a small stratum with a low rate but a wide interval is not called weak beyond noise
    const small = b.weakest.satisfaction.cells.find((r) => r.key === '庙街镇 · 学生')
    expect(small?.clearlyBelow).toBe(false)
  })

  test('golden: the two fixture rounds, trend and breakdown', () => {
    const out = {
      input: fixture,
      trend: surveyTrend(fixture),
      latest: roundBreakdown(fixture[1] as SurveyRound, 3),
    }
    expectGolden(out, new URL('../fixtures/assessment/out/survey-summary.json', import.meta.url))
  })
})
