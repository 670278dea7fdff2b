import { describe, expect, test } from 'vitest'
import type { AnalyticsFilter } from '../../server/analytics/analytics-filter.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import {
  byGrid,
  byTownship,
  byUnit,
  type IssueTally,
  kpis,
} from '../../server/analytics/issue-tally.ts'
import { type IssueProperties, isOverdue } from '../../server/domain/issue.ts'
import { mulberry32 } from '../builders.ts'
import { fixtureIssues, now, t1, t2 } from './fixture-ledger.ts'
import { randomIssue, townshipCodes, unitCodes } from './random-issues.ts'

const empty: IssueTally = {
  total: 0,
  open: 0,
  pending: 0,
  fixing: 0,
  reviewing: 0,
  closed: 0,
  overdue: 0,
  foundToday: 0,
  closedToday: 0,
  due: 0,
  closedOnTime: 0,
  closedLate: 0,
  closureRate: null,
  completionRate: null,
}
const tally = (t: Partial<IssueTally>): IssueTally => ({ ...empty, ...t })

describe('kpis', () => {
  test('count the hand-made ledger as worked out by hand', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    expect(kpis(columns, now)).toEqual(
      tally({
        total: 8,
        open: 4, // a b c g
        pending: 1,
        fixing: 2,
        reviewing: 1,
        closed: 4, // d e f h
        overdue: 2, // b g; c's deadline is exactly now
        foundToday: 2, // a, and g at 00:00 Beijing
        closedToday: 1, // e at 00:30 Beijing; f at 23:59 the day before
        due: 6,
        closedOnTime: 3, // d f, and h exactly at its deadline
        closedLate: 1, // e
        closureRate: 0.5,
        completionRate: 0.5,
      }),
    )
  })

  const filters: { name: string; filter: AnalyticsFilter; total: number; closed: number }[] = [
    { name: 'a township', filter: { township: t2 }, total: 3, closed: 2 },
    { name: 'a unit', filter: { unit: 'urban-management' }, total: 4, closed: 2 },
    {
      name: 'a township and a unit',
      filter: { township: t1, unit: 'urban-management' },
      total: 3,
      closed: 1,
    },
    {
      name: 'found from a date',
      filter: { reportedFrom: new Date('2026-11-19T00:00:00Z') },
      total: 5,
      closed: 2,
    },
    {
      name: 'found before a date',
      filter: { reportedTo: new Date('2026-11-19T00:00:00Z') },
      total: 3,
      closed: 2,
    },
    { name: 'an unknown township', filter: { township: '532927999' }, total: 0, closed: 0 },
    { name: 'an unknown unit', filter: { unit: 'nobody' }, total: 0, closed: 0 },
  ]
  test.each(filters)('narrow to $name', ({ filter, total, closed }) => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const k = kpis(columns, now, filter)
    expect([k.total, k.closed]).toEqual([total, closed])
    expect(k.closureRate).toBe(total === 0 ? null : closed / total)
  })

  test('of an empty ledger are zeros with no rates', () => {
    expect(kpis(new IssueColumns(), now)).toEqual(empty)
  })

  test('agree with isOverdue and a per-issue count on random ledgers', () => {
    const random = mulberry32(7)
    const nowMs = now.getTime()
    const features = Array.from({ length: 500 }, (_, i) => randomIssue(random, `r-${i}`, nowMs))
    const columns = IssueColumns.fromFeatures(features)
    for (const township of [undefined, ...townshipCodes]) {
      const issues = features
        .map((f) => f.properties as unknown as IssueProperties)
        .filter((p) => township === undefined || p.townshipCode === township)
      const k = kpis(columns, now, { township })
      expect(k.total).toBe(issues.length)
      expect(k.overdue).toBe(issues.filter((p) => isOverdue(p, now)).length)
      expect(k.open).toBe(issues.filter((p) => p.status !== 'closed').length)
      expect(k.closedOnTime).toBe(
        issues.filter((p) => p.closedAt && Date.parse(p.closedAt) <= Date.parse(p.deadlineAt))
          .length,
      )
      expect(k.due).toBe(k.closedOnTime + k.closedLate + k.overdue)
    }
  })
})

describe('byTownship, byUnit and byGrid', () => {
  test('byTownship gives each township its own tally, by code', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    expect(byTownship(columns, now)).toEqual([
      {
        code: t1,
        ...tally({
          total: 5, // a b c d e
          open: 3,
          pending: 1,
          fixing: 1,
          reviewing: 1,
          closed: 2,
          overdue: 1,
          foundToday: 1,
          closedToday: 1,
          due: 3,
          closedOnTime: 1,
          closedLate: 1,
          closureRate: 0.4,
          completionRate: 1 / 3,
        }),
      },
      {
        code: t2,
        ...tally({
          total: 3, // f g h
          open: 1,
          fixing: 1,
          closed: 2,
          overdue: 1,
          foundToday: 1,
          due: 3,
          closedOnTime: 2,
          closureRate: 2 / 3,
          completionRate: 2 / 3,
        }),
      },
    ])
  })

  test('byUnit gives each responsible unit its own tally, by code', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const rows = byUnit(columns, now).map((t) => [
      t.code,
      t.total,
      t.open,
      t.overdue,
      t.due,
      t.closedOnTime,
    ])
    expect(rows).toEqual([
      ['township-532927102', 2, 1, 1, 2, 1], // f g
      ['traffic-police', 2, 1, 0, 1, 1], // c d
      ['urban-management', 4, 2, 1, 3, 1], // a b e h
    ])
  })

  test('byGrid counts the open issues of each grid for the choropleth', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const rows = byGrid(columns, now).map((t) => [t.code, t.total, t.open, t.overdue])
    expect(rows).toEqual([
      ['532927101001001', 3, 2, 1], // a b e
      ['532927101001002', 2, 1, 0], // c d
      ['532927102001001', 3, 1, 1], // f g h
    ])
  })

  test('leave out groups with no issue passing the filter', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    expect(byTownship(columns, now, { township: t2 }).map((t) => t.code)).toEqual([t2])
    expect(byUnit(columns, now, { township: t2 }).map((t) => t.code)).toEqual([
      'township-532927102',
      'urban-management',
    ])
  })

  test.each([
    ['byTownship', byTownship],
    ['byUnit', byUnit],
    ['byGrid', byGrid],
  ] as const)('%s tallies sum to the kpis, field by field, on random ledgers', (_, group) => {
    const random = mulberry32(11)
    const nowMs = now.getTime()
    const features = Array.from({ length: 400 }, (_, i) => randomIssue(random, `r-${i}`, nowMs))
    const columns = IssueColumns.fromFeatures(features)
    for (const filter of [{}, { township: townshipCodes[1] }, { unit: unitCodes[0] }]) {
      const sum = { ...empty }
      for (const t of group(columns, now, filter)) {
        for (const key of Object.keys(empty) as (keyof IssueTally)[]) {
          if (key !== 'closureRate' && key !== 'completionRate') sum[key] += t[key]
        }
      }
      const k = kpis(columns, now, filter)
      expect(sum).toEqual({ ...k, closureRate: null, completionRate: null })
    }
  })
})
