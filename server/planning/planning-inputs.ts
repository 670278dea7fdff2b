// The inputs every planning computation shares: check points as plain objects, the issue counts
// around each point, and each grid's closure and overdue figures. Pure: columns and `now` in, numbers out.
import { closedStatusCode, type IssueColumns } from '../analytics/issue-columns.ts'
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import { issueIndexOf } from './issue-index.ts'
import { PlanningInputError } from './planning-errors.ts'

export interface CheckpointInput {
  id: string
  name: string
  kind: 'fixed' | 'random'
  category: CheckpointCategory
  townshipCode: string
  gridCode: string
  lngLat: [number, number]
}

/** Issues within radiusM of a check point. */
export interface PointCondition {
  openIssues: number // not closed
  overdueIssues: number // open and past deadlineAt at `now` (isOverdue)
  recentIssues: number // reported in the last recentDays, any status
}

export interface PointConditionOptions {
  radiusM: number // metres around each point
  recentDays: number // days before `now` that count as recent
}

const dayMs = 86_400_000

/** Per-checkpoint issue counts around each point, one index query per point. */
export function pointConditions(
  checkpoints: readonly CheckpointInput[],
  columns: IssueColumns,
  now: Date,
  options: PointConditionOptions,
): PointCondition[] {
  const { radiusM, recentDays } = options
  if (!(Number.isFinite(radiusM) && radiusM >= 0)) {
    throw new PlanningInputError('半径须为不小于 0 的数字（米）', 'radiusM')
  }
  if (!(Number.isFinite(recentDays) && recentDays >= 0)) {
    throw new PlanningInputError('近期天数须为不小于 0 的数字', 'recentDays')
  }
  const index = issueIndexOf(columns)
  const nowMs = now.getTime()
  const recentFromMs = nowMs - recentDays * dayMs
  const { status, deadlineAt, reportedAt } = columns
  return checkpoints.map((checkpoint) => {
    let openIssues = 0
    let overdueIssues = 0
    let recentIssues = 0
    for (const row of index.rowsWithin(checkpoint.lngLat[0], checkpoint.lngLat[1], radiusM)) {
      if (status[row] !== closedStatusCode) {
        openIssues++
        if ((deadlineAt[row] as number) < nowMs) overdueIssues++
      }
      const reported = reportedAt[row] as number
      if (reported >= recentFromMs && reported <= nowMs) recentIssues++
    }
    return { openIssues, overdueIssues, recentIssues }
  })
}

/** A grid's whole ledger at `now`. */
export interface GridCondition {
  issuesTotal: number
  closed: number
  overdue: number // open and past deadlineAt
  closureRate: number | null // closed / issuesTotal; null without issues
}

/** Every grid that holds issues, by gridCode: one pass over the columns. */
export function gridConditions(columns: IssueColumns, now: Date): Map<string, GridCondition> {
  const codes = columns.grids.codes
  const total = new Int32Array(codes.length)
  const closed = new Int32Array(codes.length)
  const overdue = new Int32Array(codes.length)
  const nowMs = now.getTime()
  const { status, grid, deadlineAt } = columns
  for (let row = 0; row < columns.size; row++) {
    const g = grid[row] as number
    total[g] = (total[g] as number) + 1
    if (status[row] === closedStatusCode) closed[g] = (closed[g] as number) + 1
    else if ((deadlineAt[row] as number) < nowMs) overdue[g] = (overdue[g] as number) + 1
  }
  const conditions = new Map<string, GridCondition>()
  for (const [g, code] of codes.entries()) {
    const issuesTotal = total[g] as number
    if (issuesTotal === 0) continue // a grid whose issues were all removed
    const closedCount = closed[g] as number
    conditions.set(code, {
      issuesTotal,
      closed: closedCount,
      overdue: overdue[g] as number,
      closureRate: closedCount / issuesTotal,
    })
  }
  return conditions
}
