// The place's bounds (server/config/place-bounds.ts) are the box of its loaded outline: GET
// /api/place serves the demo place's geodata extent; for every place with built layers, loading its
// county.geojson gives exactly that file's extent, which holds the profile's default view; without
// a county line the township lines bound it, and an empty store falls back to a box around the
// default view.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import { loadPlace, placesDir } from '../../server/config/place.ts'
import { loadedBounds, placeBounds } from '../../server/config/place-bounds.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { type LedgerApp, startLedgerApp } from '../http/ledger-app.ts'

type Bbox = readonly [number, number, number, number]

/** Where a place's layers are: the demo place's in geodata/, the others' beside their profile. */
function layerDir(code: string): string {
  return existsSync(join(placesDir, code, 'county.geojson'))
    ? join(placesDir, code)
    : join(placesDir, '..')
}

function readLayer(dir: string, id: string): GeoJsonFeature[] {
  return (
    JSON.parse(readFileSync(join(dir, `${id}.geojson`), 'utf8')) as { features: GeoJsonFeature[] }
  ).features
}

/** The extent of every position in the features, computed here without the store. */
function extentOf(features: readonly GeoJsonFeature[]): Bbox {
  const box = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[]
      box[0] = Math.min(box[0] as number, x as number)
      box[1] = Math.min(box[1] as number, y as number)
      box[2] = Math.max(box[2] as number, x as number)
      box[3] = Math.max(box[3] as number, y as number)
      return
    }
    for (const child of c) visit(child)
  }
  for (const f of features) visit((f.geometry as { coordinates?: unknown } | null)?.coordinates)
  return box as unknown as Bbox
}

async function storeWith(layers: Record<string, GeoJsonFeature[]>): Promise<Store> {
  const store = await openSqliteStore(':memory:')
  await store.loadCollections(
    Object.entries(layers).map(([id, features]) => {
      const def = findCollection(id)
      if (!def) throw new Error(`no collection ${id}`)
      return { def, features }
    }),
  )
  return store
}

const codes = readdirSync(placesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(layerDir(e.name), 'county.geojson')))
  .map((e) => e.name)

describe('place bounds', () => {
  let store: Store | undefined
  afterEach(async () => {
    await store?.close()
    store = undefined
  })

  test('every place with layers is covered', () => {
    expect(codes.length).toBeGreaterThanOrEqual(3)
  })

  test.each(codes)(
    '%s: the loaded county line bounds the place, around its default view',
    async (code) => {
      const county = readLayer(layerDir(code), 'county')
      store = await storeWith({ county })
      const bounds = await placeBounds(store, loadPlace(code))
      expect(bounds).toEqual(extentOf(county))
      const [lng, lat] = loadPlace(code).defaultView.center
      const [w, s, e, n] = bounds
      expect(lng > w && lng < e && lat > s && lat < n).toBe(true)
    },
  )

  test('without a county line, the township lines bound the place', async () => {
    const townships = readLayer(layerDir(codes[0] as string), 'townships')
    store = await storeWith({ townships })
    expect(await loadedBounds(store)).toEqual(extentOf(townships))
  })

  test('an empty store serves a box around the default view', async () => {
    store = await storeWith({})
    expect(await loadedBounds(store)).toBeUndefined()
    const bounds = await placeBounds(store, { defaultView: { center: [114, 34], zoom: 10 } })
    const half = 180 / 1024
    expect(bounds).toEqual([114 - half, 34 - half, 114 + half, 34 + half])
  })
})

describe('GET /api/place bounds', () => {
  let app: LedgerApp
  beforeAll(async () => {
    app = await startLedgerApp() // the demo place's layers from geodata/
  })
  afterAll(() => app.close())

  test("are the extent of the demo place's county outline", async () => {
    const res = await fetch(`${app.app.url}/api/place`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { bounds: number[] }
    const expected = extentOf(readLayer(join(placesDir, '..'), 'county'))
    expect(body.bounds).toHaveLength(4)
    body.bounds.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 9)
    })
  })
})
