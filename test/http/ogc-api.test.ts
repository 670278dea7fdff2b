// Every endpoint in process against a seeded fixture store; test names follow the Annex A ids of
// OGC API – Features – Part 1: Core 1.0.1 where one fits.
import Ajv2020 from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { collections } from '../../server/collections.ts'
import { issueNoPattern } from '../../server/domain/issue-number.ts'
import { attributionZh, disclaimerZh } from '../../server/domain/labels-zh.ts'
import { withIssueNumbers } from '../../server/storage/issue-numbers.ts'
import type { GeoJsonFeature, Store } from '../../server/storage/store.ts'
import { buildFixtures, openFixtureStore } from './fixture-store.ts'
import { ogcSchemaErrors } from './ogc-schemas.ts'
import { rawRequest } from './raw-request.ts'
import { type RunningApp, startApp } from './start-app.ts'

const fixtures = buildFixtures()
const pinnedNow = new Date('2026-11-22T08:00:00Z')
let store: Store
let app: RunningApp

beforeAll(async () => {
  store = await openFixtureStore(fixtures)
  app = await startApp({ store, now: () => pinnedNow, config: { distDir: '/nonexistent-dist' } })
})
afterAll(async () => {
  await app.close()
  await store.close()
})

// biome-ignore lint/suspicious/noExplicitAny: responses are checked by schema and assertions
type Json = any

interface Link {
  href: string
  rel: string
  type?: string
}
interface FeatureCollection {
  type: string
  numberMatched: number
  numberReturned: number
  timeStamp: string
  links: Link[]
  features: {
    id: string
    geometry: { coordinates: number[] }
    properties: Record<string, unknown>
  }[]
}

async function get(
  path: string,
  accept = 'application/json',
): Promise<{ status: number; type: string; body: Json }> {
  const res = await fetch(app.url + path, { headers: { accept } })
  const text = await res.text()
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : undefined,
  }
}
const items = async (collectionId: string, query = '') =>
  (await get(`/collections/${collectionId}/items${query}`, 'application/geo+json'))
    .body as FeatureCollection

const hrefs = (links: Link[]) => links.map((l) => l.href)
const rel = (links: Link[], name: string) => links.find((l) => l.rel === name)

