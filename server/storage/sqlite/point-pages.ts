// Pages of a plain bbox over a point collection, read from the covering index of migration 022:
// row by row of 0.002° cells (south to north), each row west to east, a cell's points by fid.
// The features of a page are neighbouring index entries instead of 1,000 random lookups in the
// load-ordered features table (about half the SQLite time at 1M issues, README issue 16). The
// order is fixed for a given box and data, so offsets page it; deep pages resume after the last
// fid of the page before, from that feature's cell.
import type { Database } from 'better-sqlite3'
import { cellOf, cellSql, type GridBox } from './cell-count.ts'
import type { Prepare } from './feature-table.ts'

/** Where a page starts and how long it is. */
export interface PointPagePosition {
  collectionId: string
  box: GridBox // [w, s, e, n] in R*Tree units, inclusive
  /** the page starts after this feature (a `nextCursor`) */
  afterFid?: number
  limit: number
  offset: number
}

/** What a page reads of each feature. */
export interface PointPageColumns {
  /** the JSON column: `f.json` or a json_remove() of it, with its parameters */
  json: { sql: string; params: unknown[] }
  /** derived columns (derivedColumns(): `, … AS derived_0`), with their parameters */
  derived: { sql: string; params: unknown[] }
}

const pointOnly = 'f.minx = f.maxx AND f.miny = f.maxy' // implies the partial index's WHERE
const units = (column: 'minx' | 'miny') => `CAST(round(f.${column} * 10000000) AS INTEGER)`
const inBox = `${units('minx')} BETWEEN ? AND ? AND ${units('miny')} BETWEEN ? AND ?` // w e s n

/** Rows `[json, fid, ...derived]`; undefined when the cursor's feature is no longer in the box. */
export function readPointPage(
  prepare: Prepare,
  position: PointPagePosition,
  { json, derived }: PointPageColumns,
): unknown[][] | undefined {
  const page = pageSql(prepare, position)
  return (
    page &&
    (prepare(page.sql(`${json.sql}, f.fid${derived.sql}`))
      .raw()
      .all(...page.before, ...json.params, ...derived.params, ...page.params) as unknown[][])
  )
}

/** A page as one text: its features' JSON joined by commas, as UTF-8 bytes. */
export interface JoinedPage {
  json: Buffer
  count: number
  hasMore: boolean
  lastFid?: number
}

/**
 * The same page joined in SQLite: each feature's text is its JSON with the derived properties
 * spliced in by `splice` (spliceDerivedSql over the columns `json` and `derived_i`), the texts
 * joined by commas. No string per feature in V8 and no UTF-8 round trip before the socket: half
 * the CPU of reading the rows (README issue 16). Undefined as readPointPage.
 */
export function readJoinedPointPage(
  prepare: Prepare,
  position: PointPagePosition,
  { json, derived }: PointPageColumns,
  splice: string,
): JoinedPage | undefined {
  // one row past the page says whether another follows; the fids and byte lengths, joined too,
  // name the page's last feature and where the extra one starts. The middle LIMIT keeps SQLite
  // from flattening it, so each feature's text is built once: LIMIT subqueries are read in order.
  const page = pageSql(prepare, { ...position, limit: position.limit + 1 })
  if (!page) return undefined
  const [text, count, fids, lengths] = prepare(
    `SELECT CAST(group_concat(feature, ',') AS BLOB), count(*), group_concat(fid),
       group_concat(length(CAST(feature AS BLOB)))
     FROM (SELECT ${splice} AS feature, fid
       FROM (${page.sql(`${json.sql} AS json, f.fid AS fid${derived.sql}`)}) LIMIT -1)`,
  )
    .raw()
    .get(...page.before, ...json.params, ...derived.params, ...page.params) as [
    Buffer | null,
    number,
    string | null,
    string | null,
  ]
  if (text === null || fids === null || lengths === null) {
    return { json: Buffer.alloc(0), count: 0, hasMore: false }
  }
  const hasMore = count > position.limit
  const end = hasMore ? fids.lastIndexOf(',') : fids.length
  const fid = fids.slice(fids.lastIndexOf(',', end - 1) + 1, end)
  const extra = hasMore ? Number(lengths.slice(lengths.lastIndexOf(',') + 1)) + 1 : 0
  return {
    json: text.subarray(0, text.length - extra),
    count: count - (hasMore ? 1 : 0),
    hasMore,
    ...(fid === '' ? {} : { lastFid: Number(fid) }),
  }
}

/** The page query around a select list, with the parameters bound before and after the list's. */
interface PageSql {
  sql: (select: string) => string
  before: unknown[]
  params: unknown[]
}

function pageSql(prepare: Prepare, read: PointPagePosition): PageSql | undefined {
  const [w, s, e, n] = read.box
  // no cursor: a position before the box, so the first row starts at its west edge
  let from: [number, number, number] = [-1, -1, -1]
  if (read.afterFid !== undefined) {
    const cell = prepare(
      `SELECT ${cellSql('miny')}, ${cellSql('minx')} FROM features f
       WHERE f.fid = ? AND f.collection = ? AND ${pointOnly} AND ${inBox}`,
    )
      .raw()
      .get(read.afterFid, read.collectionId, w, e, s, n) as [number, number] | undefined
    if (!cell) return undefined
    from = [cell[0], cell[1], read.afterFid]
  }
  const [cy0, cx0, fid0] = from
  const [cyLo, cyHi, cxLo, cxHi] = [cellOf(s), cellOf(n), cellOf(w), cellOf(e)]
  return {
    before: [Math.max(cy0, cyLo), cyHi],
    sql: (select) =>
      `WITH RECURSIVE cell_rows (cy) AS (SELECT ? UNION ALL SELECT cy + 1 FROM cell_rows WHERE cy < ?)
       SELECT ${select} FROM cell_rows CROSS JOIN features f
       WHERE f.collection = ? AND ${pointOnly} AND ${cellSql('miny')} = cell_rows.cy
         AND ${cellSql('minx')} BETWEEN (CASE WHEN cell_rows.cy = ? THEN ? ELSE ? END) AND ?
         AND (cell_rows.cy > ? OR ${cellSql('minx')} > ? OR f.fid > ?)
         AND ${inBox}
       LIMIT ? OFFSET ?`,
    params: [
      read.collectionId,
      cy0,
      Math.max(cx0, cxLo),
      cxLo,
      cxHi,
      cy0,
      cx0,
      fid0,
      w,
      e,
      s,
      n,
      read.limit,
      read.offset,
    ],
  }
}

/**
 * Runs a bulk load with the point-pages index dropped, then builds it again from its stored
 * definition (migration 022), all inside the caller's transaction: one sorted build of 1M entries
 * costs a fraction of 1M inserts at random places in it. Worth it only when the load is most of
 * the table, since the rebuild covers every collection.
 */
export function loadWithPointPagesRebuilt(db: Database, load: () => void): void {
  const definition = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'features_point_pages'")
    .pluck()
    .get() as string | undefined
  if (definition) db.exec('DROP INDEX features_point_pages')
  load()
  if (definition) db.exec(definition)
}
