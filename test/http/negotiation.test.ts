// Content negotiation (Accept first, `f` overrides), the map app at `/`, static files and the SPA
// fallback, and links built from PUBLIC_BASE_URL.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Store } from '../../server/storage/store.ts'
import { openFixtureStore } from './fixture-store.ts'
import { rawRequest } from './raw-request.ts'
import { type RunningApp, startApp } from './start-app.ts'

const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
const indexHtml = '<!doctype html><title>巍山</title><div id="root"></div>'

let store: Store
let withClient: RunningApp // dist/ built
let apiOnly: RunningApp // no dist/
let proxied: RunningApp // PUBLIC_BASE_URL set
const dist = mkdtempSync(join(tmpdir(), 'weishan-dist-'))

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), indexHtml)
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
  writeFileSync(join(dist, 'assets', 'maplibre-gl-worker-def456.mjs'), 'self.onmessage = () => {}')
  writeFileSync(join(dist, '.secret'), 'hidden')
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"巡查通","start_url":"m"}')
  writeFileSync(join(dist, 'sw.js'), "self.addEventListener('fetch', () => {})")
  store = await openFixtureStore()
  withClient = await startApp({ store, config: { distDir: dist } })
  apiOnly = await startApp({ store, config: { distDir: join(dist, 'missing') } })
  proxied = await startApp({
    store,
    config: { distDir: dist, publicBaseUrl: 'https://example.gov.cn/inspection' },
  })
})
afterAll(async () => {
  await Promise.all([withClient.close(), apiOnly.close(), proxied.close()])
  await store.close()
  rmSync(dist, { recursive: true, force: true })
})

async function typeOf(app: RunningApp, path: string, accept?: string): Promise<[number, string]> {
  const res = await fetch(app.url + path, { headers: accept ? { accept } : {} })
  await res.arrayBuffer()
  return [res.status, (res.headers.get('content-type') ?? '').split(';')[0] as string]
}

describe('content negotiation', () => {
  test.each([
    ['/', 'application/json'],
    ['/conformance', 'application/json'],
    ['/api', 'application/vnd.oai.openapi+json'],
    ['/collections', 'application/json'],
    ['/collections/issues', 'application/json'],
    ['/collections/issues/items', 'application/geo+json'],
    ['/collections/issues/items/is-001', 'application/geo+json'],
    ['/collections/issues/queryables', 'application/schema+json'],
  ])('Accept: */* (OWSLib) on %s gets %s', async (path, type) => {
    expect(await typeOf(withClient, path, '*/*')).toEqual([200, type])
    expect(await typeOf(withClient, path)).toEqual([200, type]) // no Accept at all
  })

  test.each([
    ['/collections/issues/items', 'application/json', 'application/json'],
    ['/collections/issues/items', 'application/geo+json, application/json', 'application/geo+json'],
    ['/api', 'application/json', 'application/json'],
    ['/collections/issues/queryables', 'application/json', 'application/json'],
  ])('Accept on %s picks %s → %s', async (path, accept, type) => {
    expect(await typeOf(withClient, path, accept)).toEqual([200, type])
  })

  test('a browser asking for /collections gets JSON, since its Accept ends in */*', async () => {
    expect(await typeOf(withClient, '/collections', browserAccept)).toEqual([
      200,
      'application/json',
    ])
  })

  test('/conf/core/http: an Accept that no representation satisfies is a 406 problem', async () => {
    const res = await fetch(`${withClient.url}/collections`, { headers: { accept: 'image/png' } })
    expect(res.status).toBe(406)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await res.json()).code).toBe('NotAcceptable')
  })

  test('f=json wins over the Accept header', async () => {
    expect(await typeOf(withClient, '/?f=json', browserAccept)).toEqual([200, 'application/json'])
    expect(await typeOf(withClient, '/collections?f=json', 'image/png')).toEqual([
      200,
      'application/json',
    ])
  })

  test('responses that depend on Accept say so in Vary', async () => {
    const res = await fetch(`${withClient.url}/collections`)
    expect(res.headers.get('vary')).toMatch(/Accept/)
  })
})

