// 乡镇政府所在地1公里范围: per township, the villages whose point lies within the radius of its seat,
// with the issues inside the radius attributed to villages by grid code (village code = the grid
// code's first 12 digits). Pure: columns and `now` in, numbers out; rows come from the cell grid
// (corridors.ts) around each seat.
import type { IssueColumns } from '../analytics/issue-columns.ts'
import {
  cellGridOf,
  type IssueCounts,
  type NearbyIssue,
  nearestIssues,
  round1,
} from './corridors.ts'
import { distanceMetres, toLocalMetres } from './issue-index.ts'
import { assertBetween } from './planning-errors.ts'

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
  assertBetween(
    radiusM,
    minRadiusM,
    maxRadiusM,
    `半径须为 ${minRadiusM} 到 ${maxRadiusM} 米之间的数字`,
    'radiusM',
  )
  const cells = cellGridOf(columns)
  const nowMs = now.getTime()
  const gridVillage = villageCodesOfGrids(columns)
  return seats.map((seat) => {
    const inside = villages
      .filter((v) => v.townshipCode === seat.code)
      .map((v) => ({ village: v, distanceM: distanceMetres(v.lngLat, seat.lngLat) }))
      .filter((v) => v.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM || (a.village.code < b.village.code ? -1 : 1))
    // slot of each grid: its village's place in `inside`, or the last slot (no listed village)
    const other = inside.length
    const slotOf = new Map(inside.map((v, i) => [v.village.code, i]))
    const gridSlot = Int32Array.from(gridVillage, (code) => slotOf.get(code) ?? other)
    const total = new Int32Array(other + 1)
    const openCount = new Int32Array(other + 1)
    const overdueCount = new Int32Array(other + 1)
    const { xs, ys, start, open: isOpen, deadlineAt, grid, rows } = cells
    const [sx, sy] = toLocalMetres(seat.lngLat[0], seat.lngLat[1])
    const r2 = radiusM * radiusM
    const reachM = radiusM + (cells.cellM * Math.SQRT2) / 2 // a cell centre this near may hold a hit
    const [c0, r0, c1, r1] = cells.cellRange(sx - radiusM, sy - radiusM, sx + radiusM, sy + radiusM)
    const open: number[] = []
    const openDistances: number[] = []
    let found = 0
    for (let r = r0; r <= r1; r++) {
      const cy = cells.minY + (r + 0.5) * cells.cellM
      for (let c = c0; c <= c1; c++) {
        const cx = cells.minX + (c + 0.5) * cells.cellM
        if ((cx - sx) ** 2 + (cy - sy) ** 2 > reachM * reachM) continue
        const cell = c + r * cells.nx
        const end = start[cell + 1] as number
        for (let p = start[cell] as number; p < end; p++) {
          const dx = (xs[p] as number) - sx
          const dy = (ys[p] as number) - sy
          const d2 = dx * dx + dy * dy
          if (d2 > r2) continue
          found++
          const slot = gridSlot[grid[p] as number] as number
          total[slot] = (total[slot] as number) + 1
          if (isOpen[p] === 0) continue
          openCount[slot] = (openCount[slot] as number) + 1
          if ((deadlineAt[p] as number) < nowMs)
            overdueCount[slot] = (overdueCount[slot] as number) + 1
          open.push(rows[p] as number)
          openDistances.push(Math.sqrt(d2))
        }
      }
    }
    const countsAt = (slot: number): IssueCounts => ({
      total: total[slot] as number,
      open: openCount[slot] as number,
      overdue: overdueCount[slot] as number,
    })
    const totals: IssueCounts = { total: found, open: open.length, overdue: 0 }
    for (const n of overdueCount) totals.overdue += n
    const distances = Float64Array.from(openDistances)
    return {
      code: seat.code,
      name: seat.name,
      lngLat: seat.lngLat,
      radiusM,
      ...totals,
      status: focusStatus(totals),
      villages: inside.map(({ village, distanceM }, slot) => {
        const c = countsAt(slot)
        return {
          code: village.code,
          name: village.name,
          distanceM: round1(distanceM),
          ...c,
          status: focusStatus(c),
        }
      }),
      otherIssues: countsAt(other),
      openIssues: nearestIssues(columns, open, distances, nowMs, seatRadiusDefaults.listedIssues),
    }
  })
}

/** Village code (first 12 digits of the grid code) of every grid index the columns know. */
export function villageCodesOfGrids(columns: IssueColumns): string[] {
  return columns.grids.codes.map((code) => code.slice(0, 12))
}
