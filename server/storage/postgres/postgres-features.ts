// The features table on PostGIS: rows prepared in JS (indexed columns, serialized GeoJSON), inserted
// in bulk through unnest; geometry parsed by ST_GeomFromGeoJSON into EPSG:4326; pages selected with
// exact ST_Intersects and served as the stored text. collection_stats keeps counts and extents.
import type { CollectionDef } from '../../collections.ts'
import { type IssueProperties, type IssueState, isOverdue } from '../../domain/issue.ts'
import type { FeaturePage, FeatureQuery } from '../../ogc/feature-query.ts'
import {
  coversExtent,
  epochMs,
  type FeatureValues,
  issuesCollectionId,
  propertyColumns,
  splitAtAntimeridian,
  toColumnValue,
  toFeatureValues,
} from '../feature-columns.ts'
import { CollectionSummary, type StatsRow } from '../sqlite/collection-summary.ts'
import { toIssueFeature } from '../sqlite/feature-table.ts'
import type { GeoJsonFeature, NewIds } from '../store.ts'
import { DuplicateId } from '../store-errors.ts'
import { param, type Queryable, query, queryOne, type Write } from './postgres-db.ts'

export { issuesCollectionId }

const columnEntries = Object.entries(propertyColumns)

/** One feature ready to insert, plus what its collection's stats need. */
export interface FeatureRow extends FeatureValues {
  id: string
  geometry: string | null // GeoJSON geometry text, NULL without a (non-empty) geometry
}

export function toFeatureRow(
  def: CollectionDef,
  id: string,
  feature: GeoJsonFeature,
  version?: number,
): FeatureRow {
  const values = toFeatureValues(def, id, feature, version)
  const geometry = values.bbox && feature.geometry ? JSON.stringify(feature.geometry) : null
  return { id, geometry, ...values }
}

const insertChunk = 2000 // rows per INSERT … SELECT FROM unnest(…)

/** Inserts rows in the given order (fid follows it). */
export async function insertFeatureRows(
  db: Queryable,
  collectionId: string,
  rows: readonly FeatureRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += insertChunk) {
    const chunk = rows.slice(start, start + insertChunk)
    const columns = columnEntries.map(([, column]) => column)
    const arrays: unknown[] = [
      collectionId,
      chunk.map((r) => r.id),
      chunk.map((r) => r.geometry),
      chunk.map((r) => r.t),
      ...columns.map((_, i) => chunk.map((r) => r.columns[i] ?? null)),
      chunk.map((r) => r.json),
      chunk.map((r) => r.version),
      chunk.map((r) => r.deadlineMs),
      chunk.map((r) => r.updatedMs),
    ]
    const names = [
      'id',
      'geometry',
      't',
      ...columns,
      'json',
      'version',
      'deadline_ms',
      'updated_ms',
    ]
    const types = [
      'text',
      'text',
      'bigint',
      ...columns.map(() => 'text'),
      'text',
      'int',
      'bigint',
      'bigint',
    ]
    await query(
      db,
      `INSERT INTO features (collection, id, geom, t, ${columns.join(', ')}, json, version, deadline_ms, updated_ms)
       SELECT $1, u.id, ST_SetSRID(ST_GeomFromGeoJSON(u.geometry), 4326), u.t, ${columns.map((c) => `u.${c}`).join(', ')},
              u.json, u.version, u.deadline_ms, u.updated_ms
       FROM unnest(${types.map((type, i) => `$${i + 2}::${type}[]`).join(', ')}) WITH ORDINALITY
         AS u(${names.join(', ')}, n)
       ORDER BY u.n`,
      arrays,
    )
  }
}

/** Rewrites an issue's row to a new state; geometry and reportedAt never change. */
export async function updateIssueRow(db: Queryable, state: IssueState): Promise<void> {
  const p = state.properties as unknown as Record<string, unknown>
  const params: unknown[] = []
  const sets = columnEntries.map(([property, column]) => {
    return `${column} = ${param(params, toColumnValue(p[property]))}`
  })
  await query(
    db,
    `UPDATE features SET ${sets.join(', ')}, json = ${param(params, JSON.stringify(toIssueFeature(state)))},
       version = ${param(params, state.version)}, deadline_ms = ${param(params, epochMs(p.deadlineAt))},
       updated_ms = ${param(params, epochMs(p.updatedAt))}
     WHERE collection = ${param(params, issuesCollectionId)} AND id = ${param(params, state.id)}`,
    params,
  )
}

