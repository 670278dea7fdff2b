// The filter every aggregate accepts: a township (the wall's tour mode), a unit, and a window on
// 发现时间. Resolved once per call to column indexes, so the per-row test is integer compares.
import type { IssueColumns } from './issue-columns.ts'

export interface AnalyticsFilter {
  township?: string // 乡镇 9-digit code; only its issues count
  unit?: string // 责任单位 code
  reportedFrom?: Date // inclusive; only issues found at or after it count
  reportedTo?: Date // exclusive
}

/** A filter as column values; -1 means "any", an index no row holds means "none". */
export interface ResolvedFilter {
  township: number
  unit: number
  fromMs: number
  toMs: number
  /** True when nothing narrows the rows, so a pass can skip the tests. */
  all: boolean
}

const noMatch = 0x10000 // above every Uint16 index, so an unknown code matches no row

export function resolveFilter(columns: IssueColumns, filter: AnalyticsFilter = {}): ResolvedFilter {
  const township =
    filter.township === undefined ? -1 : orNone(columns.townships.indexOf(filter.township))
  const unit = filter.unit === undefined ? -1 : orNone(columns.units.indexOf(filter.unit))
  const fromMs = filter.reportedFrom ? filter.reportedFrom.getTime() : Number.NEGATIVE_INFINITY
  const toMs = filter.reportedTo ? filter.reportedTo.getTime() : Number.POSITIVE_INFINITY
  const all = township === -1 && unit === -1 && !filter.reportedFrom && !filter.reportedTo
  return { township, unit, fromMs, toMs, all }
}

/** Whether the row passes; callers test `filter.all` first to keep the common case free. */
export function matchesRow(columns: IssueColumns, row: number, filter: ResolvedFilter): boolean {
  if (filter.township !== -1 && columns.township[row] !== filter.township) return false
  if (filter.unit !== -1 && columns.unit[row] !== filter.unit) return false
  const reportedAt = columns.reportedAt[row] as number
  // an issue without a 发现时间 passes only an unbounded window
  if (filter.fromMs !== Number.NEGATIVE_INFINITY && !(reportedAt >= filter.fromMs)) return false
  if (filter.toMs !== Number.POSITIVE_INFINITY && !(reportedAt < filter.toMs)) return false
  return true
}

function orNone(index: number): number {
  return index === -1 ? noMatch : index
}
