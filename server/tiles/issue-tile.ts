// One issues tile cut from the in-memory issue columns: density cells at every zoom (counts per
// cell, the heatmap's input) and, from `pointsMinZoom` where the tile holds few enough, the single
// issues. Filters are the items filters (a FeatureQuery) resolved to column codes once per tile.
// Pure: columns and a query in, geojson-vt-shaped features out.
import type { GeoJSONVTFeaturePoint } from '@maplibre/geojson-vt'
import { closedStatusCode, type IssueColumns } from '../analytics/issue-columns.ts'
import { issueCategories, issueStatuses } from '../domain/issue.ts'
import { issueNoCode, issueNoOfCode } from '../domain/issue-number.ts'
import { issueSources } from '../domain/supervision.ts'
import type { Bbox, FeatureQuery } from '../ogc/feature-query.ts'
import { type TileAddress, tileBbox, tileExtent } from './tile-matrix.ts'

export interface IssueTileOptions {
  cellUnits: number // side of a density cell in tile units (of tileExtent)
  bufferUnits: number // issues this far outside the tile are drawn too, so heatmaps join at edges
  pointsMinZoom: number // single issues from this zoom
  maxPoints: number // a tile with more matching issues carries density only
}

export const issueTileDefaults: IssueTileOptions = {
  cellUnits: 64, // 1/64 of a tile side: 8 px on a 512 px tile
  bufferUnits: 256, // 1/16 of a tile side, about the heatmap radius
  pointsMinZoom: 13, // the overview draws single issues from zoom 13
  maxPoints: 5000, // issues per tile; beyond it the tile is too heavy to draw as points
}

export interface IssueTile {
  density: GeoJSONVTFeaturePoint[] // one point per non-empty cell: count, open, overdue
  issues?: GeoJSONVTFeaturePoint[] // single issues, when z ≥ pointsMinZoom and few enough
  matched: number // issues in the tile and its buffer that pass the filters
}

/** The lng/lat box a tile reads, its buffer included. */
export function bufferedTileBbox(tile: TileAddress, bufferUnits: number): Bbox {
  const [west, south, east, north] = tileBbox(tile)
  const pad = bufferUnits / tileExtent
  const n = 2 ** tile.z
  const padLng = (pad * 360) / n
  // the buffer north and south is a share of the neighbouring rows' heights (Mercator stretches)
  const above = tile.y > 0 ? tileBbox({ ...tile, y: tile.y - 1 }) : undefined
  const below = tile.y < n - 1 ? tileBbox({ ...tile, y: tile.y + 1 }) : undefined
  const padNorth = above ? (above[3] - above[1]) * pad : 0
  const padSouth = below ? (below[3] - below[1]) * pad : 0
  return [west - padLng, south - padSouth, east + padLng, north + padNorth]
}

interface ResolvedIssueFilter {
  status: number // -1 any; 255 none
  category: number
  township: number
  unit: number
  grid: number
  source: number
  round: number
  issueNo: number // issueNoCode(); -1 any, none for a malformed number
  overdue: 0 | 1 | -1 // -1 any
  fromMs: number
  toMs: number
}

const none = 0x1_0000_0000 // above every column's largest code: matches no row

/** The issue properties a tile can filter by: each has a column (a new filter needs one too). */
export const tileFilterProperties: ReadonlySet<string> = new Set([
  'status',
  'category',
  'townshipCode',
  'responsibleUnit',
  'gridCode',
  'source',
  'roundId',
  'issueNo',
])

/** The query's property, derived and datetime filters as column codes. */
export function resolveIssueQuery(columns: IssueColumns, query: FeatureQuery): ResolvedIssueFilter {
  const p = query.properties
  for (const name of Object.keys(p)) {
    // a filter the columns cannot apply would silently draw every issue
    if (!tileFilterProperties.has(name))
      throw new RangeError(`issue tiles cannot filter by ${name}`)
  }
  const code = (value: string | undefined, index: (v: string) => number) => {
    if (value === undefined) return -1
    const i = index(value)
    return i === -1 ? none : i
  }
  const overdue = query.derived?.overdue
  return {
    status: code(p.status, (v) => issueStatuses.indexOf(v as never)),
    category: code(p.category, (v) => issueCategories.indexOf(v as never)),
    township: code(p.townshipCode, (v) => columns.townships.indexOf(v)),
    unit: code(p.responsibleUnit, (v) => columns.units.indexOf(v)),
    grid: code(p.gridCode, (v) => columns.grids.indexOf(v)),
    source: code(p.source, (v) => issueSources.indexOf(v as never)),
    round: code(p.roundId, (v) => columns.rounds.indexOf(v)),
    issueNo: p.issueNo === undefined ? -1 : issueNoCode(p.issueNo) || none,
    overdue: overdue === undefined ? -1 : overdue === 'true' ? 1 : 0,
    fromMs: query.datetime?.startMs ?? Number.NEGATIVE_INFINITY,
    toMs: query.datetime?.endMs ?? Number.POSITIVE_INFINITY,
  }
}

