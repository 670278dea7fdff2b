import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { unitCompletion } from '../../server/analytics/unit-completion.ts'
import { buildIssue, mulberry32 } from '../builders.ts'
import { fixtureIssues, now } from './fixture-ledger.ts'
import { randomIssue } from './random-issues.ts'

describe('unitCompletion', () => {
  test('gives each unit its due and on-time counts, best completion first', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    expect(unitCompletion(columns, now)).toEqual([
      // c is open but not yet due; d closed on time
      {
        code: 'traffic-police',
        total: 2,
        due: 1,
        closedOnTime: 1,
        closedLate: 0,
        overdue: 0,
        notDue: 1,
        completionRate: 1,
      },
      // f on time, g overdue
      {
        code: 'township-532927102',
        total: 2,
        due: 2,
        closedOnTime: 1,
        closedLate: 0,
        overdue: 1,
        notDue: 0,
        completionRate: 0.5,
      },
      // h on time, e late, b overdue, a not due
      {
        code: 'urban-management',
        total: 4,
        due: 3,
        closedOnTime: 1,
        closedLate: 1,
        overdue: 1,
        notDue: 1,
        completionRate: 1 / 3,
      },
    ])
  })

  test('a unit with nothing due yet has no rate and comes last', () => {
    const columns = IssueColumns.fromFeatures([
      ...fixtureIssues(),
      buildIssue({ properties: { responsibleUnit: 'health', deadlineAt: '2026-11-30T00:00:00Z' } }),
    ])
    const rows = unitCompletion(columns, now)
    expect(rows.at(-1)).toMatchObject({ code: 'health', due: 0, notDue: 1, completionRate: null })
  })

  test('due splits into on time, late and overdue, and with not due makes the total', () => {
    const random = mulberry32(21)
    const nowMs = now.getTime()
    const features = Array.from({ length: 300 }, (_, i) => randomIssue(random, `r-${i}`, nowMs))
    for (const row of unitCompletion(IssueColumns.fromFeatures(features), now)) {
      expect(row.closedOnTime + row.closedLate + row.overdue).toBe(row.due)
      expect(row.due + row.notDue).toBe(row.total)
    }
  })
})
