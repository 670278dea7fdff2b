// Pages of a plain bbox over points read from the cell-row index (point-pages.ts, migration 022):
// offset pages and cursor pages each visit every point in the box exactly once, in the same order
// (cell rows south to north, each west to east); a cursor whose feature has gone is refused.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import type { Bbox, FeaturePage, FeatureQuery } from '../../server/ogc/feature-query.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { StaleCursor } from '../../server/storage/store-errors.ts'
import { buildCheckpoint, buildIssue, mulberry32 } from '../builders.ts'

const random = mulberry32(22)
const round6 = (v: number) => Number(v.toFixed(6))
const points = Array.from({ length: 3000 }, (): [number, number] => [
  round6(100 + random() * 0.03),
  round6(25 + random() * 0.03),
])
const cellOf = (degrees: number) => Math.floor((Math.round(degrees * 1e7) + 1_800_000_000) / 20_000)

let dir: string
let store: Store
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'point-pages-'))
  store = await openSqliteStore(join(dir, 'store.sqlite'))
  const def = findCollection('checkpoints') as never
  const features = points.map((lngLat, i) => buildCheckpoint({ id: `cp-${i}`, lngLat }))
  await store.loadCollections([{ def, features }])
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const inBox = ([x, y]: [number, number], [w, s, e, n]: Bbox) => x >= w && x <= e && y >= s && y <= n
const idsOf = (page: FeaturePage) => page.features.map((f) => (JSON.parse(f) as { id: string }).id)
const pointOf = (id: string) => points[Number(id.slice(3))] as [number, number]
const page = (bbox: Bbox, extra: Partial<FeatureQuery>) =>
  store.features('checkpoints', { properties: {}, limit: 97, offset: 0, bbox, ...extra })

async function byOffsets(bbox: Bbox): Promise<string[]> {
  const ids: string[] = []
  for (let offset = 0; ; offset += 97) {
    const got = await page(bbox, { offset })
    ids.push(...idsOf(got))
    if (!got.hasMore) return ids
  }
}

async function byCursors(bbox: Bbox): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  for (;;) {
    const got = await page(bbox, cursor === undefined ? {} : { cursor })
    ids.push(...idsOf(got))
    if (!got.hasMore) return ids
    expect(got.nextCursor).toMatch(/^\d+$/)
    cursor = got.nextCursor
  }
}

describe('bbox pages over points', () => {
  const boxes: Bbox[] = [
    [100.004, 25.004, 100.021, 25.017], // across cell borders
    [100.002, 25.002, 100.004, 25.004], // exactly one cell
    [99.99, 25.01, 100.04, 25.04], // beyond the data on three sides
    [100.0101, 25.0101, 100.0102, 25.0102], // inside one cell, maybe empty
  ]
  test.each(boxes)(
    'offsets and cursors visit each point of %s once, in cell-row order',
    async (...bbox) => {
      const box = bbox as unknown as Bbox
      const expected = points.flatMap((p, i) => (inBox(p, box) ? [`cp-${i}`] : []))
      const offsets = await byOffsets(box)
      expect([...offsets].sort()).toEqual([...expected].sort())
      expect((await page(box, {})).numberMatched).toBe(expected.length)
      expect(await byCursors(box)).toEqual(offsets)
      const cells = offsets.map((id) => pointOf(id)).map(([x, y]) => cellOf(y) * 1e6 + cellOf(x))
      expect(cells).toEqual([...cells].sort((a, b) => a - b))
    },
  )

  test('a cursor whose feature has left the box is refused, not skipped past', async () => {
    const box: Bbox = [100.001, 25.001, 100.029, 25.029]
    const first = await page(box, {})
    const last = idsOf(first).at(-1) as string
    const raw = new Database(join(dir, 'store.sqlite'))
    raw
      .prepare(
        "UPDATE features SET minx = minx + 1, maxx = maxx + 1 WHERE collection = 'checkpoints' AND id = ?",
      )
      .run(last)
    raw.close()
    await expect(page(box, { cursor: first.nextCursor as string })).rejects.toBeInstanceOf(
      StaleCursor,
    )
  })

  test('a bulk load of 50,000 points builds the index afterwards and pages from it', async () => {
    const file = join(dir, 'bulk.sqlite')
    const bulk = await openSqliteStore(file)
    const many = Array.from({ length: 50_000 }, (_, i): [number, number] => [
      round6(100 + ((i * 7919) % 50_000) / 1e6),
      round6(25 + (i % 211) / 1e4),
    ])
    const def = findCollection('checkpoints') as never
    await bulk.loadCollections([
      { def, features: many.map((lngLat, i) => buildCheckpoint({ id: `cp-${i}`, lngLat })) },
    ])
    const raw = new Database(file, { readonly: true })
    const indexed = raw
      .prepare(
        'SELECT count(*) FROM features INDEXED BY features_point_pages WHERE minx = maxx AND miny = maxy',
      )
      .pluck()
      .get()
    raw.close()
    expect(indexed).toBe(50_000)
    const box: Bbox = [100.01, 25.001, 100.02, 25.002]
    const got = await bulk.features('checkpoints', {
      properties: {},
      limit: 10_000,
      offset: 0,
      bbox: box,
    })
    await bulk.close()
    const expected = many.flatMap((p, i) => (inBox(p, box) ? [`cp-${i}`] : []))
    expect(expected.length).toBeGreaterThan(0)
    expect(idsOf(got).sort()).toEqual(expected.sort())
  })
})

