// numberMatched of the anchor's boxes counted two ways on one database file, alternating in this
// process: the R*Tree walk the store uses for a general query (stopping past the cap) and the
// per-cell counts it uses for a plain bbox over points (server/storage/sqlite/cell-count.ts).
// Both must agree; the line printed is the ratio (issue 16).
import Database, { type Statement } from 'better-sqlite3'
import type { Bbox } from '../../server/ogc/feature-query.ts'
import { defaultQueryLimits } from '../../server/ogc/parse-query.ts'
import { countPointsInBox } from '../../server/storage/sqlite/cell-count.ts'
import { type CollectionShape, matchingFids } from '../../server/storage/sqlite/feature-sql.ts'

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN

/**
 * The bench's database read-only, mapped as the store maps it, with cached statements, and each
 * box's R*Tree probe (a 1,000-feature page query) planned once.
 */
export function openBenchDb(databasePath: string, boxes: readonly Bbox[]) {
  const db = new Database(databasePath, { readonly: true })
  db.pragma('mmap_size = 2147418112') // as the store maps it
  const statements = new Map<string, Statement>()
  const prepare = (sql: string) => {
    const statement = statements.get(sql) ?? db.prepare(sql)
    statements.set(sql, statement)
    return statement
  }
  const shape = prepare("SELECT * FROM collection_stats WHERE collection = 'issues'").get() as
    | CollectionShape
    | undefined
  if (!shape) throw new Error(`${databasePath} has no issues`)
  const probes = boxes.map((bbox) => {
    const query = { properties: {}, limit: 1000, offset: 0, bbox }
    const { sql, params, rtreeBox } = matchingFids('issues', query, shape)
    if (!rtreeBox) throw new Error(`bbox ${bbox.join(',')} is not a plain R*Tree probe`)
    return { bbox, sql, params, rtreeBox }
  })
  return { db, prepare, shape, probes }
}

export function compareCounts(databasePath: string, boxes: readonly Bbox[], rounds = 5): string {
  const { db, prepare, shape, probes } = openBenchDb(databasePath, boxes)
  try {
    const cap = defaultQueryLimits.countUpTo
    const walkMs: number[] = []
    const cellsMs: number[] = []
    for (let round = -1; round < rounds; round++) {
      for (const { bbox, sql, params, rtreeBox } of probes) {
        let started = performance.now()
        const walked = prepare(`SELECT count(*) FROM (${sql} LIMIT ?)`)
          .pluck()
          .get(...params, cap + 1) as number
        const walk = performance.now() - started
        started = performance.now()
        const summed = countPointsInBox(prepare, 'issues', shape.ordinal, rtreeBox, cap)
        const cells = performance.now() - started
        if (Math.min(walked, cap + 1) !== Math.min(summed, cap + 1)) {
          throw new Error(`bbox ${bbox.join(',')}: walked ${walked}, cells ${summed}`)
        }
        if (round < 0) continue // warm-up pass
        walkMs.push(walk)
        cellsMs.push(cells)
      }
    }
    const [walk, cells] = [median(walkMs), median(cellsMs)]
    return (
      `numberMatched of the ${boxes.length} small boxes (exact up to ${cap.toLocaleString('en')}), ` +
      `${walkMs.length} each, this process: R*Tree walk p50 ${walk.toFixed(3)} ms, ` +
      `cells p50 ${cells.toFixed(3)} ms (walk / cells = ${(walk / cells).toFixed(2)}), same counts`
    )
  } finally {
    db.close()
  }
}
