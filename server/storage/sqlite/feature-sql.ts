// SQL for "which features of a collection match this query", chosen per query shape so the common
// map request (a bbox, maybe a filter) is driven by the R*Tree. Pure: text and parameters only.
import type { Bbox, FeatureQuery } from '../../ogc/feature-query.ts'
import { coversExtent, propertyColumns, splitAtAntimeridian } from '../feature-columns.ts'

/** The R*Tree stores 32-bit integers in units of 1e-7 degree (±214.7° fits). */
export const gridUnitsPerDegree = 1e7

// float error of x * 1e7 for 6–7 decimal inputs is ~1e-7 units; anything within this is "on the grid"
const gridTolerance = 1e-3

/** Integer R*Tree box for a feature bbox, rounded outwards; `onGrid` when no rounding was needed. */
export function toGridBox(bbox: Bbox): { box: [number, number, number, number]; onGrid: boolean } {
  let onGrid = true
  const snap = (degrees: number, round: (v: number) => number) => {
    const units = degrees * gridUnitsPerDegree
    const nearest = Math.round(units)
    if (Math.abs(units - nearest) < gridTolerance) return nearest
    onGrid = false
    return round(units)
  }
  const box: [number, number, number, number] = [
    snap(bbox[0], Math.floor),
    snap(bbox[1], Math.floor),
    snap(bbox[2], Math.ceil),
    snap(bbox[3], Math.ceil),
  ]
  return { box, onGrid }
}

/** Integer bounds selecting exactly the on-grid boxes that intersect a query bbox. */
function queryGridBox([w, s, e, n]: Bbox): [number, number, number, number] {
  const u = gridUnitsPerDegree
  return [
    Math.ceil(w * u - gridTolerance),
    Math.ceil(s * u - gridTolerance),
    Math.floor(e * u + gridTolerance),
    Math.floor(n * u + gridTolerance),
  ]
}

/** What the planner needs to know about a collection (a row of collection_stats). */
export interface CollectionShape {
  ordinal: number
  count: number
  without_geometry: number
  without_time: number
  on_grid: number
  minx: number | null
  miny: number | null
  maxx: number | null
  maxy: number | null
}

type DerivedFilter = (value: boolean, nowMs: number) => { sql: string; params: unknown[] }

/** overdue (逾期) = not closed and past the deadline at `nowMs`, as isOverdue() in domain/issue.ts */
export function overdueSql(overdue: boolean, nowMs: number): { sql: string; params: unknown[] } {
  // a missing deadline is never overdue, like Date.parse(undefined) < now in isOverdue
  const isOverdue = "(f.status IS NOT 'closed' AND coalesce(f.deadline_ms < ?, 0))"
  return { sql: overdue ? isOverdue : `NOT ${isOverdue}`, params: [nowMs] }
}

/** Filters computed at query time; the collection list declares them with `derived: true`. */
const derivedFilters: Readonly<Record<string, DerivedFilter>> = {
  overdue: overdueSql,
}

/** SQL function the store registers: intersects_bbox(json, w, s, e, n) → 0/1, exact geometry test. */
export const intersectsBboxFunction = 'intersects_bbox'

export interface MatchOptions {
  /** lines and polygons: refine the R*Tree's envelope candidates with intersects_bbox(); points
   * need no refining, their envelope is the point */
  refineShapes?: boolean
}

/**
 * SELECT-list expressions computing derived properties (overdue) at `nowMs`, each 0 or 1, for
 * the rows of `features f`: `sql` starts with a comma, `params` bind in its order; the i-th is
 * named `derived_i`.
 */
export function derivedColumns(
  names: readonly string[],
  nowMs: number,
): { sql: string; params: unknown[] } {
  let sql = ''
  const params: unknown[] = []
  for (const [i, name] of names.entries()) {
    const derived = derivedFilters[name]
    if (!derived) throw new Error(`unknown derived property ${name}`)
    const column = derived(true, nowMs)
    sql += `, ${column.sql} AS derived_${i}`
    params.push(...column.params)
  }
  return { sql, params }
}

export interface FidQuery {
  sql: string // selects one column, fid, of every matching feature
  params: unknown[]
  /** appended before LIMIT when paging: load order without a bbox; with one, the R*Tree's own
   * (spatially coherent) traversal order, so a page stops after `limit` rows instead of sorting */
  pageOrder: '' | ' ORDER BY 1'
  /** the exact count when it is known without running `sql` */
  knownCount?: number
  /** set when `sql` is the R*Tree probe of this one box (units of 1e-7°) and nothing else, so
   * the features without geometry aside, its rows are the collection's entries in the box */
  rtreeBox?: [number, number, number, number]
}