describe('the map app at /', () => {
  test('a browser navigating to / gets index.html when the client is built', async () => {
    const res = await fetch(`${withClient.url}/`, { headers: { accept: browserAccept } })
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toBe(indexHtml)
  })

  test('the map keeps its own query string: unknown parameters do not stop the HTML', async () => {
    const res = await fetch(`${withClient.url}/?layers=issues,grids&z=12`, {
      headers: { accept: browserAccept },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(indexHtml)
  })

  test('f=html serves the map and is advertised as the alternate of the landing page', async () => {
    expect(await typeOf(withClient, '/?f=html', '*/*')).toEqual([200, 'text/html'])
    const landing = await (await fetch(`${withClient.url}/`)).json()
    expect(landing.links).toContainEqual(
      expect.objectContaining({
        rel: 'alternate',
        type: 'text/html',
        href: `${withClient.url}/?f=html`,
      }),
    )
  })

  test('without a built client, a browser gets the JSON landing page and f=html is a 400', async () => {
    expect(await typeOf(apiOnly, '/', browserAccept)).toEqual([200, 'application/json'])
    const res = await fetch(`${apiOnly.url}/?f=html`)
    expect(res.status).toBe(400)
    expect((await res.json()).parameter).toBe('f')
  })
})

describe('static files and the SPA fallback', () => {
  test('built assets are served with long-lived caching, .mjs as JavaScript', async () => {
    const js = await fetch(`${withClient.url}/assets/index-abc123.js`)
    expect(js.status).toBe(200)
    expect(js.headers.get('cache-control')).toContain('immutable')
    const worker = await fetch(`${withClient.url}/assets/maplibre-gl-worker-def456.mjs`)
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/)
  })

  test('the phone app: /m is the app; its manifest and service worker are served, the worker never as immutable', async () => {
    const page = await fetch(`${withClient.url}/m`, { headers: { accept: browserAccept } })
    expect(page.status).toBe(200)
    expect(await page.text()).toBe(indexHtml)
    const manifest = await fetch(`${withClient.url}/manifest.webmanifest`)
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/)
    expect((await manifest.json()).start_url).toBe('m')
    const worker = await fetch(`${withClient.url}/sw.js`)
    expect(worker.headers.get('content-type')).toMatch(/^(text|application)\/javascript/)
    // a new build must reach phones: the worker is revalidated, unlike the hashed assets
    expect(worker.headers.get('cache-control')).not.toContain('immutable')
  })

  test('a browser navigating to a client route gets index.html', async () => {
    const res = await fetch(`${withClient.url}/wall?theme=dark`, {
      headers: { accept: browserAccept },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(indexHtml)
  })

  test.each([
    ['/wall', 'application/json'], // not an HTML navigation
    ['/wall', '*/*'],
    ['/collections/issues/nothing', browserAccept], // API-looking
    ['/api/issues/1', browserAccept],
    ['/assets/missing.js', browserAccept], // a missing file, not a page
    ['/.secret', browserAccept], // dotfiles are not served
  ])('%s with Accept %s is a 404 problem, not the app', async (path, accept) => {
    const res = await fetch(withClient.url + path, { headers: { accept } })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  test.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/%2e%2e%5cpackage.json',
    '/assets/%00.js',
    '//etc/passwd',
  ])('path traversal %s leaks nothing: a 4xx, or the app itself', async (path) => {
    const res = await rawRequest(withClient.port, path, { headers: { accept: browserAccept } })
    expect(res.status).toBeLessThan(500)
    if (res.status < 400) expect(res.body).toBe(indexHtml)
    expect(res.body).not.toContain('weishan-inspection-map')
    expect(res.body).not.toContain('root:')
  })
})

describe('links honour PUBLIC_BASE_URL', () => {
  const collectHrefs = (value: unknown, out: string[] = []): string[] => {
    if (Array.isArray(value)) for (const v of value) collectHrefs(v, out)
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'href' || k === '$id' || k === 'url') out.push(String(v))
        else collectHrefs(v, out)
      }
    }
    return out
  }

  test.each([
    '/',
    '/collections',
    '/collections/issues',
    '/collections/issues/items?limit=2',
    '/collections/issues/items/is-001',
    '/collections/issues/queryables',
    '/api',
  ])('every href of %s is under the public base URL', async (path) => {
    const body = await (await fetch(proxied.url + path)).json()
    const hrefs = collectHrefs(body).filter(
      // licences, sources, and the example of a 企业微信 robot's webhook (a channel's data, not a link)
      (h) => h.startsWith('http') && !/creativecommons|naturalearth|qyapi\.weixin\.qq\.com/.test(h),
    )
    expect(hrefs.length).toBeGreaterThan(0)
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/example\.gov\.cn\/inspection(\/|$)/)
  })

  test('without it, links use the Host the client sent, and a malformed Host is ignored', async () => {
    const ok = await rawRequest(apiOnly.port, '/collections', {
      headers: { host: 'gis.weishan.local:8080' },
    })
    expect(JSON.parse(ok.body).links[0].href).toBe('http://gis.weishan.local:8080/collections')
    const bad = await rawRequest(apiOnly.port, '/collections', {
      headers: { host: 'evil"/><script>' },
    })
    expect(bad.status).toBeLessThan(500)
    if (bad.status === 200)
      expect(JSON.parse(bad.body).links[0].href).toBe('http://localhost/collections')
  })
})
