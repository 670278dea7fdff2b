// 沿路沿水 corridors: issues within widthM of each road and river line. The cells of a row grid over
// the index's local metres near each segment narrow the rows; the exact point-to-segment distance
// decides. Pure: columns and `now` in; the buffer polygons are for the map only, never for counting.
import { buffer, lineString, multiLineString, length as turfLength } from '@turf/turf'
import type { MultiPolygon, Polygon } from 'geojson'
import {
  closedStatusCode,
  type IssueColumns,
  perColumnsVersion,
} from '../analytics/issue-columns.ts'
import { issueCategories, issueStatuses } from '../domain/issue.ts'
import { issueNoOfCode } from '../domain/issue-number.ts'
import { issueIndexOf, toLocalMetres } from './issue-index.ts'
import { assertBetween } from './planning-errors.ts'

export const corridorDefaults = {
  widthM: 200, // buffer distance on each side of the line
  minWidthM: 20,
  maxWidthM: 2000,
  listedIssues: 200, // open issues listed per line, nearest first
}

export const cellGridDefaults = {
  cellM: 100, // cell side; grown when the extent would need more than maxCells
  maxCells: 4_000_000,
}

/**
 * The rows sorted by square cell of the index's local metres, with the columns the focus counts
 * read copied in the same order. Why not the KDBush box query: it returns rows in tree order, and
 * reading each row's x, y, status and deadline then misses the cache (≈ 1 s for the 13 lines at
 * 1M issues); here a cell's rows sit side by side (≈ 20× faster).
 */
export class CellGrid {
  readonly version: number
  readonly size: number
  readonly cellM: number
  readonly minX: number
  readonly minY: number
  readonly nx: number
  readonly ny: number
  /** Sorted positions of cell c: start[c] ≤ p < start[c + 1]. */
  readonly start: Int32Array
  readonly rows: Int32Array // sorted position → row
  readonly xs: Float64Array
  readonly ys: Float64Array
  readonly open: Uint8Array // 1 when not closed
  readonly deadlineAt: Float64Array
  readonly grid: Uint32Array

  constructor(columns: IssueColumns) {
    const index = issueIndexOf(columns)
    this.version = columns.version
    this.size = columns.size
    const n = columns.size
    let minX = Number.POSITIVE_INFINITY
    let minY = Number.POSITIVE_INFINITY
    let maxX = Number.NEGATIVE_INFINITY
    let maxY = Number.NEGATIVE_INFINITY
    for (let row = 0; row < n; row++) {
      const x = index.x[row] as number
      const y = index.y[row] as number
      if (!hasPosition(x, y)) continue
      if (x < minX) minX = x
      if (y < minY) minY = y
      if (x > maxX) maxX = x
      if (y > maxY) maxY = y
    }
    if (minX > maxX) [minX, minY, maxX, maxY] = [0, 0, 0, 0]
    let cellM = cellGridDefaults.cellM
    const cellsAt = (m: number) =>
      (Math.floor((maxX - minX) / m) + 1) * (Math.floor((maxY - minY) / m) + 1)
    while (cellsAt(cellM) > cellGridDefaults.maxCells) cellM *= 2
    this.cellM = cellM
    this.minX = minX
    this.minY = minY
    this.nx = Math.floor((maxX - minX) / cellM) + 1
    this.ny = Math.floor((maxY - minY) / cellM) + 1
    const cellOfRow = new Int32Array(n)
    const counts = new Int32Array(this.nx * this.ny + 1)
    let placed = 0
    for (let row = 0; row < n; row++) {
      const x = index.x[row] as number
      const y = index.y[row] as number
      if (!hasPosition(x, y)) {
        cellOfRow[row] = -1 // no position: in no cell, never near anything
        continue
      }
      const c = Math.floor((x - minX) / cellM) + Math.floor((y - minY) / cellM) * this.nx
      cellOfRow[row] = c
      counts[c + 1] = (counts[c + 1] as number) + 1
      placed++
    }
    for (let c = 1; c < counts.length; c++)
      counts[c] = (counts[c] as number) + (counts[c - 1] as number)
    this.start = counts.slice()
    this.rows = new Int32Array(placed)
    this.xs = new Float64Array(placed)
    this.ys = new Float64Array(placed)
    this.open = new Uint8Array(placed)
    this.deadlineAt = new Float64Array(placed)
    this.grid = new Uint32Array(placed)
    for (let row = 0; row < n; row++) {
      const c = cellOfRow[row] as number
      if (c < 0) continue
      const p = counts[c] as number
      counts[c] = p + 1
      this.rows[p] = row
      this.xs[p] = index.x[row] as number
      this.ys[p] = index.y[row] as number
      this.open[p] = columns.status[row] === closedStatusCode ? 0 : 1
      this.deadlineAt[p] = columns.deadlineAt[row] as number
      this.grid[p] = columns.grid[row] as number
    }
  }

