// Pages of a plain bbox over a point collection, read from the covering index of migration 022:
// row by row of 0.002° cells (south to north), each row west to east, a cell's points by fid.
// The features of a page are neighbouring index entries instead of 1,000 random lookups in the
// load-ordered features table (about half the SQLite time at 1M issues, README issue 16). The
// order is fixed for a given box and data, so offsets page it; deep pages resume after the last
// fid of the page before, from that feature's cell.
import type { Database } from 'better-sqlite3'
import { cellOf, cellSql, type GridBox } from './cell-count.ts'
import type { Prepare } from './feature-table.ts'

/** One page read: the select list after `json, fid` and what it binds, the box, where to start. */
export interface PointPageRead {
  collectionId: string
  box: GridBox // [w, s, e, n] in R*Tree units, inclusive
  /** the JSON column: `f.json` or a json_remove() of it, with its parameters */
  json: { sql: string; params: unknown[] }
  /** derived columns after the fid (`, …`), with their parameters */
  derived: { sql: string; params: unknown[] }
  /** the page starts after this feature (a `nextCursor`) */
  afterFid?: number
  limit: number
  offset: number
}

const pointOnly = 'f.minx = f.maxx AND f.miny = f.maxy' // implies the partial index's WHERE
const units = (column: 'minx' | 'miny') => `CAST(round(f.${column} * 10000000) AS INTEGER)`
const inBox = `${units('minx')} BETWEEN ? AND ? AND ${units('miny')} BETWEEN ? AND ?` // w e s n

/** Rows `[json, fid, ...derived]`; undefined when the cursor's feature is no longer in the box. */
export function readPointPage(prepare: Prepare, read: PointPageRead): unknown[][] | undefined {
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
  return prepare(
    `WITH RECURSIVE cell_rows (cy) AS (SELECT ? UNION ALL SELECT cy + 1 FROM cell_rows WHERE cy < ?)
     SELECT ${read.json.sql}, f.fid${read.derived.sql} FROM cell_rows CROSS JOIN features f
     WHERE f.collection = ? AND ${pointOnly} AND ${cellSql('miny')} = cell_rows.cy
       AND ${cellSql('minx')} BETWEEN (CASE WHEN cell_rows.cy = ? THEN ? ELSE ? END) AND ?
       AND (cell_rows.cy > ? OR ${cellSql('minx')} > ? OR f.fid > ?)
       AND ${inBox}
     LIMIT ? OFFSET ?`,
  )
    .raw()
    .all(
      Math.max(cy0, cyLo),
      cyHi,
      ...read.json.params,
      ...read.derived.params,
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
    ) as unknown[][]
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
