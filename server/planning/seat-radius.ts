// 乡镇政府所在地1公里范围: per township, the villages whose point lies within the radius of its seat,
// with the issues inside the radius attributed to villages by grid code (village code = the grid
// code's first 12 digits). Pure: columns and `now` in, numbers out; one index query per seat.
import { closedStatusCode, type IssueColumns } from '../analytics/issue-columns.ts'
import { issueCategories, issueStatuses } from '../domain/issue.ts'
import { distanceMetres, issueIndexOf, toLocalMetres } from './issue-index.ts'
import { PlanningInputError } from './planning-errors.ts'

export const seatRadiusDefaults = {
  radiusM: 1000,
  minRadiusM: 100,
  maxRadiusM: 5000,
  listedIssues: 200, // open issues listed per township, nearest the seat first
}

export interface SeatInput {
  code: string // township code
  name: string
  lngLat: [number, number]
}

export interface VillageInput {
  code: string // 12 digits
  name: string
  townshipCode: string
  lngLat: [number, number]
}

export type FocusStatus = 'clean' | 'open' | 'overdue'

export interface IssueCounts {
  total: number
  open: number
  overdue: number
}

export interface NearbyIssue {
  id: string
  lngLat: [number, number]
  status: string
  category: string
  overdue: boolean
  gridCode: string
  distanceM: number // from the seat or the line, 0.1 m
}

export interface SeatVillage extends IssueCounts {
  code: string
  name: string
  distanceM: number // village point to seat
  status: FocusStatus
}

export interface SeatRadiusResult extends IssueCounts {
  code: string
  name: string
  lngLat: [number, number]
  radiusM: number
  status: FocusStatus
  /** Villages whose point is inside the radius, nearest first. */
  villages: SeatVillage[]
  /** Issues inside the radius whose grid belongs to no listed village. */
  otherIssues: IssueCounts
  /** Open issues inside the radius, nearest the seat first (at most 200). */
  openIssues: NearbyIssue[]
}

/** overdue when anything is overdue, open when anything is open, else clean. */
export function focusStatus(counts: IssueCounts): FocusStatus {
  return counts.overdue > 0 ? 'overdue' : counts.open > 0 ? 'open' : 'clean'
}

/** Villages and issues within radiusM of each seat. Throws PlanningInputError on a bad radius. */
export function seatRadius(
  seats: readonly SeatInput[],
  villages: readonly VillageInput[],
  columns: IssueColumns,
  now: Date,
  radiusM: number = seatRadiusDefaults.radiusM,
): SeatRadiusResult[] {
  const { minRadiusM, maxRadiusM } = seatRadiusDefaults
  if (!(Number.isFinite(radiusM) && radiusM >= minRadiusM && radiusM <= maxRadiusM)) {
    throw new PlanningInputError(`半径须为 ${minRadiusM} 到 ${maxRadiusM} 米之间的数字`, 'radiusM')
  }
  const index = issueIndexOf(columns)
  const nowMs = now.getTime()
  const gridVillage = villageCodesOfGrids(columns)
  return seats.map((seat) => {
    const inside = villages
      .filter((v) => v.townshipCode === seat.code)
      .map((v) => ({ village: v, distanceM: distanceMetres(v.lngLat, seat.lngLat) }))
      .filter((v) => v.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM || (a.village.code < b.village.code ? -1 : 1))
    const counts = new Map<string, IssueCounts>(
      inside.map((v) => [v.village.code, { total: 0, open: 0, overdue: 0 }]),
    )
    const totals: IssueCounts = { total: 0, open: 0, overdue: 0 }
    const otherIssues: IssueCounts = { total: 0, open: 0, overdue: 0 }
    const open: number[] = []
    for (const row of index.rowsWithin(seat.lngLat[0], seat.lngLat[1], radiusM)) {
      const isOpen = columns.status[row] !== closedStatusCode
      const isOverdue = isOpen && (columns.deadlineAt[row] as number) < nowMs
      const target = counts.get(gridVillage[columns.grid[row] as number] as string) ?? otherIssues
      for (const c of [totals, target]) {
        c.total++
        if (isOpen) c.open++
        if (isOverdue) c.overdue++
      }
      if (isOpen) open.push(row)
    }
    const [cx, cy] = toLocalMetres(seat.lngLat[0], seat.lngLat[1])
    const distances = new Float64Array(open.length)
    for (const [i, row] of open.entries())
      distances[i] = Math.hypot((index.x[row] as number) - cx, (index.y[row] as number) - cy)
    return {
      code: seat.code,
      name: seat.name,
      lngLat: seat.lngLat,
      radiusM,
      ...totals,
      status: focusStatus(totals),
      villages: inside.map(({ village, distanceM }) => {
        const c = counts.get(village.code) as IssueCounts
        return {
          code: village.code,
          name: village.name,
          distanceM: round1(distanceM),
          ...c,
          status: focusStatus(c),
        }
      }),
      otherIssues,
      openIssues: nearestIssues(columns, open, distances, nowMs, seatRadiusDefaults.listedIssues),
    }
  })
}

/** Village code (first 12 digits of the grid code) of every grid index the columns know. */
export function villageCodesOfGrids(columns: IssueColumns): string[] {
  return columns.grids.codes.map((code) => code.slice(0, 12))
}

/** The `limit` nearest of `rows` (distances aligned, metres), nearest first, ties by id. */
export function nearestIssues(
  columns: IssueColumns,
  rows: readonly number[],
  distances: Float64Array,
  nowMs: number,
  limit: number,
): NearbyIssue[] {
  // a typed sort finds the cut-off distance; only the few rows inside it get the object sort
  let cutoff = Number.POSITIVE_INFINITY
  if (rows.length > limit) cutoff = Float64Array.from(distances).sort()[limit - 1] as number
  const ids = columns.ids
  const chosen: { row: number; distanceM: number }[] = []
  for (const [i, row] of rows.entries()) {
    const d = distances[i] as number
    if (d <= cutoff) chosen.push({ row, distanceM: d })
  }
  chosen.sort(
    (a, b) =>
      a.distanceM - b.distanceM || ((ids[a.row] as string) < (ids[b.row] as string) ? -1 : 1),
  )
  return chosen.slice(0, limit).map(({ row, distanceM }) => {
    const status = columns.status[row] as number
    return {
      id: ids[row] as string,
      lngLat: [columns.lng[row] as number, columns.lat[row] as number],
      status: issueStatuses[status] ?? 'unknown',
      category: issueCategories[columns.category[row] as number] ?? 'unknown',
      overdue: status !== closedStatusCode && (columns.deadlineAt[row] as number) < nowMs,
      gridCode: columns.grids.codes[columns.grid[row] as number] ?? '',
      distanceM: round1(distanceM),
    }
  })
}

export function round1(v: number): number {
  return Math.round(v * 10) / 10
}
