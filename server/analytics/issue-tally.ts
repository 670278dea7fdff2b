// The wall's counts (KPIs) for the whole ledger and per township, responsible unit and grid: one pass
// over the columns into an Int32Array per call, no per-row allocation.
//
// Definitions (now = the instant of the request; "today" = now's calendar day in Asia/Shanghai):
//   total         issues found that pass the filter (with reportedFrom/To: found in that window)
//   open          not closed (待派发 + 整改中 + 待复核)
//   overdue       逾期: open and 整改期限 deadlineAt < now, as isOverdue in domain/issue.ts
//   foundToday    发现时间 reportedAt within today
//   closedToday   closed (销号) with closedAt within today; a reopened issue no longer counts
//   closureRate   办结率 = closed / total; null when total is 0
//   due           应办结: closed, or open and past its deadline (= closed + overdue)
//   closedOnTime  按期办结: closed with closedAt ≤ deadlineAt (no deadline counts as on time)
//   completionRate 台账按期办结率 = closedOnTime / due; null when nothing is due yet
import { type AnalyticsFilter, matchesRow, resolveFilter } from './analytics-filter.ts'
import { increment } from './increment.ts'
import { closedStatusCode, type IssueColumns } from './issue-columns.ts'
import { localDayStartMs, toLocalDay } from './local-day.ts'

export interface IssueTally {
  total: number
  open: number
  pending: number
  fixing: number
  reviewing: number
  closed: number
  overdue: number
  foundToday: number
  closedToday: number
  due: number
  closedOnTime: number
  closedLate: number
  closureRate: number | null
  completionRate: number | null
}

/** A tally of one township, unit or grid, named by its code. */
export interface GroupTally extends IssueTally {
  code: string
}

/** The wall's headline figures: open, overdue, closed today, closure rate, and the rest of the tally. */
export function kpis(columns: IssueColumns, now: Date, filter?: AnalyticsFilter): IssueTally {
  return toTally(countRows(columns, undefined, 1, now, filter), 0)
}

/** One tally per township that has issues passing the filter, by code. */
export function byTownship(
  columns: IssueColumns,
  now: Date,
  filter?: AnalyticsFilter,
): GroupTally[] {
  return groupTallies(columns.township, columns.townships.codes, columns, now, filter)
}

/** One tally per responsible unit (责任单位) that has issues passing the filter, by code. */
export function byUnit(columns: IssueColumns, now: Date, filter?: AnalyticsFilter): GroupTally[] {
  return groupTallies(columns.unit, columns.units.codes, columns, now, filter)
}

/** One tally per grid that has issues passing the filter, by code (the choropleth reads `open`). */
export function byGrid(columns: IssueColumns, now: Date, filter?: AnalyticsFilter): GroupTally[] {
  return groupTallies(columns.grid, columns.grids.codes, columns, now, filter)
}

// ---- the pass -------------------------------------------------------------------------------

// counters per group, interleaved so one group's counters share a cache line
const total = 0
const byStatus = 1 // + status code: pending, fixing, reviewing, closed
const overdue = 5
const foundToday = 6
const closedToday = 7
const closedOnTime = 8
const metrics = 9

const dayMs = 86_400_000

function countRows(
  columns: IssueColumns,
  keys: Uint16Array | Uint32Array | undefined,
  groups: number,
  now: Date,
  filterInput: AnalyticsFilter | undefined,
): Int32Array {
  const counts = new Int32Array(groups * metrics)
  const filter = resolveFilter(columns, filterInput)
  const nowMs = now.getTime()
  const todayStart = localDayStartMs(toLocalDay(nowMs))
  const todayEnd = todayStart + dayMs
  const { status, reportedAt, deadlineAt, closedAt, size } = columns
  const everyRow = filter.all
  for (let i = 0; i < size; i++) {
    if (!everyRow && !matchesRow(columns, i, filter)) continue
    const base = keys === undefined ? 0 : (keys[i] as number) * metrics
    const s = status[i] as number
    increment(counts, base + total)
    increment(counts, base + byStatus + s)
    const reported = reportedAt[i] as number
    if (reported >= todayStart && reported < todayEnd) increment(counts, base + foundToday)
    if (s === closedStatusCode) {
      const closed = closedAt[i] as number
      if (closed >= todayStart && closed < todayEnd) increment(counts, base + closedToday)
      if (!(closed > (deadlineAt[i] as number))) increment(counts, base + closedOnTime)
    } else if ((deadlineAt[i] as number) < nowMs) {
      increment(counts, base + overdue)
    }
  }
  return counts
}

function groupTallies(
  keys: Uint16Array | Uint32Array,
  codes: readonly string[],
  columns: IssueColumns,
  now: Date,
  filter: AnalyticsFilter | undefined,
): GroupTally[] {
  const groups = codes.length
  const counts = countRows(columns, keys, groups, now, filter)
  const tallies: GroupTally[] = []
  for (let g = 0; g < groups; g++) {
    if (counts[g * metrics + total] === 0) continue
    tallies.push({ code: codes[g] as string, ...toTally(counts, g) })
  }
  return tallies.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
}

function toTally(counts: Int32Array, group: number): IssueTally {
  const at = (metric: number) => counts[group * metrics + metric] as number
  const closed = at(byStatus + closedStatusCode)
  const all = at(total)
  const late = closed - at(closedOnTime)
  const due = closed + at(overdue)
  return {
    total: all,
    open: all - closed,
    pending: at(byStatus + 0),
    fixing: at(byStatus + 1),
    reviewing: at(byStatus + 2),
    closed,
    overdue: at(overdue),
    foundToday: at(foundToday),
    closedToday: at(closedToday),
    due,
    closedOnTime: at(closedOnTime),
    closedLate: late,
    closureRate: all === 0 ? null : closed / all,
    completionRate: due === 0 ? null : at(closedOnTime) / due,
  }
}
