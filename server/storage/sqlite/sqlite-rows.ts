// TableRows on a SQLite file (see table-rows.ts). Written features get their bbox columns and R*Tree
// entry here, as FeatureTable gives them; collection_stats its R*Tree ordinal and grid flag.
import Database from 'better-sqlite3'
import { bboxOf } from '../bbox-of.ts'
import type { GeoJsonFeature } from '../store.ts'
import {
  type CopiedTable,
  fromJsonText,
  type Row,
  seededTables,
  type TableRows,
} from '../table-rows.ts'
import { toGridBox } from './feature-sql.ts'

const batchRows = 2000 // rows per batch read

export function openSqliteRows(filename: string): TableRows {
  const db = new Database(filename)
  db.pragma('busy_timeout = 5000') // ms
  db.pragma('foreign_keys = ON')
  const ordinals = new Map<string, number>() // collection → R*Tree ordinal, in order of first fid
  const offGrid = new Set<string>() // collections with a bbox off the 1e-7° grid

  const toStored = (table: CopiedTable, row: Row, columns: readonly string[]) =>
    columns.map((c) => {
      const value = row[c]
      if (value === null || value === undefined) return null
      if (table.json?.includes(c)) return JSON.stringify(value)
      if (typeof value === 'boolean') return value ? 1 : 0
      return value
    })

  const writeFeatures = (rows: readonly Row[], columns: readonly string[]) => {
    const insert = db.prepare(
      `INSERT INTO features (${columns.join(', ')}, minx, miny, maxx, maxy)
       VALUES (${columns.map(() => '?').join(', ')}, ?, ?, ?, ?)`,
    )
    const rtree = db.prepare(
      'INSERT INTO features_rtree (fid, minx, maxx, miny, maxy, minc, maxc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    for (const row of rows) {
      const collection = row.collection as string
      if (!ordinals.has(collection)) ordinals.set(collection, ordinals.size + 1)
      const ordinal = ordinals.get(collection) as number
      const { geometry } = JSON.parse(row.json as string) as GeoJsonFeature
      const bbox = bboxOf(geometry)
      insert.run(...columns.map((c) => row[c] ?? null), ...(bbox ?? [null, null, null, null]))
      if (!bbox) continue
      const { box, onGrid } = toGridBox(bbox)
      if (!onGrid) offGrid.add(collection)
      const [minx, miny, maxx, maxy] = box
      rtree.run(row.fid, minx, maxx, miny, maxy, ordinal, ordinal)
    }
  }

  return {
    async columns(table) {
      return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
        (c) => c.name,
      )
    },
    async count(table) {
      return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    },
    async *read(table, columns) {
      // keyset-free paging by offset would rescan; one iterator, handed out in batches
      const rows = db
        .prepare(`SELECT ${columns.join(', ')} FROM ${table.name} ORDER BY ${table.orderBy}`)
        .iterate() as IterableIterator<Row>
      let batch: Row[] = []
      for (const row of rows) {
        for (const c of table.json ?? []) if (c in row) row[c] = fromJsonText(row[c])
        for (const c of table.flags ?? []) if (c in row) row[c] = row[c] === 1
        batch.push(row)
        if (batch.length === batchRows) {
          yield batch
          batch = []
        }
      }
      if (batch.length > 0) yield batch
    },
    async begin() {
      db.exec('BEGIN IMMEDIATE')
    },
    async write(table, columns, rows) {
      if (seededTables.has(table.name)) db.prepare(`DELETE FROM ${table.name}`).run()
      if (table.name === 'features') return writeFeatures(rows, columns)
      // collection_stats: the ordinal and grid flag are this file's, whatever the source had
      const isStats = table.name === 'collection_stats'
      const own = isStats ? columns.filter((c) => c !== 'ordinal' && c !== 'on_grid') : columns
      const names = isStats ? [...own, 'ordinal', 'on_grid'] : own
      const insert = db.prepare(
        `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      )
      for (const row of rows) {
        const values = toStored(table, row, own)
        if (isStats) {
          const collection = row.collection as string
          if (!ordinals.has(collection)) ordinals.set(collection, ordinals.size + 1)
          values.push(ordinals.get(collection) as number, offGrid.has(collection) ? 0 : 1)
        }
        insert.run(...values)
      }
    },
    async commit() {
      db.exec('COMMIT')
    },
    async rollback() {
      if (db.inTransaction) db.exec('ROLLBACK')
    },
    async close() {
      db.close()
    },
  }
}
