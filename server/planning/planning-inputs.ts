// The inputs every planning computation shares: check points as plain objects, the issue counts
// around each point, and each grid's closure and overdue figures. Pure: columns and `now` in, numbers out.
import { closedStatusCode, type IssueColumns } from '../analytics/issue-columns.ts'
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import { issueIndexOf, toLocalMetres } from './issue-index.ts'
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

/**
 * Per-checkpoint issue counts around each point (inclusive radius, as KDBush's within). Reads a
 * copy of the columns sorted into 100 m cells, built once per ledger version: the rows near a point
 * are then contiguous in memory, and a cell wholly inside the circle needs no distance checks.
 */
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
  const cells = cellLayoutOf(columns)
  const { start, x, y, status, deadlineAt, reportedAt, cellM, originX, originY, cols, rows } = cells
  const r2 = radiusM * radiusM
  return checkpoints.map((checkpoint) => {
    let openIssues = 0
    let overdueIssues = 0
    let recentIssues = 0
    const [px, py] = toLocalMetres(checkpoint.lngLat[0], checkpoint.lngLat[1])
    const cx0 = Math.max(0, Math.floor((px - radiusM - originX) / cellM))
    const cy0 = Math.max(0, Math.floor((py - radiusM - originY) / cellM))
    const cx1 = Math.min(cols - 1, Math.floor((px + radiusM - originX) / cellM))
    const cy1 = Math.min(rows - 1, Math.floor((py + radiusM - originY) / cellM))
    for (let cy = cy0; cy <= cy1; cy++) {
      const south = originY + cy * cellM
      const farY = Math.max(Math.abs(py - south), Math.abs(py - south - cellM))
      for (let cx = cx0; cx <= cx1; cx++) {
        const west = originX + cx * cellM
        const farX = Math.max(Math.abs(px - west), Math.abs(px - west - cellM))
        const inside = farX * farX + farY * farY <= r2 // every point of the cell is within reach
        const c = cy * cols + cx
        const end = start[c + 1] as number
        for (let k = start[c] as number; k < end; k++) {
          if (!inside) {
            const dx = (x[k] as number) - px
            const dy = (y[k] as number) - py
            if (dx * dx + dy * dy > r2) continue
          }
          if (status[k] !== closedStatusCode) {
            openIssues++
            if ((deadlineAt[k] as number) < nowMs) overdueIssues++
          }
          const reported = reportedAt[k] as number
          if (reported >= recentFromMs && reported <= nowMs) recentIssues++
        }
      }
    }
    return { openIssues, overdueIssues, recentIssues }
  })
}

/** The positioned rows' fields that pointConditions reads, copied in cell order (CSR). */
interface CellLayout {
  version: number
  size: number
  cellM: number // metres per square cell
  originX: number // local metres of the grid's south-west corner
  originY: number
  cols: number
  rows: number
  start: Int32Array // rows of cell c are [start[c], start[c + 1])
  x: Float64Array
  y: Float64Array
  status: Uint8Array
  deadlineAt: Float64Array
  reportedAt: Float64Array
}

const baseCellM = 100 // metres; coarser only when the ledger spans more than maxCellsPerSide cells
const maxCellsPerSide = 2048
const layouts = new WeakMap<IssueColumns, CellLayout>()

function cellLayoutOf(columns: IssueColumns): CellLayout {
  const cached = layouts.get(columns)
  if (cached && cached.version === columns.version && cached.size === columns.size) return cached
  const index = issueIndexOf(columns) // its x and y: the rows already in local metres
  const { x: ix, y: iy } = index
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  let n = 0
  for (let row = 0; row < index.size; row++) {
    const rx = ix[row] as number
    const ry = iy[row] as number
    if (rx > 1e9 || ry > 1e9) continue // no position: the index puts it far away
    n++
    if (rx < minX) minX = rx
    if (ry < minY) minY = ry
    if (rx > maxX) maxX = rx
    if (ry > maxY) maxY = ry
  }
  const span = n > 0 ? Math.max(maxX - minX, maxY - minY) : 0
  const cellM = Math.max(baseCellM, span / (maxCellsPerSide - 1))
  const originX = n > 0 ? minX : 0
  const originY = n > 0 ? minY : 0
  const cols = n > 0 ? Math.floor((maxX - originX) / cellM) + 1 : 1
  const rows = n > 0 ? Math.floor((maxY - originY) / cellM) + 1 : 1
  const cellOf = new Int32Array(index.size).fill(-1)
  const start = new Int32Array(cols * rows + 1)
  for (let row = 0; row < index.size; row++) {
    const rx = ix[row] as number
    const ry = iy[row] as number
    if (rx > 1e9 || ry > 1e9) continue
    const c = Math.floor((ry - originY) / cellM) * cols + Math.floor((rx - originX) / cellM)
    cellOf[row] = c
    start[c + 1] = (start[c + 1] as number) + 1
  }
  for (let c = 0; c < cols * rows; c++)
    start[c + 1] = (start[c + 1] as number) + (start[c] as number)
  const next = start.slice(0, cols * rows)
  const layout: CellLayout = {
    version: columns.version,
    size: columns.size,
    cellM,
    originX,
    originY,
    cols,
    rows,
    start,
    x: new Float64Array(n),
    y: new Float64Array(n),
    status: new Uint8Array(n),
    deadlineAt: new Float64Array(n),
    reportedAt: new Float64Array(n),
  }
  for (let row = 0; row < index.size; row++) {
    const c = cellOf[row] as number
    if (c < 0) continue
    const at = next[c] as number
    next[c] = at + 1
    layout.x[at] = ix[row] as number
    layout.y[at] = iy[row] as number
    layout.status[at] = columns.status[row] as number
    layout.deadlineAt[at] = columns.deadlineAt[row] as number
    layout.reportedAt[at] = columns.reportedAt[row] as number
  }
  layouts.set(columns, layout)
  return layout
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
