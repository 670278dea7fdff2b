// The SQLite query shapes, and the plans SQLite picks for them: a bbox query must be driven by the
// R*Tree, never by a scan of the collection that probes the tree once per feature.
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FeatureQuery } from '../../server/ogc/feature-query.ts'
import {
  type CollectionShape,
  matchingFids,
  toGridBox,
} from '../../server/storage/sqlite/feature-sql.ts'
import { migrate } from '../../server/storage/sqlite/migrate.ts'

const query = (q: Partial<FeatureQuery> = {}): FeatureQuery => ({
  properties: {},
  limit: 10,
  offset: 0,
  ...q,
})
const shape: CollectionShape = {
  ordinal: 3,
  count: 1000,
  without_geometry: 0,
  without_time: 0,
  on_grid: 1,
  minx: 100,
  miny: 25,
  maxx: 100.5,
  maxy: 25.5,
}

describe('R*Tree grid', () => {
  test.each([
    [
      [100.123456, 25.654321, 100.123456, 25.654321],
      [1001234560, 256543210, 1001234560, 256543210],
      true,
    ],
    [
      [-179.9999999, -89.5, 179.9999999, 89.5],
      [-1799999999, -895000000, 1799999999, 895000000],
      true,
    ],
    [[100.12345678, 25, 100.12345678, 25], [1001234567, 250000000, 1001234568, 250000000], false],
  ])('%j is stored as %j (on grid: %s)', (bbox, box, onGrid) => {
    expect(toGridBox(bbox as [number, number, number, number])).toEqual({ box, onGrid })
  })
})

describe('query shapes', () => {
  test('no bbox and no filter: the count is known, pages come in load order', () => {
    expect(matchingFids('issues', query(), shape)).toMatchObject({
      knownCount: 1000,
      pageOrder: ' ORDER BY 1',
    })
  })

  test('a bbox enclosing the collection is dropped', () => {
    const fids = matchingFids('issues', query({ bbox: [99, 24, 101, 26] }), shape)
    expect(fids.sql).not.toContain('features_rtree')
    expect(fids.knownCount).toBe(1000)
  })

  test('a bbox alone on an on-grid collection is answered by the R*Tree alone', () => {
    const fids = matchingFids('issues', query({ bbox: [100.1, 25.1, 100.2, 25.2] }), shape)
    expect(fids.sql).toBe(
      'SELECT r.fid FROM features_rtree r WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND r.minc = ? AND r.maxc = ?',
    )
    expect(fids.params).toEqual([1002000000, 1001000000, 252000000, 251000000, 3, 3])
  })

  test('off the grid, R*Tree candidates are checked against the exact bbox', () => {
    const fids = matchingFids('issues', query({ bbox: [100.1, 25.1, 100.2, 25.2] }), {
      ...shape,
      on_grid: 0,
    })
    expect(fids.sql).toContain('f.minx <= ? AND f.maxx >= ?')
  })

  test('features without geometry are added to bbox results', () => {
    const fids = matchingFids('issues', query({ bbox: [100.1, 25.1, 100.2, 25.2] }), {
      ...shape,
      without_geometry: 2,
    })
    expect(fids.sql).toContain('UNION ALL SELECT f.fid FROM features f WHERE f.minx IS NULL')
  })
})

describe('query plans', () => {
  let db: Database.Database
  beforeAll(() => {
    db = new Database(':memory:')
    migrate(db) // the store's schema, empty: plans depend on the schema, not the rows
  })
  afterAll(() => db.close())

  const plan = (sql: string, params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
      (r) => r.detail,
    )

  test.each([
    ['bbox only', query({ bbox: [100.1, 25.1, 100.2, 25.2] })],
    [
      'bbox and a filter',
      query({ bbox: [100.1, 25.1, 100.2, 25.2], properties: { status: 'fixing' } }),
    ],
    ['bbox and datetime', query({ bbox: [100.1, 25.1, 100.2, 25.2], datetime: { startMs: 0 } })],
  ])('%s: the R*Tree is the outer loop', (_, q) => {
    const { sql, params } = matchingFids('issues', q, shape)
    const steps = plan(`SELECT count(*) FROM (${sql})`, params)
    expect(steps[0]).toMatch(/^SCAN r VIRTUAL TABLE INDEX 2:/)
  })
})
