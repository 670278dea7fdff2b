// 沿路沿水 corridors: issues within widthM of each road and river line. A box query per short piece of
// each segment narrows the rows; the exact point-to-segment distance in local metres decides. Pure:
// columns and `now` in; the buffer polygons are for the map only, never for counting.
import { buffer, lineString, multiLineString, length as turfLength } from '@turf/turf'
import type { MultiPolygon, Polygon } from 'geojson'
import { closedStatusCode, type IssueColumns } from '../analytics/issue-columns.ts'
import { issueIndexOf, toLocalMetres } from './issue-index.ts'
import { PlanningInputError } from './planning-errors.ts'
import { type IssueCounts, type NearbyIssue, nearestIssues } from './seat-radius.ts'

export const corridorDefaults = {
  widthM: 200, // buffer distance on each side of the line
  minWidthM: 20,
  maxWidthM: 2000,
  listedIssues: 200, // open issues listed per line, nearest first
  pieceWidths: 4, // segments are queried in pieces of at most 4 × widthM (and ≥ 500 m)
  minPieceM: 500,
}

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
  if (!(Number.isFinite(widthM) && widthM >= minWidthM && widthM <= maxWidthM)) {
    throw new PlanningInputError(`沿线宽度须为 ${minWidthM} 到 ${maxWidthM} 米之间的数字`, 'widthM')
  }
  const index = issueIndexOf(columns)
  const nowMs = now.getTime()
  const pieceM = Math.max(corridorDefaults.minPieceM, corridorDefaults.pieceWidths * widthM)
  // rows already counted for the current line: stamp = line number + 1, one array for the call
  const seen = new Uint32Array(columns.size)
  return lines.map((line, lineNo) => {
    const parts = partsOf(line.coordinates)
    const stamp = lineNo + 1
    const rows: number[] = []
    const distances: number[] = []
    const nearest = new Map<number, number>() // row → best distance so far, for rows not yet in
    for (const part of parts) {
      const xy = part.map((p) => toLocalMetres(p[0], p[1]))
      for (let i = 1; i < xy.length; i++) {
        const [ax, ay] = xy[i - 1] as [number, number]
        const [bx, by] = xy[i] as [number, number]
        const pieces = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / pieceM))
        for (let k = 0; k < pieces; k++) {
          const px = ax + ((bx - ax) * k) / pieces
          const py = ay + ((by - ay) * k) / pieces
          const qx = ax + ((bx - ax) * (k + 1)) / pieces
          const qy = ay + ((by - ay) * (k + 1)) / pieces
          const found = index.rowsInBox(
            Math.min(px, qx) - widthM,
            Math.min(py, qy) - widthM,
            Math.max(px, qx) + widthM,
            Math.max(py, qy) + widthM,
          )
          for (const row of found) {
            const d = segmentDistance(
              index.x[row] as number,
              index.y[row] as number,
              px,
              py,
              qx,
              qy,
            )
            if (d > widthM) continue
            if (seen[row] !== stamp) {
              seen[row] = stamp
              nearest.set(row, rows.length)
              rows.push(row)
              distances.push(d)
            } else {
              const at = nearest.get(row) as number
              if (d < (distances[at] as number)) distances[at] = d
            }
          }
        }
      }
    }
    const counts: IssueCounts = { total: rows.length, open: 0, overdue: 0 }
    const openRows: number[] = []
    const openDistances: number[] = []
    for (const [i, row] of rows.entries()) {
      if (columns.status[row] === closedStatusCode) continue
      counts.open++
      if ((columns.deadlineAt[row] as number) < nowMs) counts.overdue++
      openRows.push(row)
      openDistances.push(distances[i] as number)
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
        openRows,
        Float64Array.from(openDistances),
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
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy))
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

function bufferOf(
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
