// numberMatched of a point bbox from the per-cell counts (cell-count.ts, migration 021): equal to
// counting the points one by one for boxes on, across and inside cell borders, with and without a
// cap; the cells follow inserts, moves and deletes; a collection holding anything but points is
// counted in SQL as before.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import type { Bbox, FeatureQuery } from '../../server/ogc/feature-query.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildCheckpoint, mulberry32 } from '../builders.ts'

const cell = 0.002 // degrees, as cellUnits
const random = mulberry32(21)
const round6 = (v: number) => Number(v.toFixed(6))
// two clusters: one near (100.01, 25.02), one around (0, 0) so negative units are crossed too
function randomPoint(): [number, number] {
  return random() < 0.8
    ? [round6(99.99 + random() * 0.04), round6(25 + random() * 0.04)]
    : [round6(-0.005 + random() * 0.01), round6(-0.005 + random() * 0.01)]
}
// points exactly on cell corners and one unit (1e-7°) beside them
const round7 = (v: number) => Number(v.toFixed(7))
const corners = [
  [100, 25],
  [100.002, 25.002],
  [100.004, 25.004],
  [0, 0],
  [-0.002, -0.002],
  [0.002, 0.002],
]
const beside = [-1e-7, 0, 1e-7]
const borderPoints = corners.flatMap(([x, y]) =>
  beside.flatMap((dx) =>
    beside.map((dy): [number, number] => [round7((x as number) + dx), round7((y as number) + dy)]),
  ),
)
const points: [number, number][] = [...Array.from({ length: 4000 }, randomPoint), ...borderPoints]

let dir: string
let store: Store
let raw: Database.Database

