// 台账 completion per responsible unit (单位台账完成情况), as in a progress table: of the issues that are
// due, how many were closed on time. Derived from the byUnit tallies, so it costs one pass.
//
//   due           应办结: closed, or open and past its 整改期限 (= closedOnTime + closedLate + overdue)
//   closedOnTime  按期办结: closed with closedAt ≤ deadlineAt
//   completionRate closedOnTime / due; null when nothing is due yet
// Issues still open and within their deadline are not due and count for nothing here (notDue).
import type { AnalyticsFilter } from './analytics-filter.ts'
import type { IssueColumns } from './issue-columns.ts'
import { byUnit } from './issue-tally.ts'

export interface UnitCompletion {
  code: string // 责任单位 code
  total: number
  due: number
  closedOnTime: number
  closedLate: number
  overdue: number
  notDue: number
  completionRate: number | null
}

/** One row per unit with issues, highest completion first (null last), then most due, then code. */
export function unitCompletion(
  columns: IssueColumns,
  now: Date,
  filter?: AnalyticsFilter,
): UnitCompletion[] {
  return byUnit(columns, now, filter)
    .map((t) => ({
      code: t.code,
      total: t.total,
      due: t.due,
      closedOnTime: t.closedOnTime,
      closedLate: t.closedLate,
      overdue: t.overdue,
      notDue: t.total - t.due,
      completionRate: t.completionRate,
    }))
    .sort(
      (a, b) =>
        (b.completionRate ?? -1) - (a.completionRate ?? -1) ||
        b.due - a.due ||
        (a.code < b.code ? -1 : 1),
    )
}
