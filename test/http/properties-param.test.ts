// properties=…: pages carry only the named properties (smaller pages for maps); the rest stays
// one request away at the single-feature URL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Store } from '../../server/storage/store.ts'
import { openFixtureStore } from './fixture-store.ts'
import { type RunningApp, startApp } from './start-app.ts'

let store: Store
let app: RunningApp

beforeAll(async () => {
  store = await openFixtureStore()
  app = await startApp({ store, config: { distDir: '/nonexistent-dist' } })
})
afterAll(async () => {
  await app.close()
  await store.close()
})

interface Page {
  features: { id: string; geometry: unknown; properties: Record<string, unknown> }[]
  links: { rel: string; href: string }[]
}
const get = async (path: string) => (await (await fetch(app.url + path)).json()) as Page

describe('properties parameter', () => {
  test('only the named properties come back, in every feature, geometry and id untouched', async () => {
    const full = await get('/collections/issues/items?limit=50')
    const slim = await get('/collections/issues/items?limit=50&properties=status,category')
    expect(slim.features.map((f) => f.id)).toEqual(full.features.map((f) => f.id))
    for (const [i, f] of slim.features.entries()) {
      expect(Object.keys(f.properties).sort()).toEqual(['category', 'status'])
      expect(f.properties.status).toBe(full.features[i]?.properties.status)
      expect(f.geometry).toEqual(full.features[i]?.geometry)
    }
    const fullBytes = JSON.stringify(full.features).length
    const slimBytes = JSON.stringify(slim.features).length
    expect(slimBytes).toBeLessThan(fullBytes / 2)
  })

  test('the derived overdue is sent only when named; next links keep the selection', async () => {
    const page = await get('/collections/issues/items?limit=2&properties=overdue,status')
    for (const f of page.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['overdue', 'status'])
    }
    expect(page.links.find((l) => l.rel === 'next')?.href).toMatch(/properties=overdue,status/)
  })

  test('a name that is not a property name is a 400 naming the parameter', async () => {
    const res = await fetch(`${app.url}/collections/issues/items?properties=status,$.x`)
    expect(res.status).toBe(400)
    expect((await res.json()).detail).toMatch(/properties/)
  })
})