// ---- stats ----

interface PgStatsRow {
  collection: string
  count: number
  without_geometry: number
  without_time: number
  minx: number | null
  miny: number | null
  maxx: number | null
  maxy: number | null
  t_min: number | null
  t_max: number | null
  properties: string
  loaded_at: string
}

/** PostGIS has no R*Tree ordinals and no grid rounding: those fields are constants here. */
function toStatsRow(row: PgStatsRow): StatsRow {
  return { ...row, ordinal: 0, on_grid: 1 }
}

export async function allStats(db: Queryable): Promise<Map<string, StatsRow>> {
  const rows = await query<PgStatsRow>(db, 'SELECT * FROM collection_stats')
  return new Map(rows.map((r) => [r.collection, toStatsRow(r)]))
}

export async function statsOf(
  db: Queryable,
  collectionId: string,
  forUpdate = false,
): Promise<StatsRow | undefined> {
  const row = await queryOne<PgStatsRow>(
    db,
    `SELECT * FROM collection_stats WHERE collection = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [collectionId],
  )
  return row && toStatsRow(row)
}

/** The summary to continue counting from (row locked): the stored row, or an empty collection. */
export async function lockedSummary(
  db: Queryable,
  collectionId: string,
): Promise<CollectionSummary> {
  const row = await statsOf(db, collectionId, true)
  return row ? CollectionSummary.fromRow(row) : new CollectionSummary(collectionId, 0)
}

export async function saveStats(db: Queryable, row: StatsRow): Promise<void> {
  await query(
    db,
    `INSERT INTO collection_stats (collection, count, without_geometry, without_time, minx, miny, maxx, maxy, t_min, t_max, properties, loaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (collection) DO UPDATE SET count = excluded.count,
       without_geometry = excluded.without_geometry, without_time = excluded.without_time,
       minx = excluded.minx, miny = excluded.miny, maxx = excluded.maxx, maxy = excluded.maxy,
       t_min = excluded.t_min, t_max = excluded.t_max, properties = excluded.properties,
       loaded_at = excluded.loaded_at`,
    [
      row.collection,
      row.count,
      row.without_geometry,
      row.without_time,
      row.minx,
      row.miny,
      row.maxx,
      row.maxy,
      row.t_min,
      row.t_max,
      row.properties,
      row.loaded_at,
    ],
  )
}

/** Records the property types of a changed feature; writes (and locks) only when a type is new. */
export async function noteChangedProperties(
  db: Queryable,
  collectionId: string,
  properties: Record<string, unknown>,
): Promise<void> {
  const widened = async (forUpdate: boolean) => {
    const row = await statsOf(db, collectionId, forUpdate)
    if (!row) return undefined
    const summary = CollectionSummary.fromRow(row)
    summary.addTypes(properties)
    const next = summary.toRow()
    return next.properties === row.properties ? undefined : next
  }
  if (!(await widened(false))) return // the usual case: a transition brings no new type
  const next = await widened(true)
  if (next) await saveStats(db, next)
}

// ---- ids ----

export async function featureExists(
  db: Queryable,
  collectionId: string,
  id: string,
): Promise<boolean> {
  const row = await queryOne(db, 'SELECT 1 FROM features WHERE collection = $1 AND id = $2', [
    collectionId,
    id,
  ])
  return row !== undefined
}

/** The next `<prefix><n>` not yet used in the collection; the counter starts past the largest n. */
export async function nextFeatureId(
  w: Write,
  collectionId: string,
  { prefix, digits }: NewIds,
): Promise<string> {
  await w.lockFeatureIds()
  const name = `${collectionId}:${prefix}`
  const stored = await queryOne<{ value: number }>(
    w.tx,
    'SELECT value FROM sequences WHERE name = $1',
    [name],
  )
  let n =
    stored?.value ??
    (
      await queryOne<{ n: number | null }>(
        w.tx,
        `SELECT max(substr(id, length($1) + 1)::bigint) AS n FROM features
         WHERE collection = $2 AND starts_with(id, $1) AND substr(id, length($1) + 1) ~ '^[0-9]{1,15}$'`,
        [prefix, collectionId],
      )
    )?.n ??
    0
  let id: string
  do {
    n++
    id = `${prefix}${String(n).padStart(digits, '0')}`
  } while (await featureExists(w.tx, collectionId, id))
  await query(
    w.tx,
    'INSERT INTO sequences (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    [name, n],
  )
  return id
}

/** Adds features: rows, stats. Generates missing ids; a taken id is DuplicateId (nothing written). */
export async function addFeatureRows(
  w: Write,
  def: CollectionDef,
  features: readonly GeoJsonFeature[],
  newIds: NewIds,
): Promise<string[]> {
  const summary = await lockedSummary(w.tx, def.id)
  const rows: FeatureRow[] = []
  const seen = new Set<string>()
  for (const feature of features) {
    const id =
      feature.id === undefined || feature.id === null
        ? await nextFeatureId(w, def.id, newIds)
        : String(feature.id)
    if (seen.has(id) || (await featureExists(w.tx, def.id, id))) throw new DuplicateId(def.id, id)
    seen.add(id)
    const row = toFeatureRow(def, id, { ...feature, id })
    summary.add(row.bbox, true, row.t ?? undefined, row.properties)
    rows.push(row)
  }
  await insertFeatureRows(w.tx, def.id, rows)
  await saveStats(w.tx, summary.toRow())
  return rows.map((r) => r.id)
}

// ---- pages ----

type DerivedFilter = (value: boolean, nowMs: number, params: unknown[]) => string

/** overdue (逾期) = not closed and past the deadline at `nowMs`, as isOverdue() in domain/issue.ts */
export function overdueSql(overdue: boolean, nowMs: number, params: unknown[]): string {
  // a missing deadline is never overdue, like Date.parse(undefined) < now in isOverdue
  const isOverdue = `(f.status IS DISTINCT FROM 'closed' AND coalesce(f.deadline_ms < ${param(params, nowMs)}, false))`
  return overdue ? isOverdue : `NOT ${isOverdue}`
}

const derivedFilters: Readonly<Record<string, DerivedFilter>> = { overdue: overdueSql }

/** A JSON property of the stored feature as text (properties without their own column). */
export function jsonProperty(property: string, params: unknown[]): string {
  return `(f.json::jsonb -> 'properties' ->> ${param(params, property)})`
}

/**
 * One page of the collection's features matching the query, in load order (fid), and the exact
 * count. Features without geometry match any bbox, features without a time any datetime
 * (/req/core/fc-bbox-response, fc-time-response).
 */
export async function featurePage(
  db: Queryable,
  collectionId: string,
  q: FeatureQuery,
  stats: StatsRow,
): Promise<FeaturePage> {
  const params: unknown[] = []
  const where = [`f.collection = ${param(params, collectionId)}`]
  for (const [property, value] of Object.entries(q.properties)) {
    const column = propertyColumns[property]
    where.push(
      `${column ? `f.${column}` : jsonProperty(property, params)} = ${param(params, value)}`,
    )
  }
  for (const [name, value] of Object.entries(q.derived ?? {})) {
    const derived = derivedFilters[name]
    if (!derived) throw new Error(`unknown derived filter ${name}`)
    if (q.nowMs === undefined) throw new Error(`derived filter ${name} needs query.nowMs`)
    where.push(derived(value === 'true', q.nowMs, params))
  }
  const { startMs, endMs } = q.datetime ?? {}
  const time: string[] = []
  if (startMs !== undefined) time.push(`f.t >= ${param(params, startMs)}`)
  if (endMs !== undefined) time.push(`f.t <= ${param(params, endMs)}`)
  if (time.length > 0) {
    where.push(
      stats.without_time > 0 ? `(f.t IS NULL OR (${time.join(' AND ')}))` : time.join(' AND '),
    )
  }
  let knownCount: number | undefined = where.length === 1 ? stats.count : undefined
  if (q.bbox && !coversExtent(q.bbox, stats)) {
    knownCount = undefined
    const boxes = splitAtAntimeridian(q.bbox).map(
      // box2d → geometry gives a point or a line for a box of zero width or height (a point query,
      // as locateGrid sends); ST_MakeEnvelope would give a degenerate polygon that matches nothing
      ([w, s, e, n]) =>
        `ST_Intersects(f.geom, ST_SetSRID(ST_MakeBox2D(ST_Point(${param(params, w)}, ${param(params, s)}), ST_Point(${param(params, e)}, ${param(params, n)}))::geometry, 4326))`,
    )
    if (stats.without_geometry > 0) boxes.push('f.geom IS NULL')
    where.push(boxes.length === 1 ? (boxes[0] as string) : `(${boxes.join(' OR ')})`)
  }
  const from = `FROM features f WHERE ${where.join(' AND ')}`
  const numberMatched =
    knownCount ??
    (q.countUpTo === undefined
      ? await queryOne<{ n: number }>(db, `SELECT count(*) AS n ${from}`, params)
      : // stop counting past the cap, as on SQLite: a box over 300,000 issues would otherwise
        // count every one of them for each page
        await cappedCount(db, from, params, q.countUpTo)
    )?.n ??
    0
  const countCapped =
    knownCount === undefined && q.countUpTo !== undefined && numberMatched > q.countUpTo
  if (!countCapped && q.cursor === undefined && numberMatched <= q.offset) {
    return { features: [], numberMatched }
  }
  // pages are in fid order: a cursor (the last fid of the page before) starts the next page after
  // it instead of skipping `offset` rows, so a deep page costs what the first one does; the fids
  // come first, and only the page's rows are read whole
  const after = q.cursor === undefined ? '' : ` AND f.fid > ${param(params, Number(q.cursor))}`
  const limit = param(params, q.limit + 1) // one more tells whether another page follows
  const offset = param(params, q.offset)
  const rows = await query<{ json: string; fid: string }>(
    db,
    `SELECT g.json, g.fid FROM (SELECT f.fid ${from}${after} ORDER BY f.fid LIMIT ${limit} OFFSET ${offset}) p
       JOIN features g ON g.fid = p.fid ORDER BY g.fid`,
    params,
  )
  const hasMore = rows.length > q.limit
  if (hasMore) rows.pop()
  const page: FeaturePage = {
    features: rows.map((r) => shapedFeature(collectionId, r.json, q.nowMs, q.propertyNames)),
    numberMatched,
    hasMore,
  }
  if (countCapped) page.countCapped = true
  const last = rows.at(-1)
  if (hasMore && last) page.nextCursor = String(last.fid)
  return page
}

/** count(*) that stops at cap + 1 (its own copy of the parameters: the page query's stay as they are). */
function cappedCount(db: Queryable, from: string, params: readonly unknown[], cap: number) {
  const own = [...params]
  return queryOne<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 ${from} LIMIT ${param(own, cap + 1)}) c`,
    own,
  )
}

/**
 * The stored JSON as a read wants it, as the SQLite store does in SQL: with the derived properties
 * (overdue, issues only) at `nowMs`, and only `propertyNames` when given. The same text otherwise.
 */
export function shapedFeature(
  collectionId: string,
  json: string,
  nowMs: number | undefined,
  propertyNames?: readonly string[],
): string {
  const derive = nowMs !== undefined && collectionId === 'issues'
  if (!derive && !propertyNames) return json
  const feature = JSON.parse(json) as { properties?: Record<string, unknown> | null }
  const properties = feature.properties ?? {}
  // derived from the whole stored issue, before any property is left out
  const overdue =
    derive && (!propertyNames || propertyNames.includes('overdue'))
      ? isOverdue(properties as unknown as IssueProperties, new Date(nowMs))
      : undefined
  if (propertyNames) {
    for (const name of Object.keys(properties)) {
      if (!propertyNames.includes(name)) delete properties[name]
    }
  }
  if (overdue !== undefined) properties.overdue = overdue
  feature.properties = properties
  return JSON.stringify(feature)
}
