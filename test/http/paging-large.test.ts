// Above 10,000 matches numberMatched is omitted (counting would cost more than the page), yet
// next links still walk every match once; deep pages without a bbox switch to a keyset cursor. On
// both stores.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import { defaultQueryLimits } from '../../server/ogc/parse-query.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildCheckpoint, mulberry32 } from '../builders.ts'
import { openTestStore } from './ledger-app.ts'
import { type RunningApp, startApp } from './start-app.ts'

const count = 12_500 // more than countUpTo and cursorFromOffset (both 10,000)
let store: Store
let app: RunningApp
let points: GeoJsonFeature[]

beforeAll(async () => {
  const random = mulberry32(3)
  points = Array.from({ length: count }, (_, i) =>
    buildCheckpoint({
      id: `cp-${i}`,
      lngLat: [100 + Number((random() * 0.5).toFixed(6)), 25 + Number((random() * 0.5).toFixed(6))],
      properties: { kind: i % 10 === 0 ? 'fixed' : 'random' },
    }),
  )
  store = await openTestStore(':memory:') // PostGIS with TEST_STORE=postgis (npm run test:postgis)
  await store.loadCollections([{ def: findCollection('checkpoints') as never, features: points }])
  app = await startApp({ store, config: { distDir: '/nonexistent-dist' } })
})
afterAll(async () => {
  await app.close()
  await store.close()
})

interface Page {
  numberMatched?: number
  numberReturned: number
  features: { id: string }[]
  links: { rel: string; href: string }[]
}

async function walk(first: string): Promise<{ ids: string[]; pages: Page[]; urls: string[] }> {
  const ids: string[] = []
  const pages: Page[] = []
  const urls: string[] = []
  let url: string | undefined = app.url + first
  while (url && urls.length < 20) {
    urls.push(url)
    const page = (await (await fetch(url)).json()) as Page
    pages.push(page)
    ids.push(...page.features.map((f) => f.id))
    url = page.links.find((l) => l.rel === 'next')?.href
  }
  return { ids, pages, urls }
}

describe('numberMatched above the threshold, and deep pages', () => {
  test('a bbox with more than 10,000 matches has no numberMatched; next links walk every match once', async () => {
    const box = [100, 25, 100.45, 25.5]
    const expected = points.filter((f) => {
      const [x, y] = (f.geometry as { coordinates: [number, number] }).coordinates
      return x <= 100.45 && y <= 25.5
    })
    expect(expected.length).toBeGreaterThan(defaultQueryLimits.countUpTo)
    const { ids, pages } = await walk(
      `/collections/checkpoints/items?bbox=${box.join(',')}&limit=4000`,
    )
    for (const page of pages) expect(page).not.toHaveProperty('numberMatched')
    expect(ids.length).toBe(expected.length)
    expect(new Set(ids)).toEqual(new Set(expected.map((f) => String(f.id))))
  })

  test('at or below the threshold numberMatched stays exact', async () => {
    const fixed = (await (
      await fetch(`${app.url}/collections/checkpoints/items?kind=fixed&limit=1`)
    ).json()) as Page
    expect(fixed.numberMatched).toBe(count / 10)
    const all = (await (
      await fetch(`${app.url}/collections/checkpoints/items?limit=1`)
    ).json()) as Page
    expect(all.numberMatched).toBe(count) // the whole collection is counted from its stats
  })

  test('without a bbox, pages past offset 10,000 follow a keyset cursor and still visit every match once', async () => {
    const { ids, urls, pages } = await walk('/collections/checkpoints/items?kind=random&limit=2000')
    const expected = points.filter((f) => f.properties?.kind === 'random').map((f) => String(f.id))
    expect(ids).toEqual(expected)
    expect(urls.some((u) => /[?&]offset=/.test(u))).toBe(true)
    expect(urls.at(-1)).toMatch(/[?&]cursor=\d+/)
    expect(urls.at(-1)).not.toMatch(/offset=/)
    const last = pages.at(-1) as Page
    expect(last.links.find((l) => l.rel === 'self')?.href).toBe(urls.at(-1))
    expect(last.links.find((l) => l.rel === 'prev')).toBeUndefined() // unknown before a cursor
  })

  // SQLite pages a bbox over points by cell rows and resumes from the cursor feature's cell
  test.skipIf(process.env.TEST_STORE === 'postgis')(
    'with a bbox, deep pages follow a cursor too; one naming no feature in the box is a 400',
    async () => {
      const { urls } = await walk(
        '/collections/checkpoints/items?bbox=100,25,100.45,25.5&limit=2000',
      )
      expect(urls.at(-1)).toMatch(/[?&]cursor=\d+/)
      const stale = await fetch(
        `${app.url}/collections/checkpoints/items?bbox=100,25,100.45,25.5&cursor=999999999`,
      )
      expect(stale.status).toBe(400)
      expect(await stale.json()).toMatchObject({
        detail: expect.stringMatching(/cursor.*重新翻页/),
      })
    },
  )

  test('cursor is checked: only digits, and never together with offset', async () => {
    const bad = await fetch(`${app.url}/collections/checkpoints/items?cursor=abc`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).detail).toMatch(/cursor/)
    const both = await fetch(`${app.url}/collections/checkpoints/items?cursor=5&offset=5`)
    expect(both.status).toBe(400)
  })
})