/**
 * Every fid of the collection matching the query's bbox, datetime and properties. Features without
 * geometry match any bbox, features without a time any datetime (/req/core/fc-bbox-response,
 * fc-time-response). Three shapes:
 * - no bbox (or one covering the whole collection): the features table and its indexes;
 * - bbox only, collection on the grid: the R*Tree alone, exact;
 * - bbox and more: R*Tree candidates (outer loop) joined to the features they name.
 */
export function matchingFids(
  collectionId: string,
  query: FeatureQuery,
  shape: CollectionShape,
  options: MatchOptions = {},
): FidQuery {
  const where = ['f.collection = ?']
  const params: unknown[] = [collectionId]
  for (const [property, value] of Object.entries(query.properties)) {
    const column = propertyColumns[property]
    if (column) {
      where.push(`f.${column} = ?`)
      params.push(value)
    } else {
      where.push('json_extract(f.json, ?) = ?')
      params.push(`$.properties.${JSON.stringify(property)}`, value)
    }
  }
  for (const [name, value] of Object.entries(query.derived ?? {})) {
    const derived = derivedFilters[name]
    if (!derived) throw new Error(`unknown derived filter ${name}`)
    if (query.nowMs === undefined) throw new Error(`derived filter ${name} needs query.nowMs`)
    const { sql, params: derivedParams } = derived(value === 'true', query.nowMs)
    where.push(sql)
    params.push(...derivedParams)
  }
  const { startMs, endMs } = query.datetime ?? {}
  const time: string[] = []
  if (startMs !== undefined) {
    time.push('f.t >= ?')
    params.push(startMs)
  }
  if (endMs !== undefined) {
    time.push('f.t <= ?')
    params.push(endMs)
  }
  if (time.length > 0) {
    where.push(
      shape.without_time > 0 ? `(f.t IS NULL OR (${time.join(' AND ')}))` : time.join(' AND '),
    )
  }
  const onlyCollection = where.length === 1

  if (!query.bbox || coversExtent(query.bbox, shape)) {
    return {
      sql: `SELECT f.fid FROM features f WHERE ${where.join(' AND ')}`,
      params,
      pageOrder: ' ORDER BY 1', // free on (collection[, filter]) indexes, which end in fid
      ...(onlyCollection ? { knownCount: shape.count } : {}),
    }
  }

  const exact = shape.on_grid === 1
  const parts: string[] = []
  const partParams: unknown[] = []
  const boxes = splitAtAntimeridian(query.bbox)
  const rtreeOnly = exact && onlyCollection && !options.refineShapes
  for (const box of boxes) {
    const [w, s, e, n] = queryGridBox(box)
    const probe =
      'r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND r.minc = ? AND r.maxc = ?'
    const probeParams = [e, w, n, s, shape.ordinal, shape.ordinal]
    if (rtreeOnly) {
      parts.push(`SELECT r.fid FROM features_rtree r WHERE ${probe}`)
      partParams.push(...probeParams)
    } else {
      // CROSS JOIN keeps the R*Tree as the outer loop; the planner would otherwise walk the
      // collection's index and probe the tree once per feature
      const recheck = exact
        ? ''
        : ' AND f.minx <= ? AND f.maxx >= ? AND f.miny <= ? AND f.maxy >= ?'
      // the exact test runs last, on rows every cheaper condition kept
      const refine = options.refineShapes
        ? ` AND ${intersectsBboxFunction}(f.json, ?, ?, ?, ?)`
        : ''
      parts.push(
        `SELECT f.fid FROM features_rtree r CROSS JOIN features f ON f.fid = r.fid WHERE ${probe}${recheck} AND ${where.join(' AND ')}${refine}`,
      )
      partParams.push(
        ...probeParams,
        ...(exact ? [] : [box[2], box[0], box[3], box[1]]),
        ...params,
        ...(options.refineShapes ? box : []),
      )
    }
  }
  if (shape.without_geometry > 0) {
    parts.push(`SELECT f.fid FROM features f WHERE f.minx IS NULL AND ${where.join(' AND ')}`)
    partParams.push(...params)
  }
  // the two halves of an antimeridian box can both hold a feature that spans the globe
  return {
    sql: parts.join(query.bbox[0] > query.bbox[2] ? ' UNION ' : ' UNION ALL '),
    params: partParams,
    pageOrder: '',
    ...(rtreeOnly && boxes.length === 1 ? { rtreeBox: queryGridBox(boxes[0] as Bbox) } : {}),
  }
}