  /** Cell column and row ranges covering the box (clamped; empty when outside). */
  cellRange(
    minX: number,
    minY: number,
    maxX: number,
    maxY: number,
  ): [number, number, number, number] {
    const m = this.cellM
    return [
      Math.max(0, Math.floor((minX - this.minX) / m)),
      Math.max(0, Math.floor((minY - this.minY) / m)),
      Math.min(this.nx - 1, Math.floor((maxX - this.minX) / m)),
      Math.min(this.ny - 1, Math.floor((maxY - this.minY) / m)),
    ]
  }
}

// rows without a position sit at 1e12 in the index (see issue-index.ts)
function hasPosition(x: number, y: number): boolean {
  return Math.abs(x) < 1e11 && Math.abs(y) < 1e11
}

/** The cell grid of the columns as they are now: reused until they change. */
export const cellGridOf = perColumnsVersion((columns) => new CellGrid(columns))

type LngLat = [number, number]

export interface CorridorLine {
  id: string
  name: string
  kind: 'road' | 'river'
  townshipCode?: string
  synthetic: boolean
  /** One polyline, or several parts (a river's MultiLineString), WGS84. */
  coordinates: readonly LngLat[] | readonly (readonly LngLat[])[]
}

export interface CorridorResult extends IssueCounts {
  id: string
  name: string
  kind: 'road' | 'river'
  townshipCode?: string
  synthetic: boolean
  widthM: number
  lengthKm: number
  /** Open issues within widthM, nearest the line first (at most 200). */
  openIssues: NearbyIssue[]
  /** turf.buffer of the line by widthM, coordinates rounded to 6 decimals; for the map. */
  buffer: Polygon | MultiPolygon | null
}

