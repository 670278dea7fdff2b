// The rows of the anchor's 1,000-feature bbox pages read two ways on one database file,
// alternating in this process: fid lookups in the load-ordered features table (the store's path
// for a bbox with other filters) and the cell-row index it uses for a plain bbox over points
// (server/storage/sqlite/point-pages.ts). Both must return the same features; the line printed
// is the ratio of CPU time (issue 16). compareJoined then times the response body of such a page
// built from its rows (a string per feature, encoded to UTF-8) against the page joined in SQLite.
import { toFeatureCollectionBody } from '../../server/ogc/feature-collection.ts'
import type { Bbox } from '../../server/ogc/feature-query.ts'
import {
  derivedPropertiesOf,
  spliceDerivedSql,
  withDerived,
} from '../../server/storage/sqlite/derived-properties.ts'
import { derivedColumns } from '../../server/storage/sqlite/feature-sql.ts'
import { readJoinedPointPage, readPointPage } from '../../server/storage/sqlite/point-pages.ts'
import { median, openBenchDb } from './count-by-cells.ts'

const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}

export function comparePages(databasePath: string, boxes: readonly Bbox[], rounds = 5): string {
  const { db, prepare, probes } = openBenchDb(databasePath, boxes)
  try {
    const lookupsMs: number[] = []
    const cellsMs: number[] = []
    for (let round = -1; round < rounds; round++) {
      for (const { bbox, sql, params, rtreeBox } of probes) {
        let started = process.cpuUsage()
        const looked = prepare(
          `SELECT f.json, f.fid FROM (${sql} LIMIT ?) p CROSS JOIN features f ON f.fid = p.fid`,
        )
          .raw()
          .all(...params, 1001) as [string, number][]
        const lookups = cpuMs(started)
        started = process.cpuUsage()
        const read = readPointPage(
          prepare,
          { collectionId: 'issues', box: rtreeBox, limit: 1001, offset: 0 },
          { json: { sql: 'f.json', params: [] }, derived: { sql: '', params: [] } },
        ) as [string, number][]
        const cells = cpuMs(started)
        // a page of a box with more matches than the page holds differs in which features it
        // takes; a box the page holds whole must give the same set both ways
        const [a, b] = [looked.map((r) => r[1]).sort(), read.map((r) => r[1]).sort()]
        if (a.length !== b.length || (a.length <= 1000 && a.some((fid, i) => fid !== b[i]))) {
          throw new Error(`bbox ${bbox.join(',')}: lookups ${a.length} rows, cells ${b.length}`)
        }
        if (round < 0) continue // warm-up pass
        lookupsMs.push(lookups)
        cellsMs.push(cells)
      }
    }
    const [lookups, cells] = [median(lookupsMs), median(cellsMs)]
    return (
      `rows of a 1,000-feature page of the ${boxes.length} small boxes, ${cellsMs.length} each, ` +
      `CPU in this process: fid lookups p50 ${lookups.toFixed(2)} ms, cell-row index p50 ` +
      `${cells.toFixed(2)} ms (lookups / cells = ${(lookups / cells).toFixed(2)}), same rows`
    )
  } finally {
    db.close()
  }
}

export function compareJoined(databasePath: string, boxes: readonly Bbox[], rounds = 5): string {
  const { db, prepare, probes } = openBenchDb(databasePath, boxes)
  const nowMs = Date.parse('2026-12-01T00:00:00Z')
  const names = derivedPropertiesOf('issues', nowMs)
  const columns = { json: { sql: 'f.json', params: [] }, derived: derivedColumns(names, nowMs) }
  const splice = spliceDerivedSql(names)
  const bodyOf = (page: Parameters<typeof toFeatureCollectionBody>[0]) =>
    toFeatureCollectionBody(page, [], '2026-12-01T00:00:00Z')
  try {
    const rowsMs: number[] = []
    const joinedMs: number[] = []
    for (let round = -1; round < rounds; round++) {
      for (const { bbox, rtreeBox } of probes) {
        const position = { collectionId: 'issues', box: rtreeBox, limit: 1000, offset: 0 }
        let started = process.cpuUsage()
        const rows = readPointPage(prepare, position, columns) as [string, number, ...number[]][]
        const features = rows.map(([json, , ...values]) => withDerived(json, values, names))
        const fromRows = bodyOf({ features, numberMatched: 0 })
        const apart = cpuMs(started)
        started = process.cpuUsage()
        const page = readJoinedPointPage(prepare, position, columns, splice)
        const joined = bodyOf({ features: [], joined: page, numberMatched: 0 })
        const together = cpuMs(started)
        if (!fromRows.equals(joined)) throw new Error(`bbox ${bbox.join(',')}: bodies differ`)
        if (round < 0) continue // warm-up pass
        rowsMs.push(apart)
        joinedMs.push(together)
      }
    }
    const [apart, together] = [median(rowsMs), median(joinedMs)]
    return (
      `body of a 1,000-feature page of the ${boxes.length} small boxes (overdue spliced in), ` +
      `${joinedMs.length} each, CPU in this process: from rows p50 ${apart.toFixed(2)} ms, ` +
      `joined in SQLite p50 ${together.toFixed(2)} ms (rows / joined = ${(apart / together).toFixed(2)}), same bytes`
    )
  } finally {
    db.close()
  }
}
