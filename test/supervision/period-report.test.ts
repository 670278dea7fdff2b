// The figures of a period from a fixed small ledger: counts, 环比, the per-unit table and the 红黑榜
// with its minimum volume, and the week boundary (Sunday 23:30 vs Monday 00:00 Beijing).
import { expect, test } from 'vitest'
import { previousPeriod, resolvePeriod } from '../../server/domain/period.ts'
import { periodReport } from '../../server/supervision/period-report.ts'
import { fixtureIssues, week, weekNow } from './fixture-ledger.ts'

const period = resolvePeriod({ kind: 'last-week' }, weekNow)
const report = periodReport(fixtureIssues(), period, previousPeriod(period), weekNow)

test('上周 at Monday 10:00 Beijing is 11-16 … 11-22', () => {
  expect([period.from, period.to]).toEqual([week.from, week.to])
})

test('found, closed, overdue and closure rate; an issue found Sunday 23:30 counts, Monday 00:00 does not', () => {
  expect(report.figures).toMatchObject({ found: 10, closed: 6, overdue: 3 })
  expect(report.figures.closureRate).toBeCloseTo(0.6)
  expect(report.figures.bySource).toEqual({
    'inspection-team': 8,
    undercover: 1,
    'public-report': 1,
  })
  expect(report.previousFigures).toMatchObject({ found: 4, closed: 2 })
})

test('the unit table: assigned, on time, overdue, rate, and ranks only for units with ≥ 3 issues', () => {
  const rows = report.units.map((u) => [u.code, u.assigned, u.closedOnTime, u.overdue, u.rank])
  expect(rows).toEqual([
    ['urban-management', 4, 3, 0, 1],
    ['market-regulation', 3, 1, 2, 2],
    ['housing', 2, 2, 0, undefined],
    ['traffic-police', 1, 0, 1, undefined],
  ])
  expect(report.ineligible).toEqual(['housing', 'traffic-police'])
})

test('红黑榜 follow the wall rules: disjoint, at most half the ranked units each', () => {
  expect(report.red.map((u) => u.code)).toEqual(['urban-management'])
  expect(report.black.map((u) => u.code)).toEqual(['market-regulation'])
})

test('categories: most issues first, the worst (longest overdue) example first', () => {
  expect(report.categories.map((c) => [c.category, c.count])).toEqual([
    ['street-vending', 5],
    ['exposed-garbage', 2],
    ['graffiti', 2],
    ['illegal-parking', 1],
  ])
  const garbage = report.categories.find((c) => c.category === 'exposed-garbage')
  expect(garbage?.examples[0]?.properties.description).toBe('菜市场后门垃圾堆积未清运')
})
