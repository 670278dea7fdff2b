// rel=service-doc: /api as an HTML page for people (offline, no CDN), and CORS on the OGC reads.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import type { Store } from '../../server/storage/store.ts'
import { openFixtureStore } from './fixture-store.ts'
import { type RunningApp, startApp } from './start-app.ts'

let store: Store
let app: RunningApp
let listed: RunningApp

beforeAll(async () => {
  store = await openFixtureStore()
  app = await startApp({ store, config: { distDir: '/nonexistent-dist' } })
  listed = await startApp({
    store,
    config: { distDir: '/nonexistent-dist', corsOrigins: ['https://gis.example.gov.cn'] },
  })
})
afterAll(async () => {
  await app.close()
  await listed.close()
  await store.close()
})

describe('service-doc', () => {
  test('/api with Accept: text/html is the HTML page of the same API, with nothing loaded from elsewhere', async () => {
    const res = await fetch(`${app.url}/api`, {
      headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, // a browser
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<code>/collections/issues/items</code>')
    expect(html).toContain('<code>townshipCode</code>')
    expect(html).toMatch(/<code>township<\/code>.*旧名/) // the alias, marked deprecated
    expect(html).not.toMatch(/<script|<link |src=|@import/) // offline: one self-contained page
  })

  test('f=html gives the page too; GDAL and */* still get the OpenAPI JSON', async () => {
    const page = await fetch(`${app.url}/api?f=html`)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const gdal = await fetch(`${app.url}/api`, {
      headers: { Accept: 'application/vnd.oai.openapi+json;version=3.0, application/json' },
    })
    expect(gdal.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json/)
    const any = await fetch(`${app.url}/api`, { headers: { Accept: '*/*' } })
    expect((await any.json()).openapi).toBe('3.0.3')
  })

  test('the landing page links the page as rel=service-doc', async () => {
    const landing = await (await fetch(`${app.url}/`)).json()
    const link = landing.links.find((l: { rel: string }) => l.rel === 'service-doc')
    expect(link).toMatchObject({ type: 'text/html', href: `${app.url}/api?f=html` })
    expect((await fetch(link.href)).headers.get('content-type')).toMatch(/^text\/html/)
  })
})

describe('CORS on reads', () => {
  const origin = 'https://gis.example.gov.cn'

  test.each(['/', '/api', '/conformance', '/collections', '/collections/issues/items?limit=1'])(
    'GET %s from another origin is allowed, without credentials',
    async (path) => {
      const res = await fetch(app.url + path, { headers: { Origin: origin } })
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    },
  )

  test('the preflight for a display token answers GET with Authorization allowed', async () => {
    const res = await fetch(`${app.url}/collections/issues/items`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
  })

  test('the application API (/api/…) and writes get no CORS header', async () => {
    const read = await fetch(`${app.url}/api/units`, { headers: { Origin: origin } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    const write = await fetch(`${app.url}/collections/issues/items`, {
      method: 'POST',
      headers: { Origin: origin },
    })
    expect(write.status).toBe(405)
    expect(write.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('with CORS_ORIGINS set, only those origins are echoed back', async () => {
    const ok = await fetch(`${listed.url}/collections`, { headers: { Origin: origin } })
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin)
    expect(ok.headers.get('vary')).toMatch(/Origin/)
    const other = await fetch(`${listed.url}/collections`, {
      headers: { Origin: 'https://elsewhere.example.com' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('CORS_ORIGINS: * by default, none, or a list of origins; anything else stops the start', () => {
    expect(loadConfig({}).corsOrigins).toEqual(['*'])
    expect(loadConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toEqual([])
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example.cn/, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://a.example.cn', 'http://localhost:5173'])
    expect(() => loadConfig({ CORS_ORIGINS: 'a.example.cn/path' })).toThrow(/CORS_ORIGINS/)
  })
})