const checkpoints = (lngLats: readonly [number, number][], extra: GeoJsonFeature[] = []) => [
  {
    def: findCollection('checkpoints') as never,
    features: [...lngLats.map((lngLat, i) => buildCheckpoint({ id: `cp-${i}`, lngLat })), ...extra],
  },
]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cell-count-'))
  store = await openSqliteStore(join(dir, 'store.sqlite'))
  await store.loadCollections(checkpoints(points))
  raw = new Database(join(dir, 'store.sqlite'))
})
afterAll(async () => {
  raw.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const inBox = ([x, y]: [number, number], [w, s, e, n]: Bbox) => x >= w && x <= e && y >= s && y <= n
const matched = async (bbox: Bbox, countUpTo?: number) => {
  const query: FeatureQuery = { properties: {}, limit: 1, offset: 0, bbox }
  if (countUpTo !== undefined) query.countUpTo = countUpTo
  return store.features('checkpoints', query)
}
// box corners: anywhere, on a cell border, or one unit beside one
function corner(from: number, span: number): number {
  const v = from + random() * span
  const pick = random()
  if (pick < 0.4) return round6(v)
  const border = Math.round(v / cell) * cell
  return round7(border + (pick < 0.7 ? 0 : pick < 0.85 ? 1e-7 : -1e-7))
}
function randomBox(): Bbox {
  const [x0, y0] = random() < 0.8 ? [99.985, 24.995] : [-0.007, -0.007]
  const span = random() < 0.5 ? 0.05 : 0.008
  const a = [corner(x0, span), corner(x0, span)].sort((p, q) => p - q)
  const b = [corner(y0, span), corner(y0, span)].sort((p, q) => p - q)
  return [a[0] as number, b[0] as number, a[1] as number, b[1] as number]
}

describe('counting points by cells', () => {
  test('400 boxes: the exact count, and with a cap of 50 exact up to it and flagged above', async () => {
    let overCap = 0
    for (let i = 0; i < 400; i++) {
      const box = randomBox()
      const expected = points.filter((p) => inBox(p, box)).length
      expect((await matched(box)).numberMatched, JSON.stringify(box)).toBe(expected)
      const capped = await matched(box, 50)
      if (expected > 50) {
        overCap++
        expect(
          capped.countCapped,
          `${JSON.stringify(box)} ${expected} ${capped.numberMatched}`,
        ).toBe(true)
        expect(capped.numberMatched).toBeGreaterThan(50)
      } else {
        expect(capped.countCapped).toBeUndefined()
        expect(capped.numberMatched).toBe(expected)
      }
    }
    expect(overCap).toBeGreaterThan(50) // the boxes exercise both sides of the cap
  })

  test('the store counts from the cells (a changed cell shows in numberMatched)', async () => {
    const box: Bbox = [99.99, 25, 100.03, 25.04]
    const before = (await matched(box)).numberMatched
    const where = "collection = 'checkpoints' AND cx = 140000 AND cy = 102500"
    const cellRow = raw.prepare(`SELECT n FROM feature_cells WHERE ${where}`).get()
    expect(cellRow).toBeDefined() // the cell at 100.000–100.002°, 25.000–25.002° holds points
    raw.prepare(`UPDATE feature_cells SET n = n + 1000 WHERE ${where}`).run()
    try {
      expect((await matched(box)).numberMatched).toBe(before + 1000)
    } finally {
      raw.prepare(`UPDATE feature_cells SET n = n - 1000 WHERE ${where}`).run()
    }
  })

  test('inserts, moves and deletes keep every cell equal to its points', () => {
    const fids = raw
      .prepare("SELECT fid FROM features WHERE collection = 'checkpoints' ORDER BY fid LIMIT 30")
      .pluck()
      .all() as number[]
    const cellsNow = () =>
      raw
        .prepare('SELECT collection, cx, cy, n FROM feature_cells WHERE n > 0 ORDER BY 1, 2, 3')
        .all()
    const cellsRecounted = () =>
      raw
        .prepare(
          `SELECT collection, (CAST(round(minx * 1e7) AS INTEGER) + 1800000000) / 20000 AS cx,
             (CAST(round(miny * 1e7) AS INTEGER) + 1800000000) / 20000 AS cy, count(*) AS n
           FROM features WHERE minx IS NOT NULL AND minx = maxx AND miny = maxy
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        )
        .all()
    const changeAndCheck = raw.transaction(() => {
      const move = raw.prepare(
        'UPDATE features SET minx = ?, maxx = ?, miny = ?, maxy = ? WHERE fid = ?',
      )
      for (const fid of fids.slice(0, 10)) move.run(100.0301, 100.0301, 25.0301, 25.0301, fid)
      // a point that becomes a box leaves the cells; one that is deleted too
      move.run(100, 100.01, 25, 25.01, fids[10])
      for (const fid of fids.slice(11, 20))
        raw.prepare('DELETE FROM features WHERE fid = ?').run(fid)
      raw
        .prepare(
          "INSERT INTO features (collection, id, minx, miny, maxx, maxy, json) VALUES ('checkpoints', 'new-1', -0.0031, 0.0042, -0.0031, 0.0042, '{}')",
        )
        .run()
      expect(cellsNow()).toEqual(cellsRecounted())
      const total = raw
        .prepare("SELECT n FROM feature_cell_totals WHERE collection = 'checkpoints'")
        .pluck()
        .get()
      expect(total).toBe(points.length - 10 + 1)
      throw new Rollback()
    })
    expect(changeAndCheck).toThrow(Rollback) // leaves the store as it was
  })

  test('a collection with a line among its points is counted in SQL, exactly', async () => {
    const line: GeoJsonFeature = {
      type: 'Feature',
      id: 'line',
      geometry: {
        type: 'LineString',
        coordinates: [
          [100.001, 25.001],
          [100.021, 25.011],
        ],
      },
      properties: { name: '线' },
    }
    await store.loadCollections(checkpoints(points, [line]))
    const where = "collection = 'checkpoints' AND cx = 140000 AND cy = 102500"
    raw.prepare(`UPDATE feature_cells SET n = n + 1000 WHERE ${where}`).run()
    try {
      for (let i = 0; i < 50; i++) {
        const box = randomBox()
        const [w, s, e, n] = box
        const lineMatches = w <= 100.021 && e >= 100.001 && s <= 25.011 && n >= 25.001 ? 1 : 0
        const expected = points.filter((p) => inBox(p, box)).length + lineMatches
        expect((await matched(box)).numberMatched, JSON.stringify(box)).toBe(expected)
      }
    } finally {
      raw.prepare(`UPDATE feature_cells SET n = n - 1000 WHERE ${where}`).run()
      await store.loadCollections(checkpoints(points))
    }
  })
})

class Rollback extends Error {}
