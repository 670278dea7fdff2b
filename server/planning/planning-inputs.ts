// The inputs every planning computation shares: check points as plain objects, the issue counts
// around each point, and each grid's closure and overdue figures. Pure: columns and `now` in, numbers out.
import { closedStatusCode, type IssueColumns } from '../analytics/issue-columns.ts'
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import { type IssueIndex, issueIndexOf, toLocalMetres } from './issue-index.ts'
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
  const nowMs = now.getTime()
  const recentFromMs = nowMs - recentDays * dayMs
  const counts = new Int32Array(checkpoints.length * 3) // open, overdue, recent per point
  const { status, deadlineAt, reportedAt } = columns
  const count = (point: number, row: number) => {
    if (status[row] !== closedStatusCode) {
      counts[point * 3] = (counts[point * 3] as number) + 1
      if ((deadlineAt[row] as number) < nowMs)
        counts[point * 3 + 1] = (counts[point * 3 + 1] as number) + 1
    }
    const reported = reportedAt[row] as number
    if (reported >= recentFromMs && reported <= nowMs)
      counts[point * 3 + 2] = (counts[point * 3 + 2] as number) + 1
  }
  const index = issueIndexOf(columns)
  if (checkpoints.length <= queryUpTo) {
    for (const [point, c] of checkpoints.entries()) {
      for (const row of index.rowsWithin(c.lngLat[0], c.lngLat[1], radiusM)) count(point, row)
    }
  } else {
    scanRows(checkpoints, index, radiusM, count)
  }
  return checkpoints.map((_, point) => ({
    openIssues: counts[point * 3] as number,
    overdueIssues: counts[point * 3 + 1] as number,
    recentIssues: counts[point * 3 + 2] as number,
  }))
}

// With many points, one pass over the rows in storage order beats a query per point: the rows near
// the points are most of the ledger, and random access to them costs more than reading them all.
const queryUpTo = 16 // points
const maxCellsPerSide = 512

/**
 * Calls `count(point, row)` for every row within radiusM (inclusive, as KDBush's within) of a
 * point: a bucket grid over the points whose cells list every point within one cell's reach.
 */
function scanRows(
  checkpoints: readonly CheckpointInput[],
  index: IssueIndex,
  radiusM: number,
  count: (point: number, row: number) => void,
): void {
  const n = checkpoints.length
  const px = new Float64Array(n)
  const py = new Float64Array(n)
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [i, c] of checkpoints.entries()) {
    const [x, y] = toLocalMetres(c.lngLat[0], c.lngLat[1])
    px[i] = x
    py[i] = y
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  if (!Number.isFinite(minX + minY + maxX + maxY)) return
  const extent = Math.max(maxX - minX, maxY - minY)
  const cell = Math.max(radiusM, extent / maxCellsPerSide, 1)
  // one empty cell of margin each side, so a point's neighbours never fall off the grid
  const originX = minX - cell
  const originY = minY - cell
  const cols = Math.floor((maxX - originX) / cell) + 2
  const rows = Math.floor((maxY - originY) / cell) + 2
  const start = new Int32Array(cols * rows + 1)
  const forEachReach = (i: number, visit: (cellIndex: number) => void) => {
    const cx = Math.floor(((px[i] as number) - originX) / cell)
    const cy = Math.floor(((py[i] as number) - originY) / cell)
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) visit((cy + dy) * cols + cx + dx)
  }
  for (let i = 0; i < n; i++) forEachReach(i, (c) => (start[c + 1] = (start[c + 1] as number) + 1))
  for (let c = 0; c < cols * rows; c++)
    start[c + 1] = (start[c + 1] as number) + (start[c] as number)
  const fill = start.slice(0, cols * rows)
  const items = new Int32Array(n * 9)
  for (let i = 0; i < n; i++) {
    forEachReach(i, (c) => {
      items[fill[c] as number] = i
      fill[c] = (fill[c] as number) + 1
    })
  }
  const r2 = radiusM * radiusM
  const { x: xs, y: ys } = index
  for (let row = 0; row < index.size; row++) {
    const x = xs[row] as number
    const y = ys[row] as number
    const cx = Math.floor((x - originX) / cell)
    const cy = Math.floor((y - originY) / cell)
    if (cx < 0 || cy < 0 || cx >= cols || cy >= rows) continue
    const c = cy * cols + cx
    const end = start[c + 1] as number
    for (let k = start[c] as number; k < end; k++) {
      const point = items[k] as number
      const dx = x - (px[point] as number)
      const dy = y - (py[point] as number)
      if (dx * dx + dy * dy <= r2) count(point, row)
    }
  }
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
