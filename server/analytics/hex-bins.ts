// Hexagon bins of issues for the wall map: pointy-top hexagons laid on a local equirectangular plane
// (x = Δlng·cos(lat0), y = Δlat, in metres from a fixed origin), so a cell has the same size in metres
// everywhere in the county and the same cells come back for any bbox. One pass over the columns.

import { place } from '../config/place.ts'
import type { LngLat } from '../domain/issue.ts'
import type { Bbox } from '../ogc/feature-query.ts'
import { type AnalyticsFilter, matchesRow, resolveFilter } from './analytics-filter.ts'
import { increment } from './increment.ts'
import { closedStatusCode, type IssueColumns } from './issue-columns.ts'

export interface HexBinOptions extends AnalyticsFilter {
  radiusMeters: number // centre-to-corner distance of a hexagon (its side length)
  bbox?: Bbox // only issues inside count; @default every issue
  status?: 'open' | 'overdue' | 'all' // which issues are binned; @default 'open'
  origin?: LngLat // centre of hexagon q = r = 0 and the plane's reference latitude
}

/** One non-empty hexagon: axial coordinates, centre, closed ring of 7 positions, counts. */
export interface HexBin {
  id: string // `${q},${r}`, stable for one radius and origin
  q: number
  r: number
  lngLat: LngLat
  polygon: LngLat[]
  count: number // issues binned (of the requested status)
  overdue: number // of those, open and past their deadline
}

export interface HexBins {
  radiusMeters: number
  origin: LngLat
  total: number // issues binned; the counts of the bins sum to it
  bins: HexBin[] // non-empty cells only, by r then q (south to north, west to east)
}

/** Near the county's centre (place profile): cells are stable across requests because the origin is fixed. */
export const defaultHexOrigin: LngLat = place.hexOrigin

const minRadiusMeters = 1
const maxRadiusMeters = 100_000
const maxCells = 1 << 22 // hexagons a request may cover: 32 MiB of counters; the county at ≈ 25 m
const metersPerDegree = (6_371_008.8 * Math.PI) / 180 // mean Earth radius (IUGG)
const sqrt3 = Math.sqrt(3)

export function hexBins(columns: IssueColumns, now: Date, options: HexBinOptions): HexBins {
  const { radiusMeters } = options
  if (!(radiusMeters >= minRadiusMeters && radiusMeters <= maxRadiusMeters)) {
    throw new RangeError(`radiusMeters must be from ${minRadiusMeters} to ${maxRadiusMeters}`)
  }
  const origin: LngLat = options.origin ?? defaultHexOrigin
  const plane = toPlane(origin, radiusMeters)
  const box = options.bbox ?? columns.extent
  const [west, south, east, north] = box
  const result: HexBins = { radiusMeters, origin, total: 0, bins: [] }
  if (!(west <= east && south <= north)) return result // an empty ledger's extent is inverted

  // axial ranges the box can reach, padded by one cell for rounding
  const qMin = Math.floor(plane.q(west, north)) - 1
  const qMax = Math.ceil(plane.q(east, south)) + 1
  const rMin = Math.floor(plane.r(south)) - 1
  const rMax = Math.ceil(plane.r(north)) + 1
  const qSpan = qMax - qMin + 1
  const cells = qSpan * (rMax - rMin + 1)

  if (cells > maxCells) {
    throw new RangeError(
      `${cells} hexagons of ${radiusMeters} m cover the bbox, more than ${maxCells}: narrow the bbox or widen the radius`,
    )
  }

  const counts = new Int32Array(cells) // issues binned per cell, by key = (r − rMin)·qSpan + q − qMin
  const overdue = new Int32Array(cells)
  const grid: CellGrid = { west, south, east, north, qMin, rMin, qSpan, counts, overdue }
  const selection = options.status ?? 'open'
  countPoints(columns, plane, grid, selectionCodes[selection], now.getTime(), options)

  for (let key = 0; key < cells; key++) {
    const count = counts[key] as number
    if (count === 0) continue
    const q = (key % qSpan) + qMin
    const r = Math.floor(key / qSpan) + rMin
    result.total += count
    result.bins.push({
      id: `${q},${r}`,
      q,
      r,
      lngLat: plane.centre(q, r),
      polygon: plane.polygon(q, r),
      count,
      overdue: overdue[key] as number,
    })
  }
  return result
}

