// The contract every Store implementation passes (abstract-level style): SQLite runs it on
// ':memory:', a PostGIS store would run it under describe.skipIf(!process.env.PG_URL).
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import type { FeatureQuery } from '../../server/ogc/feature-query.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildCheckpoint, buildGrid, buildIssue, mulberry32 } from '../builders.ts'
import { describeLedgerStore } from './ledger-contract.ts'

function def(id: string): CollectionDef {
  const found = findCollection(id)
  if (!found) throw new Error(`no collection ${id}`)
  return found
}

const query = (q: Partial<FeatureQuery> = {}): FeatureQuery => ({
  properties: {},
  limit: 1000,
  offset: 0,
  ...q,
})
const ids = (page: { features: readonly string[] }) =>
  page.features.map((f) => String((JSON.parse(f) as { id: unknown }).id))
const ms = (iso: string) => Date.parse(iso)

/** 400 seeded points around the county seat, with varied kinds and categories. */
function scatteredCheckpoints(): GeoJsonFeature[] {
  const random = mulberry32(42)
  return Array.from({ length: 400 }, (_, i) =>
    buildCheckpoint({
      id: `cp-${i}`,
      lngLat: [
        100.2 + Number((random() * 0.2).toFixed(6)),
        25.1 + Number((random() * 0.2).toFixed(6)),
      ],
      properties: {
        kind: random() < 0.3 ? 'fixed' : 'random',
        category: random() < 0.5 ? 'market' : 'back-lane',
        townshipCode: random() < 0.5 ? '532927101' : '532927102',
      },
    }),
  )
}

function inside(f: GeoJsonFeature, [w, s, e, n]: readonly number[]): boolean {
  const [x, y] = (f.geometry as { coordinates: number[] }).coordinates as [number, number]
  return x >= (w as number) && x <= (e as number) && y >= (s as number) && y <= (n as number)
}

