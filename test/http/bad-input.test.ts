// Bad input gets a 4xx problem+json naming what is wrong; nothing a client sends produces a 5xx.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Store } from '../../server/storage/store.ts'
import { mulberry32 } from '../builders.ts'
import { openFixtureStore } from './fixture-store.ts'
import { ogcSchemaErrors } from './ogc-schemas.ts'
import { rawRequest } from './raw-request.ts'
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

const items = '/collections/issues/items'

describe('bad parameters and paths', () => {
  test.each([
    // path, status, parameter named in the body (or a word the detail must contain)
    [`${items}?bbox=100,25,101`, 400, 'bbox'],
    [`${items}?bbox=100,25,101,26,1`, 400, 'bbox'],
    [`${items}?bbox=NaN,25,101,26`, 400, 'bbox'],
    [`${items}?bbox=100,26,101,25`, 400, 'bbox'],
    [`${items}?bbox=west,south,east,north`, 400, 'bbox'],
    [`${items}?bbox=1e309,25,101,26`, 400, 'bbox'],
    [`${items}?limit=0`, 400, 'limit'],
    [`${items}?limit=abc`, 400, 'limit'],
    [`${items}?limit=-5`, 400, 'limit'],
    [`${items}?limit=`, 400, 'limit'],
    [`${items}?offset=-1`, 400, 'offset'],
    [`${items}?datetime=yesterday`, 400, 'datetime'],
    [`${items}?datetime=2026-11-31T00:00:00Z`, 400, 'datetime'],
    [`${items}?datetime=2026-11-02/2026-11-01`, 400, 'datetime'],
    [`${items}?datetime=../..`, 400, 'datetime'],
    [`${items}?status=lost`, 400, 'status'],
    [`${items}?category=noise`, 400, 'category'],
    [`${items}?kind=fixed`, 400, 'kind'], // a checkpoints filter, unknown on issues
    [`${items}?sortby=reportedAt`, 400, 'sortby'],
    [`${items}?limit=10&limit=20`, 400, 'limit'],
    [`${items}?bbox[]=100&bbox[]=25`, 400, 'bbox[]'],
    [`${items}?f=xml`, 400, 'f'],
    [`${items}?f=html`, 400, 'f'],
    ['/collections?limit=5', 400, 'limit'],
    ['/conformance?f=yaml', 400, 'f'],
    ['/collections/issues/items/is-001?bbox=1,2,3,4', 400, 'bbox'],
    ['/collections/unknown', 404, 'unknown'],
    ['/collections/unknown/items', 404, 'unknown'],
    ['/collections/unknown/queryables', 404, 'unknown'],
    ['/collections/issues/items/no-such-issue', 404, 'no-such-issue'],
    ['/collections/issues/things', 404, '/collections/issues/things'],
    ['/collections/%E0%A4%A', 400, '百分号编码'],
    ['/collections/issues/items/%FF%FE', 400, '百分号编码'],
  ])('GET %s → %d naming %s', async (path, status, named) => {
    const res = await rawRequest(app.port, path)
    expect(res.status).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = JSON.parse(res.body)
    expect(ogcSchemaErrors('exception', problem)).toEqual([])
    expect(problem.status).toBe(status)
    expect(problem.description).toBe(problem.detail)
    if (status === 400 && !named.startsWith('百')) expect(problem.parameter).toBe(named)
    expect(problem.detail).toContain(named)
  })

  test.each([
    ['POST', '/collections'],
    ['PUT', '/collections/issues'],
    ['DELETE', '/collections/issues/items/is-001'],
    ['PATCH', '/collections/issues/items'],
  ])('%s %s → 405 with an Allow header', async (method, path) => {
    const res = await rawRequest(app.port, path, { method })
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('GET, HEAD')
    expect(JSON.parse(res.body).code).toBe('MethodNotAllowed')
  })

  test('OPTIONS on an API path answers with Allow', async () => {
    const res = await rawRequest(app.port, '/collections', { method: 'OPTIONS' })
    expect(res.status).toBe(200)
    expect(res.headers.allow).toContain('GET')
  })

  test.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"status": closed', 400],
    ['an unsupported charset', { 'content-type': 'application/json; charset=latin1' }, '{}', 415],
    [
      'an unknown content encoding',
      { 'content-type': 'application/json', 'content-encoding': 'zstd-x' },
      '{}',
      415,
    ],
    [
      'a body over 1 MB',
      { 'content-type': 'application/json' },
      `{"a":"${'x'.repeat(1_100_000)}"}`,
      413,
    ],
  ])('a request with %s is a %d problem', async (_, headers, body, status) => {
    const res = await rawRequest(app.port, '/collections/issues/items', {
      method: 'POST',
      headers,
      body,
    })
    expect(res.status).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  test('a query string beyond the header limit is refused with a 4xx', async () => {
    const res = await rawRequest(app.port, `${items}?grid=${'9'.repeat(20_000)}`).catch(() => ({
      status: 431,
    }))
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})

describe('hostile input never produces a 5xx', () => {
  const random = mulberry32(20261122)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T
  const fragments = [
    '',
    '..',
    '%2e%2e',
    '%2f',
    '%00',
    '%FF',
    '%E0%A4%A',
    '%',
    '%%',
    '%C0%AE',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '[]',
    '[0]',
    'a[b]',
    '1e309',
    '-0',
    'NaN',
    'Infinity',
    '9'.repeat(400),
    '巍山',
    '%E5%B7%8D%E5%B1%B1',
    "'; DROP TABLE features; --",
    '" OR 1=1 --',
    '$.properties',
    '*',
    ',,,,',
    '/',
    '\\',
    '..%5c',
    'x'.repeat(3000),
  ]
  const keys = [
    'bbox',
    'limit',
    'offset',
    'datetime',
    'f',
    'kind',
    'status',
    'grid',
    'township',
    'unit',
    'category',
  ]
  const paths = [
    '/',
    '/api',
    '/conformance',
    '/collections',
    '/collections/issues',
    '/collections/issues/items',
    '/collections/checkpoints/items',
    '/collections/grids/items',
    '/collections/issues/queryables',
    '/collections/issues/schema',
    '/collections/issues/items/is-001',
  ]
  const accepts = [
    '*/*',
    'text/html',
    'application/json',
    'image/png',
    ';;;',
    'application/geo+json;q=abc',
    '',
  ]

  function hostileRequest(): { method: string; path: string; headers: Record<string, string> } {
    const base = pick(paths)
    const path =
      random() < 0.3
        ? base.replace(/[^/]+$/, (segment) => `${segment}${pick(fragments)}`).replace(/ /g, '%20')
        : base
    const params = Array.from({ length: Math.floor(random() * 5) }, () => {
      const key = random() < 0.7 ? pick(keys) : pick(fragments)
      return `${encodeURI(key).replace(/%25/g, '%')}=${encodeURI(pick(fragments)).replace(/%25/g, '%')}`
    })
    const headers: Record<string, string> = {}
    const accept = pick(accepts)
    if (accept) headers.accept = accept
    if (random() < 0.1) headers['content-type'] = 'application/json'
    return {
      method: pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'OPTIONS']),
      path: `${path}${params.length ? `?${params.join('&')}` : ''}`.replace(
        /[^\x21-\x7e]/g,
        encodeURIComponent,
      ),
      headers,
    }
  }

  test('400 seeded hostile requests all answer below 500', async () => {
    const failures: string[] = []
    for (let i = 0; i < 400; i++) {
      const { method, path, headers } = hostileRequest()
      const body = headers['content-type']
        ? pick(['{', '{"a":', 'null', '[]', '\u0000'])
        : undefined
      const res = await rawRequest(app.port, path, { method, headers, body }).catch(
        (err: Error) => ({
          status: 599,
          body: `${err.message}`,
        }),
      )
      if (res.status >= 500)
        failures.push(`${method} ${path} → ${res.status} ${res.body.slice(0, 200)}`)
    }
    expect(failures).toEqual([])
    expect(app.logs.filter((l) => l.startsWith('ERROR'))).toEqual([])
  })

  test('every bbox, limit and datetime of a random character soup is a 200 or a 400', async () => {
    const alphabet = '0123456789.,-+eE/:TZ.. '
    for (let i = 0; i < 200; i++) {
      const soup = Array.from({ length: 1 + Math.floor(random() * 30) }, () =>
        pick([...alphabet]),
      ).join('')
      const key = pick(['bbox', 'limit', 'offset', 'datetime'])
      const res = await rawRequest(app.port, `${items}?${key}=${encodeURIComponent(soup)}`)
      expect([200, 400], `${key}=${soup}`).toContain(res.status)
      if (res.status === 400) expect(JSON.parse(res.body).parameter).toBe(key)
    }
  })
})