describe('landing page, conformance, API definition', () => {
  test('/conf/core/root-success: the landing page links to the API, conformance and data, absolutely', async () => {
    const { status, type, body } = await get('/')
    expect(status).toBe(200)
    expect(type).toMatch(/^application\/json/)
    expect(ogcSchemaErrors('landingPage', body)).toEqual([])
    expect(rel(body.links, 'service-desc')).toMatchObject({
      href: `${app.url}/api`,
      type: 'application/vnd.oai.openapi+json;version=3.0',
    })
    expect(rel(body.links, 'conformance')?.href).toBe(`${app.url}/conformance`)
    expect(rel(body.links, 'data')?.href).toBe(`${app.url}/collections`)
    for (const href of hrefs(body.links)) expect(href).toMatch(/^https?:\/\//)
  })

  test('the landing page carries the attribution and the synthetic-data disclaimer', async () => {
    const { body } = await get('/')
    expect(body.disclaimer).toBe(disclaimerZh)
    for (const line of attributionZh) expect(body.attribution).toContain(line)
    expect(rel(body.links, 'license')).toBeDefined()
  })

  test('/conf/core/conformance-success: core, geojson, oas30 and Part 3 queryables are declared', async () => {
    const { status, body } = await get('/conformance')
    expect(status).toBe(200)
    expect(ogcSchemaErrors('confClasses', body)).toEqual([])
    expect(body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
      ]),
    )
  })

  test('/conf/core/api-definition-success: /api is OpenAPI 3.0 with its media type', async () => {
    const res = await fetch(`${app.url}/api`, {
      headers: { accept: 'application/vnd.oai.openapi+json;version=3.0' },
    })
    expect(res.status).toBe(200)
    const type = res.headers.get('content-type') ?? ''
    expect(type).toContain('application/vnd.oai.openapi+json')
    expect(type).toContain('version=3.0')
    const api = await res.json()
    expect(api.openapi).toMatch(/^3\.0\./)
    expect(api.servers).toEqual([{ url: app.url }])
  })

  test('/conf/oas30/completeness: every collection path declares bbox, datetime, limit, offset, f and its filters', async () => {
    const { body: api } = await get('/api')
    for (const def of collections) {
      const parameters = api.paths[`/collections/${def.id}/items`].get.parameters as (
        | { $ref: string }
        | { name: string }
      )[]
      const names = parameters.map((p) =>
        '$ref' in p ? (p.$ref.split('/').pop() as string) : p.name,
      )
      expect(names).toEqual(
        expect.arrayContaining([
          'bbox',
          'datetime',
          'limit',
          'offset',
          'f',
          ...def.filters.map((f) => f.param),
        ]),
      )
      for (const path of ['', '/items/{featureId}', '/queryables', '/schema']) {
        expect(api.paths[`/collections/${def.id}${path}`]?.get, `${def.id}${path}`).toBeDefined()
      }
    }
    const kind = api.paths['/collections/checkpoints/items'].get.parameters.find(
      (p: { name?: string }) => p.name === 'kind',
    )
    expect(kind).toMatchObject({
      in: 'query',
      schema: { type: 'string', enum: ['fixed', 'random'] },
    })
  })

  test('/conf/oas30/oas-impl: every path of the API definition answers 200', async () => {
    const { body: api } = await get('/api')
    // the OGC paths; the application's /api/… operations are checked in api-definition*.test.ts
    for (const path of Object.keys(api.paths).filter((p) => !p.startsWith('/api/'))) {
      const collectionId = /^\/collections\/([^/]+)/.exec(path)?.[1]
      const featureId =
        collectionId === 'issues' ? 'is-001' : collectionId === 'checkpoints' ? 'cp-001' : undefined
      if (path.includes('{featureId}') && !featureId) continue // empty collections in this fixture
      const res = await fetch(app.url + path.replace('{featureId}', featureId ?? ''))
      expect(res.status, path).toBe(200)
    }
  })
})