export function describeStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store

    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    test('a fresh store is not loaded and serves empty pages', async () => {
      expect(await store.isLoaded()).toBe(false)
      expect(await store.features('issues', query())).toEqual({ features: [], numberMatched: 0 })
      expect((await store.collectionStats()).size).toBe(0)
    })

    test('loading reports count, bbox, temporal extent and property types per collection', async () => {
      await store.loadCollections([
        {
          def: def('issues'),
          features: [
            buildIssue({
              lngLat: [100.1, 25.1],
              properties: { reportedAt: '2026-10-01T00:00:00Z' },
            }),
            buildIssue({
              lngLat: [100.3, 25.4],
              properties: { reportedAt: '2026-11-20T12:00:00Z' },
            }),
          ],
        },
      ])
      expect(await store.isLoaded()).toBe(true)
      const stats = (await store.collectionStats()).get('issues')
      expect(stats).toMatchObject({
        count: 2,
        bbox: [100.1, 25.1, 100.3, 25.4],
        temporal: [ms('2026-10-01T00:00:00Z'), ms('2026-11-20T12:00:00Z')],
      })
      expect(stats?.properties).toMatchObject({
        reportedAt: { type: 'string', format: 'date-time' },
        status: { type: 'string' },
        synthetic: { type: 'boolean' },
      })
    })

    test('bbox query returns only features inside the box, and all of them', async () => {
      const features = scatteredCheckpoints()
      await store.loadCollections([{ def: def('checkpoints'), features }])
      for (const box of [
        [100.25, 25.15, 100.3, 25.2],
        [100.2, 25.1, 100.4, 25.3],
        [100.31, 25.21, 100.311, 25.211],
        [0, 0, 1, 1],
      ]) {
        const expected = features.filter((f) => inside(f, box)).map((f) => String(f.id))
        const page = await store.features(
          'checkpoints',
          query({ bbox: box as [number, number, number, number] }),
        )
        expect(page.numberMatched).toBe(expected.length)
        expect(ids(page).sort()).toEqual(expected.sort())
      }
    })

    test('bbox edges are inclusive and exact to the stored coordinate', async () => {
      await store.loadCollections([
        {
          def: def('checkpoints'),
          features: [buildCheckpoint({ id: 'edge', lngLat: [100.123456, 25.654321] })],
        },
      ])
      const at = (bbox: [number, number, number, number]) =>
        store.features('checkpoints', query({ bbox })).then((p) => p.numberMatched)
      expect(await at([100.123456, 25.654321, 100.2, 25.7])).toBe(1)
      expect(await at([100.0, 25.6, 100.123456, 25.654321])).toBe(1)
      // a millionth of a degree away is outside, although float32 R*Tree boxes are coarser than that
      expect(await at([100.123457, 25.654321, 100.2, 25.7])).toBe(0)
      expect(await at([100.0, 25.6, 100.123456, 25.65432])).toBe(0)
    })

    test('coordinates with more than 7 decimals are matched exactly too', async () => {
      await store.loadCollections([
        {
          def: def('checkpoints'),
          features: [buildCheckpoint({ id: 'fine', lngLat: [100.123456789, 25.987654321] })],
        },
      ])
      const at = (bbox: [number, number, number, number]) =>
        store.features('checkpoints', query({ bbox })).then((p) => p.numberMatched)
      expect(await at([100.123456789, 25.9, 100.2, 26])).toBe(1)
      expect(await at([100.12345679, 25.9, 100.2, 26])).toBe(0) // 1e-9° east of the point
      expect(await at([100, 25.9, 100.123456788, 26])).toBe(0)
    })

    test('a bbox enclosing the whole collection matches every feature', async () => {
      const features = scatteredCheckpoints()
      await store.loadCollections([{ def: def('checkpoints'), features }])
      const page = await store.features(
        'checkpoints',
        query({ bbox: [-180, -90, 180, 90], limit: 10 }),
      )
      expect(page.numberMatched).toBe(400)
      expect(page.features).toHaveLength(10)
    })

    test('a polygon matches any bbox that intersects its bounds', async () => {
      await store.loadCollections([
        {
          def: def('grids'),
          features: [buildGrid({ id: 'g1', bbox: [100.3, 25.2, 100.4, 25.3] })],
        },
      ])
      const count = (bbox: [number, number, number, number]) =>
        store.features('grids', query({ bbox })).then((p) => p.numberMatched)
      expect(await count([100.35, 25.25, 100.36, 25.26])).toBe(1) // inside
      expect(await count([100.0, 25.0, 100.31, 25.21])).toBe(1) // overlapping a corner
      expect(await count([100.41, 25.2, 100.5, 25.3])).toBe(0) // beside it
    })

    test('bbox is exact on shapes: a box touching only the envelope of a polygon, a multipolygon hole or a line matches nothing', async () => {
      const feature = (id: string, geometry: GeoJsonFeature['geometry']): GeoJsonFeature => ({
        type: 'Feature',
        id,
        geometry,
        properties: { name: id },
      })
      await store.loadCollections([
        {
          def: def('townships'),
          features: [
            // triangle on [100, 25, 100.1, 25.1]: the north-east envelope corner is outside it
            feature('triangle', {
              type: 'Polygon',
              coordinates: [
                [
                  [100, 25],
                  [100.1, 25],
                  [100, 25.1],
                  [100, 25],
                ],
              ],
            }),
            // square [101, 25, 101.1, 25.1] with a hole [101.02, 25.02, 101.08, 25.08]
            feature('holed', {
              type: 'MultiPolygon',
              coordinates: [
                [
                  [
                    [101, 25],
                    [101.1, 25],
                    [101.1, 25.1],
                    [101, 25.1],
                    [101, 25],
                  ],
                  [
                    [101.02, 25.02],
                    [101.02, 25.08],
                    [101.08, 25.08],
                    [101.08, 25.02],
                    [101.02, 25.02],
                  ],
                ],
              ],
            }),
          ],
        },
        {
          def: def('rivers'),
          features: [
            feature('diagonal', {
              type: 'MultiLineString',
              coordinates: [
                [
                  [102, 25],
                  [102.1, 25.1],
                ],
              ],
            }),
          ],
        },
      ])
      const match = async (collection: string, bbox: [number, number, number, number]) =>
        ids(await store.features(collection, query({ bbox })))
      expect(await match('townships', [100.09, 25.09, 100.11, 25.11])).toEqual([]) // envelope corner
      expect(await match('townships', [100.04, 25.04, 100.06, 25.06])).toEqual(['triangle'])
      expect(await match('townships', [101.04, 25.04, 101.06, 25.06])).toEqual([]) // in the hole
      expect(await match('townships', [101.005, 25.04, 101.01, 25.06])).toEqual(['holed'])
      expect(await match('rivers', [102.08, 25.01, 102.09, 25.02])).toEqual([]) // beside the line
      expect(await match('rivers', [102.04, 25.04, 102.06, 25.06])).toEqual(['diagonal'])
      // the count agrees with the page, with a filter and across the antimeridian split too
      const page = await store.features('townships', query({ bbox: [99, 24, 102, 26] }))
      expect(page.numberMatched).toBe(2)
      const corner = await store.features(
        'townships',
        query({ bbox: [100.09, 25.09, 100.11, 25.11] }),
      )
      expect(corner.numberMatched).toBe(0)
    })

    test('a zero-size bbox (a point, a line) finds the polygon around it', async () => {
      await store.loadCollections([
        {
          def: def('grids'),
          features: [buildGrid({ id: 'g1', bbox: [100.3, 25.2, 100.4, 25.3] })],
        },
      ])
      const count = (bbox: [number, number, number, number]) =>
        store.features('grids', query({ bbox })).then((p) => p.numberMatched)
      expect(await count([100.35, 25.25, 100.35, 25.25])).toBe(1) // a point inside
      expect(await count([100.35, 25.0, 100.35, 25.25])).toBe(1) // a line into it
      expect(await count([100.45, 25.25, 100.45, 25.25])).toBe(0) // a point beside it
    })

    test('a bbox crossing the antimeridian matches both sides', async () => {
      await store.loadCollections([
        {
          def: def('checkpoints'),
          features: [
            buildCheckpoint({ id: 'east', lngLat: [179.5, 0] }),
            buildCheckpoint({ id: 'west', lngLat: [-179.5, 0] }),
            buildCheckpoint({ id: 'greenwich', lngLat: [0, 0] }),
          ],
        },
      ])
      const page = await store.features('checkpoints', query({ bbox: [179, -1, -179, 1] }))
      expect(ids(page).sort()).toEqual(['east', 'west'])
    })

    test('features without geometry match every bbox', async () => {
      await store.loadCollections([
        {
          def: def('checkpoints'),
          features: [
            { ...buildCheckpoint({ id: 'nowhere' }), geometry: null },
            buildCheckpoint({ id: 'far', lngLat: [110, 30] }),
          ],
        },
      ])
      const page = await store.features('checkpoints', query({ bbox: [100, 25, 101, 26] }))
      expect(ids(page)).toEqual(['nowhere'])
      expect((await store.collectionStats()).get('checkpoints')?.bbox).toEqual([110, 30, 110, 30])
    })

    test('property filters select exact values, alone and combined with bbox', async () => {
      const features = scatteredCheckpoints()
      await store.loadCollections([{ def: def('checkpoints'), features }])
      const fixed = features.filter((f) => f.properties?.kind === 'fixed')
      expect(
        (await store.features('checkpoints', query({ properties: { kind: 'fixed' } })))
          .numberMatched,
      ).toBe(fixed.length)
      const box = [100.2, 25.1, 100.3, 25.2] as const
      const expected = fixed.filter((f) => f.properties?.category === 'market' && inside(f, box))
      const page = await store.features(
        'checkpoints',
        query({ bbox: box, properties: { kind: 'fixed', category: 'market' } }),
      )
      expect(ids(page).sort()).toEqual(expected.map((f) => String(f.id)).sort())
    })

    test('a filter on a property without its own column still matches exactly', async () => {
      const named: CollectionDef = {
        ...def('checkpoints'),
        filters: [{ param: 'name', property: 'name', description: '名称' }],
      }
      await store.loadCollections([
        {
          def: named,
          features: [
            buildCheckpoint({ id: 'a', properties: { name: '巍山古城（示例）' } }),
            buildCheckpoint({ id: 'b', properties: { name: '农贸市场（示例）' } }),
          ],
        },
      ])
      const page = await store.features(
        'checkpoints',
        query({ properties: { name: '巍山古城（示例）' } }),
      )
      expect(ids(page)).toEqual(['a'])
    })

    test('datetime selects by the temporal property with open and closed ends', async () => {
      const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T06:00:00Z`
      await store.loadCollections([
        {
          def: def('issues'),
          features: [1, 5, 10, 15, 20].map((d) =>
            buildIssue({ id: `d${d}`, properties: { reportedAt: day(d) } }),
          ),
        },
      ])
      const select = async (startMs?: number, endMs?: number) =>
        ids(await store.features('issues', query({ datetime: { startMs, endMs } })))
      expect(await select(ms(day(5)), ms(day(15)))).toEqual(['d5', 'd10', 'd15'])
      expect(await select(ms(day(10)))).toEqual(['d10', 'd15', 'd20'])
      expect(await select(undefined, ms(day(5)))).toEqual(['d1', 'd5'])
      expect(await select(ms(day(10)), ms(day(10)))).toEqual(['d10'])
    })

    test('features without a time match every datetime', async () => {
      await store.loadCollections([
        {
          def: def('issues'),
          features: [
            buildIssue({ id: 'timed', properties: { reportedAt: '2026-01-01T00:00:00Z' } }),
            buildIssue({ id: 'untimed', properties: { reportedAt: 'unknown' } }),
          ],
        },
        { def: def('grids'), features: [buildGrid({ id: 'g' })] },
      ])
      const window = { startMs: ms('2026-11-01T00:00:00Z') }
      expect(ids(await store.features('issues', query({ datetime: window })))).toEqual(['untimed'])
      expect(ids(await store.features('grids', query({ datetime: window })))).toEqual(['g'])
    })

    test('paging is exact: pages are disjoint, stable and together hold every match', async () => {
      const features = scatteredCheckpoints()
      await store.loadCollections([{ def: def('checkpoints'), features }])
      const q = { bbox: [100.2, 25.1, 100.35, 25.3] as const, properties: { kind: 'random' } }
      const all = await store.features('checkpoints', query(q))
      const collected: string[] = []
      for (let offset = 0; offset < all.numberMatched; offset += 37) {
        const page = await store.features('checkpoints', query({ ...q, limit: 37, offset }))
        expect(page.numberMatched).toBe(all.numberMatched)
        expect(page.features.length).toBe(Math.min(37, all.numberMatched - offset))
        collected.push(...ids(page))
      }
      expect(collected).toEqual(ids(all))
      expect(new Set(collected).size).toBe(all.numberMatched)
      expect(ids(await store.features('checkpoints', query(q)))).toEqual(ids(all)) // same order again
    })

    test('an offset past the end returns no features but the exact count', async () => {
      await store.loadCollections([{ def: def('issues'), features: [buildIssue(), buildIssue()] }])
      expect(await store.features('issues', query({ offset: 5 }))).toEqual({
        features: [],
        numberMatched: 2,
      })
    })

    test('feature by id returns the stored GeoJSON; ids are scoped to their collection', async () => {
      const issue = buildIssue({ id: 'same-id', lngLat: [100.31, 25.24] })
      await store.loadCollections([
        { def: def('issues'), features: [issue] },
        { def: def('checkpoints'), features: [buildCheckpoint({ id: 'same-id' })] },
      ])
      expect(JSON.parse((await store.feature('issues', 'same-id')) ?? 'null')).toEqual({
        ...issue,
        properties: { ...issue.properties, issueNo: '2026-000001' }, // numbered as it is loaded
      })
      expect(
        JSON.parse((await store.feature('checkpoints', 'same-id')) ?? 'null').properties.kind,
      ).toBe('fixed')
      expect(await store.feature('issues', 'missing')).toBeUndefined()
      expect(await store.feature('nope', 'same-id')).toBeUndefined()
    })

    test('features without an id get their 1-based position as id', async () => {
      const { id: _dropped, ...withoutId } = buildGrid()
      await store.loadCollections([
        { def: def('grids'), features: [withoutId, withoutId] as GeoJsonFeature[] },
      ])
      expect(JSON.parse((await store.feature('grids', '2')) ?? '{}').id).toBe('2')
    })

    test('reloading a collection replaces it: loading twice gives the same result as once', async () => {
      const features = scatteredCheckpoints()
      await store.loadCollections([{ def: def('checkpoints'), features }])
      const first = await store.features('checkpoints', query({ bbox: [100.2, 25.1, 100.3, 25.2] }))
      await store.loadCollections([{ def: def('checkpoints'), features }])
      const second = await store.features(
        'checkpoints',
        query({ bbox: [100.2, 25.1, 100.3, 25.2] }),
      )
      expect(ids(second).sort()).toEqual(ids(first).sort())
      expect((await store.collectionStats()).get('checkpoints')?.count).toBe(400)
      await store.loadCollections([{ def: def('checkpoints'), features: features.slice(0, 3) }])
      expect(
        (await store.features('checkpoints', query({ bbox: [-180, -90, 180, 90] }))).numberMatched,
      ).toBe(3)
    })

    test('loading one collection leaves the others as they were', async () => {
      await store.loadCollections([
        { def: def('issues'), features: [buildIssue(), buildIssue()] },
        { def: def('grids'), features: [buildGrid()] },
      ])
      await store.loadCollections([{ def: def('grids'), features: [buildGrid(), buildGrid()] }])
      const stats = await store.collectionStats()
      expect([stats.get('issues')?.count, stats.get('grids')?.count]).toEqual([2, 2])
    })

    test('a load that fails (duplicate ids) changes nothing', async () => {
      await store.loadCollections([{ def: def('issues'), features: [buildIssue({ id: 'keep' })] }])
      await expect(
        store.loadCollections([
          { def: def('grids'), features: [buildGrid()] },
          { def: def('issues'), features: [buildIssue({ id: 'dup' }), buildIssue({ id: 'dup' })] },
        ]),
      ).rejects.toThrow(/dup/)
      expect(await store.feature('issues', 'keep')).toBeDefined()
      expect((await store.collectionStats()).has('grids')).toBe(false)
    })
  })
  describeLedgerStore(name, open)
}