/** Cuts one tile; undefined when no issue matches (the route answers 204). */
export function issueTile(
  columns: IssueColumns,
  query: FeatureQuery,
  tile: TileAddress,
  nowMs: number,
  options: IssueTileOptions = issueTileDefaults,
): IssueTile | undefined {
  const filter = resolveIssueQuery(columns, query)
  const [west, south, east, north] = bufferedTileBbox(tile, options.bufferUnits)
  const n = 2 ** tile.z
  const { cellUnits, bufferUnits } = options
  const bufferCells = Math.ceil(bufferUnits / cellUnits)
  const side = tileExtent / cellUnits + 2 * bufferCells // cells per side, buffer included
  const counts = new Uint32Array(side * side)
  const open = new Uint32Array(side * side)
  const overdueCounts = new Uint32Array(side * side)
  const wantPoints = tile.z >= options.pointsMinZoom
  const pointRows: number[] = []
  const pointXY: number[] = []
  let matched = 0

  const { lng, lat, status, deadlineAt } = columns
  const unfiltered = isUnfiltered(filter)
  const scale = n * tileExtent // world [0, 1) → this zoom's tile units
  const offsetX = tile.x * tileExtent
  const offsetY = tile.y * tileExtent
  const degToRad = Math.PI / 180
  for (let row = 0; row < columns.size; row++) {
    const x = lng[row] as number
    const y = lat[row] as number
    if (!(x >= west && x <= east && y >= south && y <= north)) continue // NaN fails too
    if (!unfiltered && !matches(columns, row, filter, nowMs)) continue
    // toWorld() inlined: no array per issue, a million times per county tile
    const sin = Math.sin(y * degToRad)
    const wy = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
    const px = (x / 360 + 0.5) * scale - offsetX
    const py = wy * scale - offsetY
    const cx = Math.floor(px / cellUnits) + bufferCells
    const cy = Math.floor(py / cellUnits) + bufferCells
    if (cx < 0 || cy < 0 || cx >= side || cy >= side) continue
    matched++
    const key = cy * side + cx
    counts[key] = (counts[key] as number) + 1
    const isOpen = status[row] !== closedStatusCode
    if (isOpen) open[key] = (open[key] as number) + 1
    if (isOpen && (deadlineAt[row] as number) < nowMs) {
      overdueCounts[key] = (overdueCounts[key] as number) + 1
    }
    if (wantPoints && pointRows.length <= options.maxPoints) {
      pointRows.push(row)
      pointXY.push(Math.round(px), Math.round(py))
    }
  }
  if (matched === 0) return undefined

  const density: GeoJSONVTFeaturePoint[] = []
  for (let key = 0; key < counts.length; key++) {
    const count = counts[key] as number
    if (count === 0) continue
    const cx = (key % side) - bufferCells
    const cy = Math.floor(key / side) - bufferCells
    density.push({
      type: 1,
      geometry: [[cx * cellUnits + cellUnits / 2, cy * cellUnits + cellUnits / 2]],
      tags: { count, open: open[key] as number, overdue: overdueCounts[key] as number },
    })
  }
  const result: IssueTile = { density, matched }
  if (wantPoints && pointRows.length <= options.maxPoints) {
    result.issues = pointRows.map((row, i) => issuePoint(columns, row, nowMs, pointXY, i))
  }
  return result
}

function issuePoint(
  columns: IssueColumns,
  row: number,
  nowMs: number,
  xy: number[],
  i: number,
): GeoJSONVTFeaturePoint {
  const status = columns.status[row] as number
  const issueNo = issueNoOfCode(columns.issueNo[row] as number)
  return {
    type: 1,
    geometry: [[xy[2 * i] as number, xy[2 * i + 1] as number]],
    tags: {
      id: columns.ids[row] as string,
      ...(issueNo ? { issueNo } : {}), // 问题编号, what the popup names; none while an issue has none
      status: issueStatuses[status] ?? '',
      category: issueCategories[columns.category[row] as number] ?? '',
      townshipCode: columns.townships.codes[columns.township[row] as number] ?? '',
      gridCode: columns.grids.codes[columns.grid[row] as number] ?? '',
      responsibleUnit: columns.units.codes[columns.unit[row] as number] ?? '',
      overdue: status !== closedStatusCode && (columns.deadlineAt[row] as number) < nowMs,
    },
  }
}

function isUnfiltered(f: ResolvedIssueFilter): boolean {
  return (
    f.status === -1 &&
    f.category === -1 &&
    f.township === -1 &&
    f.unit === -1 &&
    f.grid === -1 &&
    f.source === -1 &&
    f.round === -1 &&
    f.issueNo === -1 &&
    f.overdue === -1 &&
    f.fromMs === Number.NEGATIVE_INFINITY &&
    f.toMs === Number.POSITIVE_INFINITY
  )
}

function matches(
  columns: IssueColumns,
  row: number,
  f: ResolvedIssueFilter,
  nowMs: number,
): boolean {
  if (f.status !== -1 && columns.status[row] !== f.status) return false
  if (f.category !== -1 && columns.category[row] !== f.category) return false
  if (f.township !== -1 && columns.township[row] !== f.township) return false
  if (f.unit !== -1 && columns.unit[row] !== f.unit) return false
  if (f.grid !== -1 && columns.grid[row] !== f.grid) return false
  if (f.source !== -1 && columns.source[row] !== f.source) return false
  if (f.round !== -1 && columns.round[row] !== f.round) return false
  if (f.issueNo !== -1 && columns.issueNo[row] !== f.issueNo) return false
  if (f.overdue !== -1) {
    // as isOverdue(): not closed and past the deadline; no deadline is never overdue
    const overdue =
      columns.status[row] !== closedStatusCode && (columns.deadlineAt[row] as number) < nowMs
    if (overdue !== (f.overdue === 1)) return false
  }
  // an issue without a 发现时间 matches any datetime, as the items query does
  const t = columns.reportedAt[row] as number
  if (t < f.fromMs || t > f.toMs) return false
  return true
}