describe('collections', () => {
  test('/conf/core/fc-md-success: every served collection is listed with self, items, queryables and license links', async () => {
    const { status, body } = await get('/collections')
    expect(status).toBe(200)
    expect(ogcSchemaErrors('collections', body)).toEqual([])
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(collections.map((c) => c.id))
    expect(rel(body.links, 'self')?.href).toBe(`${app.url}/collections`)
    for (const collection of body.collections) {
      expect(collection.itemType).toBe('feature')
      expect(rel(collection.links, 'items')).toMatchObject({
        href: `${app.url}/collections/${collection.id}/items`,
        type: 'application/geo+json',
      })
      expect(rel(collection.links, 'self')?.href).toBe(`${app.url}/collections/${collection.id}`)
      expect(rel(collection.links, 'license')).toBeDefined()
      expect(rel(collection.links, 'describedby')?.href).toBe(
        `${app.url}/collections/${collection.id}/schema`,
      )
      expect(rel(collection.links, 'http://www.opengis.net/def/rel/ogc/1.0/queryables')?.href).toBe(
        `${app.url}/collections/${collection.id}/queryables`,
      )
    }
  })

  test('/conf/core/sfc-md-success: each collection resource repeats its entry in the list', async () => {
    const { body: list } = await get('/collections')
    for (const entry of list.collections) {
      const { status, body } = await get(`/collections/${entry.id}`)
      expect(status).toBe(200)
      expect(ogcSchemaErrors('collection', body)).toEqual([])
      expect(body).toEqual(entry)
    }
  })

  test('/conf/core/fc-md-extent: the extent encloses every feature, with a temporal interval for issues', async () => {
    const { body } = await get('/collections/issues')
    const [[w, s, e, n]] = body.extent.spatial.bbox
    for (const f of fixtures.issues) {
      const [x, y] = (f.geometry as { coordinates: number[] }).coordinates as [number, number]
      expect(x >= w && x <= e && y >= s && y <= n).toBe(true)
    }
    const times = fixtures.issues.map((f) => Date.parse(String(f.properties?.reportedAt)))
    expect(body.extent.temporal.interval).toEqual([
      [
        new Date(Math.min(...times)).toISOString().replace('.000Z', 'Z'),
        new Date(Math.max(...times)).toISOString().replace('.000Z', 'Z'),
      ],
    ])
    expect(body.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
  })

  test('synthetic collections say so in their metadata; real ones carry only attribution', async () => {
    const grids = (await get('/collections/grids')).body
    const county = (await get('/collections/county')).body
    expect(grids.disclaimer).toBe(disclaimerZh)
    expect(county.disclaimer).toBeUndefined()
    expect(county.attribution).toContain('Vonng/adcode')
  })

  test('/req/queryables/get-queryables-response: queryables are a JSON Schema 2020-12 object of the filters', async () => {
    const res = await fetch(`${app.url}/collections/checkpoints/queryables`)
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/)
    const schema = await res.json()
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${app.url}/collections/checkpoints/queryables`,
      type: 'object',
      additionalProperties: false,
    })
    expect(schema.properties.geometry).toEqual(
      expect.objectContaining({ format: 'geometry-point' }),
    )
    expect(schema.properties.geometry.type).toBeUndefined()
    expect(schema.properties.kind).toMatchObject({ type: 'string', enum: ['fixed', 'random'] })
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema)
    expect(validate({ kind: 'fixed', townshipCode: '532927101' })).toBe(true)
    expect(validate({ kind: 'mobile' })).toBe(false)
  })

  test('the describedby schema types every property, dates as date-time', async () => {
    const { status, body } = await get('/collections/issues/schema')
    expect(status).toBe(200)
    expect(body.properties.properties.properties).toMatchObject({
      reportedAt: { type: 'string', format: 'date-time', title: '发现时间' },
      status: { type: 'string', enum: ['pending', 'fixing', 'reviewing', 'closed'] },
      synthetic: { type: 'boolean' },
    })
  })
})

describe('items', () => {
  test('/conf/core/fc-response: a GeoJSON FeatureCollection with numberMatched, numberReturned and timeStamp', async () => {
    const res = await fetch(`${app.url}/collections/issues/items`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    const body = (await res.json()) as FeatureCollection
    expect(ogcSchemaErrors('featureCollectionGeoJSON', body)).toEqual([])
    expect(body).toMatchObject({
      type: 'FeatureCollection',
      numberMatched: fixtures.issues.length,
      numberReturned: fixtures.issues.length,
      timeStamp: '2026-11-22T08:00:00Z',
    })
    const first = withIssueNumbers(fixtures.issues)[0] as GeoJsonFeature
    // overdue is derived at the request's instant and added to every issue; the store numbers
    // every issue on load (问题编号, issue-numbers.ts)
    expect(first.properties?.issueNo).toMatch(issueNoPattern)
    expect(body.features[0]).toEqual({
      ...first,
      properties: { ...first.properties, overdue: false },
    })
  })

  test('/conf/core/fc-limit-response-1: limit bounds the page and numberMatched stays exact', async () => {
    const body = await items('issues', '?limit=5')
    expect(body.numberReturned).toBe(5)
    expect(body.features).toHaveLength(5)
    expect(body.numberMatched).toBe(fixtures.issues.length)
  })

  test('/conf/core/fc-limit-response-1: a limit above the maximum is clamped, not rejected', async () => {
    const body = await items('issues', '?limit=1000000')
    expect(body.numberReturned).toBe(fixtures.issues.length)
    expect(rel(body.links, 'self')?.href).toContain('limit=10000')
  })

  test('/conf/core/fc-bbox-response: only features inside the bbox, all of them', async () => {
    const box = [100.29, 25.22, 100.31, 25.245]
    const body = await items('checkpoints', `?bbox=${box.join(',')}`)
    const expected = fixtures.checkpoints.filter((f) => {
      const [x, y] = (f.geometry as { coordinates: number[] }).coordinates as [number, number]
      return (
        x >= (box[0] as number) &&
        x <= (box[2] as number) &&
        y >= (box[1] as number) &&
        y <= (box[3] as number)
      )
    })
    expect(expected.length).toBeGreaterThan(3)
    expect(body.numberMatched).toBe(expected.length)
    expect(body.features.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort())
  })

  test('/conf/core/fc-time-response: datetime filters issues by reportedAt', async () => {
    const body = await items('issues', '?datetime=2026-10-01T00:00:00Z/2026-10-31T23:59:59Z')
    const expected = fixtures.issues.filter((f) => {
      const t = String(f.properties?.reportedAt)
      return t >= '2026-10-01' && t < '2026-11-01'
    })
    expect(body.numberMatched).toBe(expected.length)
    for (const f of body.features)
      expect(String(f.properties.reportedAt).slice(0, 7)).toBe('2026-10')
  })

  test('/req/queryables-query-parameters/parameters: each queryable is a query parameter that filters', async () => {
    const fixed = await items('checkpoints', '?kind=fixed')
    expect(fixed.numberMatched).toBe(
      fixtures.checkpoints.filter((f) => f.properties?.kind === 'fixed').length,
    )
    expect(new Set(fixed.features.map((f) => f.properties.kind))).toEqual(new Set(['fixed']))
    const combined = await items('issues', '?status=closed&township=532927101&grid=532927101001001')
    const expected = fixtures.issues.filter(
      (f) =>
        f.properties?.status === 'closed' &&
        f.properties?.townshipCode === '532927101' &&
        f.properties?.gridCode === '532927101001001',
    )
    expect(combined.features.map((f) => f.id)).toEqual(expected.map((f) => f.id))
  })

  test('/conf/core/fc-links: following next links from page one visits every match once', async () => {
    let url: string | undefined = `${app.url}/collections/issues/items?status=fixing&limit=4`
    const seen: string[] = []
    let pages = 0
    while (url) {
      expect(url.startsWith(app.url)).toBe(true)
      const body = (await (await fetch(url)).json()) as FeatureCollection
      seen.push(...body.features.map((f) => f.id))
      expect(rel(body.links, 'self')?.href).toBe(url)
      if (pages > 0) expect(rel(body.links, 'prev')).toBeDefined()
      url = rel(body.links, 'next')?.href
      pages++
    }
    const expected = fixtures.issues
      .filter((f) => f.properties?.status === 'fixing')
      .map((f) => f.id)
    expect(seen).toEqual(expected)
    expect(pages).toBe(Math.ceil(expected.length / 4))
  })

  test('a collection with no data yet answers an empty page', async () => {
    const body = await items('villages')
    expect(body).toMatchObject({ numberMatched: 0, numberReturned: 0, features: [] })
  })

  test('/conf/core/f-success: one feature with top-level id and self/collection links', async () => {
    const { status, type, body } = await get(
      '/collections/checkpoints/items/cp-007',
      'application/geo+json',
    )
    expect(status).toBe(200)
    expect(type).toMatch(/^application\/geo\+json/)
    expect(ogcSchemaErrors('featureGeoJSON', body)).toEqual([])
    expect(body.id).toBe('cp-007')
    expect(rel(body.links, 'self')?.href).toBe(`${app.url}/collections/checkpoints/items/cp-007`)
    expect(rel(body.links, 'collection')?.href).toBe(`${app.url}/collections/checkpoints`)
  })

  test('HEAD answers like GET without a body, and an ETag makes a repeat a 304', async () => {
    const head = await fetch(`${app.url}/collections/issues/items?limit=3`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    // raw request: fetch adds Cache-Control: no-cache to conditional requests
    const first = await rawRequest(app.port, '/collections')
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^W\//)
    const again = await rawRequest(app.port, '/collections', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
  })

  test('large GeoJSON pages are gzip-compressed when the client accepts it', async () => {
    const res = await rawRequest(app.port, '/collections/issues/items', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers.vary).toMatch(/Accept-Encoding/i)
  })

  test('every request is logged with its query string as sent', async () => {
    await (await fetch(`${app.url}/collections/checkpoints/items?kind=fixed&limit=2`)).text()
    expect(
      app.logs.some((l) =>
        /^GET \/collections\/checkpoints\/items\?kind=fixed&limit=2 200 /.test(l),
      ),
    ).toBe(true)
  })
})