/** Issues along every line. Throws PlanningInputError on a width outside 20–2000 m. */
export function corridors(
  lines: readonly CorridorLine[],
  columns: IssueColumns,
  now: Date,
  widthM: number = corridorDefaults.widthM,
): CorridorResult[] {
  const { minWidthM, maxWidthM } = corridorDefaults
  assertBetween(
    widthM,
    minWidthM,
    maxWidthM,
    `沿线宽度须为 ${minWidthM} 到 ${maxWidthM} 米之间的数字`,
    'widthM',
  )
  const cells = cellGridOf(columns)
  const { xs, ys, start, open, deadlineAt } = cells
  const nowMs = now.getTime()
  const reachM = widthM + (cells.cellM * Math.SQRT2) / 2 // a cell whose centre is this near may hold a hit
  // cells already taken for the current line: stamp = line number + 1, one array per call
  const cellStamp = new Uint32Array(cells.nx * cells.ny)
  // scratch for one line at a time: open rows in the corridor and their distances
  const openRows = new Int32Array(xs.length)
  const openDistances = new Float64Array(xs.length)
  return lines.map((line, lineNo) => {
    const parts = partsOf(line.coordinates)
    const stamp = lineNo + 1
    // segments as flat [ax, ay, bx, by] in local metres; each near cell lists the segments near it
    const segments: number[] = []
    for (const part of parts) {
      const xy = part.map((p) => toLocalMetres(p[0], p[1]))
      for (let i = 1; i < xy.length; i++)
        segments.push(...(xy[i - 1] as number[]), ...(xy[i] as number[]))
    }
    const nearCells: number[] = []
    const segmentsOfCell = new Map<number, number[]>()
    for (let s = 0; s < segments.length; s += 4) {
      const [ax, ay, bx, by] = segments.slice(s, s + 4) as [number, number, number, number]
      const [c0, r0, c1, r1] = cells.cellRange(
        Math.min(ax, bx) - widthM,
        Math.min(ay, by) - widthM,
        Math.max(ax, bx) + widthM,
        Math.max(ay, by) + widthM,
      )
      for (let r = r0; r <= r1; r++) {
        const cy = cells.minY + (r + 0.5) * cells.cellM
        for (let c = c0; c <= c1; c++) {
          const cx = cells.minX + (c + 0.5) * cells.cellM
          if (segmentDistance(cx, cy, ax, ay, bx, by) > reachM) continue
          const cell = c + r * cells.nx
          if (cellStamp[cell] !== stamp) {
            cellStamp[cell] = stamp
            nearCells.push(cell)
            segmentsOfCell.set(cell, [s])
          } else segmentsOfCell.get(cell)?.push(s)
        }
      }
    }
    // each row is read once per line: its distance is the least over the segments near its cell
    const counts: IssueCounts = { total: 0, open: 0, overdue: 0 }
    for (const cell of nearCells) {
      const near = segmentsOfCell.get(cell) as number[]
      const end = start[cell + 1] as number
      for (let p = start[cell] as number; p < end; p++) {
        const x = xs[p] as number
        const y = ys[p] as number
        let d = Number.POSITIVE_INFINITY
        for (const s of near) {
          const ds = segmentDistance(
            x,
            y,
            segments[s] as number,
            segments[s + 1] as number,
            segments[s + 2] as number,
            segments[s + 3] as number,
          )
          if (ds < d) d = ds
        }
        if (d > widthM) continue
        counts.total++
        if (open[p] === 0) continue
        if ((deadlineAt[p] as number) < nowMs) counts.overdue++
        openRows[counts.open] = cells.rows[p] as number
        openDistances[counts.open] = d
        counts.open++
      }
    }
    return {
      id: line.id,
      name: line.name,
      kind: line.kind,
      ...(line.townshipCode !== undefined ? { townshipCode: line.townshipCode } : {}),
      synthetic: line.synthetic,
      widthM,
      lengthKm: Math.round(lineLengthKm(parts) * 1000) / 1000,
      ...counts,
      openIssues: nearestIssues(
        columns,
        openRows.subarray(0, counts.open),
        openDistances.subarray(0, counts.open),
        nowMs,
        corridorDefaults.listedIssues,
      ),
      buffer: bufferOf(parts, widthM),
    }
  })
}

/** Distance in metres from (x, y) to the segment a–b, all in local metres. */
export function segmentDistance(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax
  const dy = by - ay
  const lengthSquared = dx * dx + dy * dy
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared))
  const ex = x - (ax + t * dx)
  const ey = y - (ay + t * dy)
  return Math.sqrt(ex * ex + ey * ey) // not Math.hypot: several times slower in V8
}

/** The lines of the roads and rivers layers as corridor inputs (rivers keep all their parts). */
export function corridorLinesOf(
  roads: readonly GeoLineFeature[],
  rivers: readonly GeoLineFeature[],
): CorridorLine[] {
  const toLine = (f: GeoLineFeature, kind: 'road' | 'river'): CorridorLine => {
    const p = f.properties ?? {}
    const townshipCode = typeof p.townshipCode === 'string' ? p.townshipCode : undefined
    return {
      id: String(f.id ?? p.id ?? ''),
      name: typeof p.name === 'string' ? p.name : String(f.id ?? ''),
      kind,
      ...(townshipCode !== undefined ? { townshipCode } : {}),
      synthetic: p.synthetic === true,
      coordinates:
        f.geometry.type === 'LineString'
          ? f.geometry.coordinates.map(toLngLatPair)
          : f.geometry.coordinates.map((part) => part.map(toLngLatPair)),
    }
  }
  return [...roads.map((f) => toLine(f, 'road')), ...rivers.map((f) => toLine(f, 'river'))]
}

/** A LineString or MultiLineString feature as the store or geodata file gives it. */
export interface GeoLineFeature {
  id?: string | number
  properties: Record<string, unknown> | null
  geometry:
    | { type: 'LineString'; coordinates: readonly (readonly number[])[] }
    | { type: 'MultiLineString'; coordinates: readonly (readonly (readonly number[])[])[] }
}

