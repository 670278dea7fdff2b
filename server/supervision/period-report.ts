// The figures of a period (本周, a round, …) from the ledger's current states: what was found, closed
// and overdue, per unit and per category, with 环比 against the period before and the 红黑榜. Pure.
//
// Definitions (asOf = the end of the period, or now when the period has not ended yet):
//   found        发现: reportedAt within the period
//   closed       办结: closedAt within the period (whenever the issue was found)
//   overdue      逾期未办结: found in the period, not closed by asOf, and its deadline passed by asOf
//   closureRate  办结率 = issues found in the period and closed by asOf / found; null when none found
// Per unit (附件 进展情况表), over the issues found in the period:
//   assigned     交办 (all issues of the unit found in the period)
//   closedOnTime 按期办结: closed by asOf and closedAt ≤ deadlineAt
//   overdue      逾期: open past the deadline at asOf, or closed after it
//   rate         按期办结率 = closedOnTime / assigned
// 红黑榜: rankings() of analytics/rankings.ts by closure rate over the units' period tallies, with
// minIssues = settings.minIssuesToRank (default 3 a period): fewer issues are 样本不足, not ranked.

import type { GroupTally } from '../analytics/issue-tally.ts'
import { rankings as rankTallies } from '../analytics/rankings.ts'
import type { IssueCategory, IssueState } from '../domain/issue.ts'
import { isWithin, type Period } from '../domain/period.ts'
import type { IssueSource } from '../domain/supervision.ts'

export interface PeriodFigures {
  found: number
  closed: number
  overdue: number
  closureRate: number | null
  bySource: Partial<Record<IssueSource | 'unknown', number>>
}

export interface UnitRow {
  code: string
  assigned: number
  closed: number
  closedOnTime: number
  overdue: number
  rate: number | null // closedOnTime / assigned
  rank?: number // by rate among units with enough issues
}

export interface CategoryGroup {
  category: IssueCategory
  count: number
  units: { code: string; count: number }[] // most first
  examples: IssueState[] // the worst few: overdue longest first, then oldest open, then newest
}

export interface PeriodReport {
  period: Period
  previous: Period
  asOfMs: number
  figures: PeriodFigures
  previousFigures: PeriodFigures
  units: UnitRow[] // rank order, unranked after
  categories: CategoryGroup[] // most issues first
  red: UnitRow[] // 红榜
  black: UnitRow[] // 黑榜
  ineligible: string[] // unit codes below the minimum volume
  minIssues: number
}

const ms = (iso: string | undefined) => (iso === undefined ? Number.NaN : Date.parse(iso))

function isClosedBy(issue: IssueState, atMs: number): boolean {
  const closedAt = ms(issue.properties.closedAt)
  return issue.properties.status === 'closed' && closedAt < atMs
}

function isOverdueAt(issue: IssueState, atMs: number): boolean {
  return !isClosedBy(issue, atMs) && ms(issue.properties.deadlineAt) < atMs
}

function figuresOf(issues: readonly IssueState[], period: Period, asOfMs: number): PeriodFigures {
  let found = 0
  let closedOfFound = 0
  let closed = 0
  let overdue = 0
  const bySource: PeriodFigures['bySource'] = {}
  for (const issue of issues) {
    const p = issue.properties
    if (isWithin(ms(p.closedAt), period) && p.status === 'closed') closed++
    if (!isWithin(ms(p.reportedAt), period)) continue
    found++
    const source = p.source ?? 'unknown'
    bySource[source] = (bySource[source] ?? 0) + 1
    if (isClosedBy(issue, asOfMs)) closedOfFound++
    else if (isOverdueAt(issue, asOfMs)) overdue++
  }
  return { found, closed, overdue, closureRate: found ? closedOfFound / found : null, bySource }
}

export interface PeriodReportOptions {
  minIssues: number // a unit needs this many issues in the period to be ranked
  top: number // entries per 红榜 / 黑榜
  examplesPerCategory: number
}

export const periodReportDefaults: PeriodReportOptions = {
  minIssues: 3, // issues a unit needs in the period to be ranked
  top: 3, // units per list
  examplesPerCategory: 3, // issues named per category in 存在的问题
}