// The items route asks for a page as one text (FeatureQuery.joined): the store joins it in SQLite
// with the derived properties spliced in there. It must be the same bytes as the features read
// one by one, with the same count, hasMore and cursor, for every way a page can be cut.
describe('a bbox page over points joined in SQLite', () => {
  let issues: Store
  const nowMs = Date.parse('2026-11-10T00:00:00Z')
  beforeAll(async () => {
    issues = await openSqliteStore(join(dir, 'issues.sqlite'))
    const statuses = ['pending', 'fixing', 'closed'] as const
    const features = points.map((lngLat, i) =>
      buildIssue({
        id: `is-${i}`,
        lngLat,
        properties: {
          status: statuses[i % 3],
          deadlineAt: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T02:00:00Z`,
          description: `第 ${i} 号问题：占道经营`,
        },
      }),
    )
    await issues.loadCollections([{ def: findCollection('issues') as never, features }])
  })
  afterAll(() => issues.close())

  const variants: [string, Partial<FeatureQuery>][] = [
    ['with overdue', { nowMs }],
    ['without a clock', {}],
    ['properties=status,overdue', { nowMs, propertyNames: ['status', 'overdue'] }],
    ['properties=overdue (an empty stored object)', { nowMs, propertyNames: ['overdue'] }],
    ['properties=status', { nowMs, propertyNames: ['status'] }],
  ]
  test.each(variants)('%s: the same text, count and cursor, page after page', async (_, extra) => {
    const box: Bbox = [100.004, 25.004, 100.024, 25.021]
    let cursor: string | undefined
    let pages = 0
    for (;;) {
      const query = {
        properties: {},
        limit: 150,
        offset: 0,
        bbox: box,
        ...extra,
        ...(cursor === undefined ? {} : { cursor }),
      }
      const apart = await issues.features('issues', query)
      const joined = await issues.features('issues', { ...query, joined: true })
      expect(joined.features).toEqual([])
      expect(joined.joined?.json.toString()).toBe(apart.features.join(','))
      expect(joined.joined?.count).toBe(apart.features.length)
      expect([joined.numberMatched, joined.hasMore, joined.nextCursor]).toEqual([
        apart.numberMatched,
        apart.hasMore,
        apart.nextCursor,
      ])
      pages++
      if (!apart.hasMore) break
      cursor = apart.nextCursor
    }
    expect(pages).toBeGreaterThan(2)
  })

  test('an empty box and an offset past the end give an empty text', async () => {
    const empty = await issues.features('issues', {
      properties: {},
      limit: 10,
      offset: 0,
      bbox: [100.0101, 25.0101, 100.01011, 25.01011],
      joined: true,
    })
    expect([empty.joined?.count ?? 0, empty.hasMore ?? false]).toEqual([0, false])
    const box: Bbox = [100.004, 25.004, 100.005, 25.005]
    const all = await issues.features('issues', {
      properties: {},
      limit: 1000,
      offset: 0,
      bbox: box,
    })
    const last = await issues.features('issues', {
      properties: {},
      limit: 5,
      offset: all.features.length - 2,
      bbox: box,
      joined: true,
    })
    expect(last.joined?.json.toString()).toBe(all.features.slice(-2).join(','))
    expect(last.hasMore).toBe(false)
  })
})