function toLngLatPair(p: readonly number[]): LngLat {
  return [p[0] as number, p[1] as number]
}

function partsOf(coordinates: CorridorLine['coordinates']): (readonly LngLat[])[] {
  const first = coordinates[0]
  if (first === undefined) return []
  const nested = Array.isArray(first[0])
  const parts = nested
    ? (coordinates as readonly (readonly LngLat[])[])
    : [coordinates as readonly LngLat[]]
  return parts.filter((part) => part.length >= 2)
}

function lineLengthKm(parts: readonly (readonly LngLat[])[]): number {
  let km = 0
  for (const part of parts) km += turfLength(lineString(part.map((p) => [p[0], p[1]])))
  return km
}

// buffers depend only on the line and the width, not on the issues: keep the recent ones
const bufferCache = new Map<string, Polygon | MultiPolygon | null>()
const bufferCacheSize = 256

function bufferOf(
  parts: readonly (readonly LngLat[])[],
  widthM: number,
): Polygon | MultiPolygon | null {
  const key = `${widthM}|${JSON.stringify(parts)}`
  const cached = bufferCache.get(key)
  if (cached !== undefined) return cached
  const polygon = computeBuffer(parts, widthM)
  if (bufferCache.size >= bufferCacheSize)
    bufferCache.delete(bufferCache.keys().next().value as string)
  bufferCache.set(key, polygon)
  return polygon
}

function computeBuffer(
  parts: readonly (readonly LngLat[])[],
  widthM: number,
): Polygon | MultiPolygon | null {
  if (parts.length === 0) return null
  const line =
    parts.length === 1
      ? lineString((parts[0] as readonly LngLat[]).map((p) => [p[0], p[1]]))
      : multiLineString(parts.map((part) => part.map((p) => [p[0], p[1]])))
  const polygon = buffer(line, widthM, { units: 'meters' })
  if (!polygon) return null
  return roundGeometry(polygon.geometry)
}

function roundGeometry<G extends Polygon | MultiPolygon>(geometry: G): G {
  const round = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(round) : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v
  return { type: geometry.type, coordinates: round(geometry.coordinates) } as G
}

export interface IssueCounts {
  total: number
  open: number
  overdue: number
}

export interface NearbyIssue {
  id: string
  issueNo?: string // 问题编号, what the list shows; absent while the issue has none
  lngLat: [number, number]
  status: string
  category: string
  overdue: boolean
  gridCode: string
  distanceM: number // from the seat or the line, 0.1 m
}

/** The `limit` nearest of `rows` (distances aligned, metres), nearest first, ties by id. */
export function nearestIssues(
  columns: IssueColumns,
  rows: ArrayLike<number>,
  distances: Float64Array, // aligned with rows
  nowMs: number,
  limit: number,
): NearbyIssue[] {
  // a histogram of the distances finds a cut-off holding at least `limit` rows in one pass; only
  // the rows inside it get the object sort (a full sort of 600k distances took 50 ms)
  let cutoff = Number.POSITIVE_INFINITY
  if (rows.length > limit) {
    let max = 0
    for (const d of distances) if (d > max) max = d
    const bins = new Int32Array(1024)
    const scale = max > 0 ? (bins.length - 1) / max : 0
    for (const d of distances) {
      const b = Math.floor(d * scale)
      bins[b] = (bins[b] as number) + 1
    }
    let seen = 0
    for (let b = 0; b < bins.length; b++) {
      seen += bins[b] as number
      if (seen >= limit) {
        cutoff = scale > 0 ? (b + 1.5) / scale : 0 // half a bin spare against rounding
        break
      }
    }
  }
  const ids = columns.ids
  const chosen: { row: number; distanceM: number }[] = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number
    const d = distances[i] as number
    if (d <= cutoff) chosen.push({ row, distanceM: d })
  }
  chosen.sort(
    (a, b) =>
      a.distanceM - b.distanceM || ((ids[a.row] as string) < (ids[b.row] as string) ? -1 : 1),
  )
  return chosen.slice(0, limit).map(({ row, distanceM }) => {
    const status = columns.status[row] as number
    const issueNo = issueNoOfCode(columns.issueNo[row] as number)
    return {
      id: ids[row] as string,
      ...(issueNo ? { issueNo } : {}),
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