// which issues a pass bins
const selectionCodes = { all: 0, open: 1, overdue: 2 } as const

interface CellGrid {
  west: number
  south: number
  east: number
  north: number
  qMin: number
  rMin: number
  qSpan: number
  counts: Int32Array
  overdue: Int32Array
}

// The hot loop alone in its function, so V8 optimises all of it (code after a loop that has never
// run yet would deoptimise it on every call).
function countPoints(
  columns: IssueColumns,
  plane: Plane,
  grid: CellGrid,
  selection: number,
  nowMs: number,
  filterInput: AnalyticsFilter,
): void {
  const filter = resolveFilter(columns, filterInput)
  const everyRow = filter.all
  const { lng, lat, status, deadlineAt, size } = columns
  const { west, south, east, north, qMin, rMin, qSpan, counts, overdue } = grid
  const { kx, ky, lng0, lat0, size: radius } = plane
  const qx = sqrt3 / 3 / radius // axial q per metre east (pointy top)
  const qy = -1 / 3 / radius // axial q per metre north
  const ry = 2 / 3 / radius // axial r per metre north
  for (let i = 0; i < size; i++) {
    // status first: most issues are closed, and the status column is one byte per row
    const open = status[i] !== closedStatusCode
    if (selection !== 0 && !open) continue
    const late = open && (deadlineAt[i] as number) < nowMs
    if (selection === 2 && !late) continue
    const x = lng[i] as number
    const y = lat[i] as number
    if (!(x >= west && x <= east && y >= south && y <= north)) continue
    if (!everyRow && !matchesRow(columns, i, filter)) continue
    // fractional axial coordinates, then cube rounding to the cell the point lies in
    const px = (x - lng0) * kx
    const py = (y - lat0) * ky
    const fq = qx * px + qy * py
    const fr = ry * py
    const fs = -fq - fr
    // floor(v + 0.5) rounds like Math.round away from exact ties, and V8 compiles it tighter
    let q = Math.floor(fq + 0.5)
    let r = Math.floor(fr + 0.5)
    const rs = Math.floor(fs + 0.5)
    const dq = Math.abs(q - fq)
    const dr = Math.abs(r - fr)
    const ds = Math.abs(rs - fs)
    if (dq > dr && dq > ds) q = -r - rs
    else if (dr > ds) r = -q - rs
    const key = (r - rMin) * qSpan + (q - qMin)
    increment(counts, key)
    if (late) increment(overdue, key)
  }
}

type Plane = ReturnType<typeof toPlane>

/** The plane of one origin and cell size: lng/lat ⇄ metres ⇄ axial hexagon coordinates. */
function toPlane(origin: LngLat, size: number) {
  const [lng0, lat0] = origin
  const ky = metersPerDegree
  const kx = metersPerDegree * Math.cos((lat0 * Math.PI) / 180)
  const toLngLat = (x: number, y: number): LngLat => [lng0 + x / kx, lat0 + y / ky]
  const centreXY = (q: number, r: number) => [size * sqrt3 * (q + r / 2), size * 1.5 * r] as const
  return {
    lng0,
    lat0,
    kx,
    ky,
    size,
    q: (lng: number, lat: number) =>
      ((sqrt3 / 3) * (lng - lng0) * kx - ((lat - lat0) * ky) / 3) / size,
    r: (lat: number) => ((2 / 3) * (lat - lat0) * ky) / size,
    centre: (q: number, r: number): LngLat => {
      const [x, y] = centreXY(q, r)
      return toLngLat(x, y)
    },
    // corners at −30°, 30°, 90°, … (pointy top), counter-clockwise, the first repeated to close the ring
    polygon: (q: number, r: number): LngLat[] => {
      const [x, y] = centreXY(q, r)
      const ring: LngLat[] = []
      for (let k = 0; k <= 6; k++) {
        const angle = (Math.PI / 3) * (k % 6) - Math.PI / 6
        ring.push(toLngLat(x + size * Math.cos(angle), y + size * Math.sin(angle)))
      }
      return ring
    },
  }
}
