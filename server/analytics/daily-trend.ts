// The 30-day trend of the wall: issues found and closed per calendar day (Asia/Shanghai), and the open
// backlog at the end of each day, in one pass over the columns.
//
//   found      发现时间 reportedAt within the day
//   closed     issues closed now whose closedAt falls within the day; a closure later undone by
//              重新打开 is not counted, because the columns hold current state, not history
//   openAtEnd  found by the end of the day and not closed by then, judged from current state
import { type AnalyticsFilter, matchesRow, resolveFilter } from './analytics-filter.ts'
import { increment } from './increment.ts'
import { closedStatusCode, type IssueColumns } from './issue-columns.ts'
import { shanghaiOffsetMinutes, toLocalDate, toLocalDay } from './local-day.ts'

export interface TrendDay {
  date: string // local calendar date, 2026-11-22
  found: number
  closed: number
  openAtEnd: number
}

export interface DailyTrendOptions extends AnalyticsFilter {
  days?: number // days ending with today, oldest first; @default 30
  utcOffsetMinutes?: number // the calendar's offset; @default 480 (Asia/Shanghai, no DST)
}

const dayMs = 86_400_000
const maxDays = 3660 // ten years of buckets

/** One entry per day, oldest first, the last being today (now's local date). */
export function dailyTrend(
  columns: IssueColumns,
  now: Date,
  options: DailyTrendOptions = {},
): TrendDay[] {
  const days = options.days ?? 30
  if (!Number.isInteger(days) || days < 1 || days > maxDays) {
    throw new RangeError(`days must be an integer from 1 to ${maxDays}`)
  }
  const offsetMs = (options.utcOffsetMinutes ?? shanghaiOffsetMinutes) * 60_000
  const firstDay = toLocalDay(now.getTime(), offsetMs / 60_000) - days + 1
  // bucket 0 holds everything before the window, so the backlog can start from it
  const found = new Int32Array(days + 1)
  const closed = new Int32Array(days + 1)
  countDays(columns, firstDay, offsetMs, found, closed, options)
  const trend: TrendDay[] = []
  let open = (found[0] as number) - (closed[0] as number)
  for (let d = 1; d <= days; d++) {
    const foundThatDay = found[d] as number
    const closedThatDay = closed[d] as number
    open += foundThatDay - closedThatDay
    trend.push({
      date: toLocalDate(firstDay + d - 1),
      found: foundThatDay,
      closed: closedThatDay,
      openAtEnd: open,
    })
  }
  return trend
}

// The hot loop alone in its function, so V8 optimises all of it.
function countDays(
  columns: IssueColumns,
  firstDay: number,
  offsetMs: number,
  found: Int32Array,
  closed: Int32Array,
  filterInput: AnalyticsFilter,
): void {
  const days = found.length - 1
  const filter = resolveFilter(columns, filterInput)
  const everyRow = filter.all
  const { status, reportedAt, closedAt, size } = columns
  for (let i = 0; i < size; i++) {
    if (!everyRow && !matchesRow(columns, i, filter)) continue
    // NaN (no time) fails `< days` and lands nowhere
    const f = Math.floor(((reportedAt[i] as number) + offsetMs) / dayMs) - firstDay
    if (f < days) increment(found, f < 0 ? 0 : f + 1)
    if (status[i] === closedStatusCode) {
      const c = Math.floor(((closedAt[i] as number) + offsetMs) / dayMs) - firstDay
      if (c < days) increment(closed, c < 0 ? 0 : c + 1)
    }
  }
}