export function periodReport(
  issues: readonly IssueState[],
  period: Period,
  previous: Period,
  now: Date,
  options: Partial<PeriodReportOptions> = {},
): PeriodReport {
  const { minIssues, top, examplesPerCategory } = { ...periodReportDefaults, ...options }
  const asOfMs = Math.min(period.endMs, now.getTime())
  const found = issues.filter((i) => isWithin(ms(i.properties.reportedAt), period))

  const unitMap = new Map<string, UnitRow>()
  for (const issue of found) {
    const code = issue.properties.responsibleUnit
    const row = unitMap.get(code) ?? {
      code,
      assigned: 0,
      closed: 0,
      closedOnTime: 0,
      overdue: 0,
      rate: null,
    }
    row.assigned++
    if (isClosedBy(issue, asOfMs)) {
      row.closed++
      if (ms(issue.properties.closedAt) <= ms(issue.properties.deadlineAt)) row.closedOnTime++
      else row.overdue++
    } else if (isOverdueAt(issue, asOfMs)) row.overdue++
    unitMap.set(code, row)
  }
  for (const row of unitMap.values())
    row.rate = row.assigned ? row.closedOnTime / row.assigned : null

  // rank with the wall's rules (rankings.ts) on tallies whose closure rate is the on-time rate
  const tallies: GroupTally[] = [...unitMap.values()].map((u) => ({
    code: u.code,
    total: u.assigned,
    open: u.assigned - u.closed,
    pending: 0,
    fixing: 0,
    reviewing: 0,
    closed: u.closed,
    overdue: u.overdue,
    foundToday: 0,
    closedToday: 0,
    due: u.closed + u.overdue,
    closedOnTime: u.closedOnTime,
    closedLate: u.closed - u.closedOnTime,
    closureRate: u.rate,
    completionRate: null,
  }))
  const ranked = rankTallies(tallies, { by: 'closureRate', top, minIssues })
  // 附件 rank: every unit with enough issues, in the 红榜 order (rate ↓, assigned ↓, overdue ↑, code ↑)
  const eligible = [...unitMap.values()]
    .filter((u) => u.assigned >= minIssues)
    .sort(
      (a, b) =>
        (b.rate ?? 0) - (a.rate ?? 0) ||
        b.assigned - a.assigned ||
        a.overdue - b.overdue ||
        (a.code < b.code ? -1 : 1),
    )
  eligible.forEach((row, i) => {
    row.rank = i + 1
  })
  const units = [...unitMap.values()].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      b.assigned - a.assigned ||
      (a.code < b.code ? -1 : 1),
  )
  const rowOf = (code: string) => unitMap.get(code) as UnitRow

  const categoryMap = new Map<IssueCategory, IssueState[]>()
  for (const issue of found) {
    const list = categoryMap.get(issue.properties.category) ?? []
    list.push(issue)
    categoryMap.set(issue.properties.category, list)
  }
  const severity = (i: IssueState) =>
    isOverdueAt(i, asOfMs)
      ? asOfMs - ms(i.properties.deadlineAt)
      : isClosedBy(i, asOfMs)
        ? -Infinity
        : -1
  const categories = [...categoryMap.entries()]
    .map(([category, list]): CategoryGroup => {
      const counts = new Map<string, number>()
      for (const i of list)
        counts.set(
          i.properties.responsibleUnit,
          (counts.get(i.properties.responsibleUnit) ?? 0) + 1,
        )
      return {
        category,
        count: list.length,
        units: [...counts.entries()]
          .map(([code, count]) => ({ code, count }))
          .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
        examples: [...list]
          .sort(
            (a, b) =>
              severity(b) - severity(a) ||
              ms(a.properties.reportedAt) - ms(b.properties.reportedAt) ||
              (a.id < b.id ? -1 : 1),
          )
          .slice(0, examplesPerCategory),
      }
    })
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1))

  const previousAsOf = Math.min(previous.endMs, now.getTime())
  return {
    period,
    previous,
    asOfMs,
    figures: figuresOf(issues, period, asOfMs),
    previousFigures: figuresOf(issues, previous, previousAsOf),
    units,
    categories,
    red: ranked.red.map((e) => rowOf(e.code)),
    black: ranked.black.map((e) => rowOf(e.code)),
    ineligible: ranked.ineligible,
    minIssues,
  }
}
