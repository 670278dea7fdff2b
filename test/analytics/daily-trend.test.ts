import { describe, expect, test } from 'vitest'
import { dailyTrend } from '../../server/analytics/daily-trend.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { kpis } from '../../server/analytics/issue-tally.ts'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { buildIssue, mulberry32 } from '../builders.ts'
import { fixtureIssues, now, t2 } from './fixture-ledger.ts'
import { randomIssue } from './random-issues.ts'

describe('dailyTrend', () => {
  test('counts found and closed per Beijing calendar day on the hand-made ledger', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    // before the window: found b c d h, closed d h → 2 open at the start
    expect(dailyTrend(columns, now, { days: 3 })).toEqual([
      { date: '2026-11-20', found: 1, closed: 0, openAtEnd: 3 }, // found e
      { date: '2026-11-21', found: 1, closed: 1, openAtEnd: 3 }, // f found and closed by 23:59
      { date: '2026-11-22', found: 2, closed: 1, openAtEnd: 4 }, // a g found, e closed at 00:30
    ])
  })

  test('puts an issue found at 2026-11-21T16:30Z on 11-22, and one at 15:59Z on 11-21', () => {
    const columns = IssueColumns.fromFeatures([
      buildIssue({ properties: { reportedAt: '2026-11-21T16:30:00Z' } }),
      buildIssue({ properties: { reportedAt: '2026-11-21T15:59:59Z' } }),
    ])
    const trend = dailyTrend(columns, now, { days: 2 })
    expect(trend.map((d) => [d.date, d.found])).toEqual([
      ['2026-11-21', 1],
      ['2026-11-22', 1],
    ])
  })

  test('ends on the local date of now even while it is still the day before in UTC', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const lateEvening = new Date('2026-11-21T16:05:00Z') // 00:05 on 11-22 in Beijing
    expect(dailyTrend(columns, lateEvening, { days: 1 })[0]?.date).toBe('2026-11-22')
  })

  test('follows another calendar with utcOffsetMinutes', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const utc = dailyTrend(columns, now, { days: 3, utcOffsetMinutes: 0 })
    expect(utc.map((d) => [d.date, d.found, d.closed])).toEqual([
      ['2026-11-20', 1, 0], // e
      ['2026-11-21', 2, 2], // f g found; e f closed
      ['2026-11-22', 1, 0], // a
    ])
  })

  test('narrows to a township', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const trend = dailyTrend(columns, now, { days: 3, township: t2 })
    expect(trend.map((d) => [d.found, d.closed, d.openAtEnd])).toEqual([
      [0, 0, 0],
      [1, 1, 0], // f
      [1, 0, 1], // g
    ])
  })

  test('gives 30 days by default, and the last backlog is the open count', () => {
    const random = mulberry32(5)
    const nowMs = now.getTime()
    const features = Array.from({ length: 300 }, (_, i) => randomIssue(random, `r-${i}`, nowMs))
    const columns = IssueColumns.fromFeatures(features)
    const trend = dailyTrend(columns, now)
    expect(trend).toHaveLength(30)
    expect(trend[0]?.date).toBe('2026-10-24')
    expect(trend.at(-1)?.openAtEnd).toBe(kpis(columns, now).open)
    const since = Date.parse('2026-10-23T16:00:00Z') // 2026-10-24 00:00 in Beijing
    const foundInWindow = features.filter(
      (f) => Date.parse((f.properties as unknown as IssueProperties).reportedAt) >= since,
    ).length
    expect(trend.reduce((n, d) => n + d.found, 0)).toBe(foundInWindow)
  })

  test.each([0, -1, 1.5, 10_000])('refuses days = %s', (days) => {
    expect(() => dailyTrend(new IssueColumns(), now, { days })).toThrow(RangeError)
  })
})
