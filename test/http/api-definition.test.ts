// GET /api describes the whole server: it validates against the OpenAPI 3.0 schema, every $ref
// resolves, and its /api operations are exactly the routes Express has registered. Examples and
// documented bounds are sent to the server to keep the schemas honest.
import { readFileSync } from 'node:fs'
import { METHODS } from 'node:http'
import Ajv from 'ajv'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../server/app.ts'
import { tagDefinitions } from '../../server/http/openapi/common.ts'
import { type Client, type LedgerApp, openLedgerStore, startLedgerApp } from './ledger-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: the document is checked by schema and assertions
type Json = any

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
  slash?: boolean
  rawPath?: unknown
}

/**
 * Every route of the app as "METHOD path". Express 5 keeps routers in layers; ours are all
 * mounted at '/', so a route's own path is its full path — a router under a prefix fails loudly.
 */
function registeredRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = [layer.route.path].flat()
      const routeMethods = Object.keys(layer.route.methods)
      if (routeMethods.length >= METHODS.length) return [] // app.all(): the 405 answer of the OGC paths
      return routeMethods.flatMap((m) => paths.map((p) => `${m.toUpperCase()} ${p}`))
    }
    if (layer.handle?.stack) {
      if (!layer.slash) throw new Error(`a router mounted at ${String(layer.rawPath)}`)
      return registeredRoutes(layer.handle.stack)
    }
    return []
  })
}

/** "METHOD path" in Express syntax (:id) for every documented /api operation. */
function documentedRoutes(doc: Json): string[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => methods.includes(k))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  )
}

const isApi = (route: string) => / \/api(\/|$)/.test(route)

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>)
      .filter(([m]) => methods.includes(m))
      .map(([method, op]) => ({ path, method, op })),
  )
}

function resolve(doc: Json, pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<Json>((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, out)
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v)
      else collectRefs(v, out)
    }
  }
  return out
}

/** A parameter or schema, following one $ref. */
const deref = (doc: Json, node: Json) => (node?.$ref ? resolve(doc, node.$ref) : node) as Json

function schemaValidator(doc: Json) {
  const ajv = new Ajv({ strict: false, allErrors: true }) // OpenAPI's example/nullable keywords
  ajv.addSchema({ components: doc.components }, 'doc')
  return (schema: Json) =>
    ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')),
    )
}

let ledger: LedgerApp
let doc: Json
beforeAll(async () => {
  ledger = await startLedgerApp()
  doc = (await ledger.anonymous.get('/api')).body
})
afterAll(async () => {
  await ledger.close()
})

describe('the document', () => {
  test('validates against the OpenAPI 3.0 schema', () => {
    const metaSchema = JSON.parse(
      readFileSync(new URL('./api-definition-oas30-schema.json', import.meta.url), 'utf8'),
    )
    const ajv = new Ajv({ strict: false, allErrors: true })
    ajv.addFormat('uri-reference', true)
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:/i)
    ajv.addFormat('email', /@/)
    ajv.addFormat('regex', (s: string) => {
      try {
        new RegExp(s, 'u')
        return true
      } catch {
        return false
      }
    })
    const validate = ajv.compile(metaSchema)
    const valid = validate(doc)
    const errors = (validate.errors ?? []).filter(
      (e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf',
    )
    expect(errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual(
      [],
    )
    expect(valid).toBe(true)
  })

  test('every $ref resolves', () => {
    const refs = [...new Set(collectRefs(doc))]
    expect(refs.length).toBeGreaterThan(30)
    for (const ref of refs) expect(resolve(doc, ref), ref).toBeDefined()
  })

  test('operationIds are unique and every operation has a summary, responses and a 2xx', () => {
    const ops = operations(doc)
    const ids = ops.map((o) => o.op.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { path, method, op } of ops) {
      expect(op.summary, `${method} ${path}`).toBeTruthy()
      expect(
        Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)),
        `${method} ${path}`,
      ).toBe(true)
    }
  })

  test('every /api operation has a Chinese+English tag, security, 500 and problem+json errors', () => {
    const tagNames = new Set(tagDefinitions.map((t) => t.name))
    for (const { path, method, op } of operations(doc).filter((o) => o.path.startsWith('/api/'))) {
      const where = `${method} ${path}`
      expect(op.tags.length, where).toBeGreaterThan(0)
      for (const tag of op.tags) expect(tagNames.has(tag), `${where}: ${tag}`).toBe(true)
      expect(op.security.length, where).toBeGreaterThan(0)
      expect(op.responses['500'], where).toBeDefined()
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        if (Number(status) < 400) continue
        expect(Object.keys(deref(doc, response).content), `${where} ${status}`).toEqual([
          'application/problem+json',
        ])
      }
    }
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'weishan_session',
    })
    expect(doc.components.securitySchemes.displayToken).toMatchObject({ scheme: 'bearer' })
  })

  test('every non-GET /api operation requires X-Requested-With: fetch', () => {
    const writes = operations(doc).filter((o) => o.path.startsWith('/api/') && o.method !== 'get')
    expect(writes.length).toBeGreaterThan(20)
    for (const { path, method, op } of writes) {
      const header = op.parameters
        .map((p: Json) => deref(doc, p))
        .find((p: Json) => p.in === 'header')
      expect(header, `${method} ${path}`).toMatchObject({
        name: 'X-Requested-With',
        required: true,
        schema: { enum: ['fetch'] },
      })
      for (const requirement of op.security) {
        expect(Object.keys(requirement), `${method} ${path}`).toContain('csrfHeader')
      }
    }
  })

  test('every write a session may send documents Idempotency-Key with its 409 and 422', () => {
    const writes = operations(doc).filter((o) => o.path.startsWith('/api/') && o.method !== 'get')
    const bySession = writes.filter((o) => o.op.security.some((r: Json) => 'session' in r))
    expect(bySession.length).toBeGreaterThan(20)
    for (const { path, method, op } of writes) {
      const where = `${method} ${path}`
      const key = op.parameters
        .map((p: Json) => deref(doc, p))
        .find((p: Json) => p.name === 'Idempotency-Key')
      if (!bySession.some((o) => o.op === op)) {
        expect(key, where).toBeUndefined() // no user, no key kept (sign-in)
        continue
      }
      expect(key, where).toMatchObject({ in: 'header', required: false })
      expect(new RegExp(key.schema.pattern).test('m-0123456789abcdef.photo-0'), where).toBe(true)
      expect(new RegExp(key.schema.pattern).test('short'), where).toBe(false)
      expect(op.responses['409'], where).toBeDefined()
      expect(deref(doc, op.responses['422']).description, where).toMatch(/Idempotency-Key/)
    }
    const codes = doc.components.schemas.problem.properties.code.enum
    expect(codes).toEqual(expect.arrayContaining(['RequestInProgress', 'IdempotencyKeyReused']))
  })

  test('the issue list documents mine=true (我的任务)', () => {
    const mine = doc.paths['/api/issues'].get.parameters.find((p: Json) => p.name === 'mine')
    expect(mine).toMatchObject({ in: 'query', required: false })
    expect([...mine.schema.enum].sort()).toEqual(['1', 'true'])
    expect(mine.description).toMatch(/我的任务/)
  })

  test('an issue and a feed event declare issueNo: a string of the YYYY-NNNNNN pattern', async () => {
    const { issueView, recentEvent } = doc.components.schemas
    for (const schema of [issueView.properties.issueNo, recentEvent.properties.issueNo]) {
      expect(schema).toMatchObject({ type: 'string' })
      const pattern = new RegExp(schema.pattern)
      expect(pattern.test('2026-000123')).toBe(true)
      expect(pattern.test('issue-02601')).toBe(false)
      expect(pattern.test('2026-123')).toBe(false)
    }
    // what the server serves is what the document says
    const inspector = await ledger.login('inspector')
    const served = (await inspector.get('/api/issues?limit=5')).body.items
    expect(served.length).toBeGreaterThan(0)
    const validate = schemaValidator(doc)({ $ref: '#/components/schemas/issueView' })
    for (const issue of served) {
      expect(issue.issueNo).toMatch(new RegExp(issueView.properties.issueNo.pattern))
      expect(validate(issue), JSON.stringify(validate.errors)).toBe(true)
    }
  })

  test('the issues feature schema declares issueNo with its pattern', async () => {
    const schema = (await ledger.anonymous.get('/collections/issues/schema?f=json')).body
    expect(schema.properties.properties.properties.issueNo).toMatchObject({
      title: '问题编号',
      type: 'string',
      pattern: '^(\\d{4})-(\\d{6})$',
    })
  })

  test('every path template parameter is declared as a path parameter, and no other', () => {
    for (const { path, method, op } of operations(doc)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      const declared = (op.parameters ?? [])
        .map((p: Json) => deref(doc, p))
        .filter((p: Json) => p.in === 'path')
        .map((p: Json) => p.name)
        .sort()
      expect(declared, `${method} ${path}`).toEqual(inPath)
    }
  })

  test('every request body example is valid under its own schema', () => {
    const compile = schemaValidator(doc)
    const bodies = operations(doc).flatMap(({ path, method, op }) => {
      const media = op.requestBody?.content?.['application/json']
      return media ? [{ where: `${method} ${path}`, media }] : []
    })
    expect(bodies.length).toBeGreaterThan(15)
    for (const { where, media } of bodies) {
      expect(media.example, where).toBeDefined()
      const validate = compile(media.schema)
      expect(validate(media.example), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })
})

describe('completeness', () => {
  test('the route walk sees the routers of createApp (a sanity check of the walk itself)', async () => {
    const { store } = await openLedgerStore([])
    try {
      const app = createApp({ store, config: { distDir: '/nonexistent-dist' } })
      const routes = registeredRoutes(
        (app as unknown as { router: { stack: Layer[] } }).router.stack,
      )
      expect(routes).toEqual(
        expect.arrayContaining([
          'POST /api/session',
          'GET /api/issues/:id',
          'PUT /api/grids/:gridCode/geometry',
          'GET /collections/:collectionId/items',
        ]),
      )
    } finally {
      await store.close()
    }
  })

  test('every /api route Express registers is documented, and every documented one exists', async () => {
    const { store } = await openLedgerStore([])
    try {
      const app = createApp({ store, config: { distDir: '/nonexistent-dist' } })
      const registered = registeredRoutes(
        (app as unknown as { router: { stack: Layer[] } }).router.stack,
      ).filter(isApi)
      const documented = documentedRoutes(doc).filter(isApi)
      expect(registered.length).toBeGreaterThan(50)
      expect(
        registered.filter((r) => !documented.includes(r)),
        'undocumented',
      ).toEqual([])
      expect(
        documented.filter((r) => !registered.includes(r)),
        'not served',
      ).toEqual([])
    } finally {
      await store.close()
    }
  })
})

describe('the examples and bounds, sent to the server', () => {
  const example = (path: string, method = 'post') =>
    doc.paths[path][method].requestBody.content['application/json'].example

  test.each([
    ['/api/session', 'anonymous', 200],
    ['/api/issues', 'inspector', 201],
    ['/api/grids/rebalance', 'admin', 200],
    ['/api/grid-managers', 'admin', 201],
  ])('POST %s with its documented example as %s answers %i', async (path, who, status) => {
    const client: Client = who === 'anonymous' ? ledger.anonymous : await ledger.login(who)
    const reply = await client.post(path, example(path))
    expect(reply.status, JSON.stringify(reply.body)).toBe(status)
  })

  test('the transition and note examples pass the body checks (a 409 for the version, not a 400)', async () => {
    const admin = await ledger.login('admin')
    const transition = await admin.post('/api/issues/i-pending/transitions', {
      ...example('/api/issues/{id}/transitions'),
      version: 99,
    })
    expect(transition.status, JSON.stringify(transition.body)).toBe(409)
    const note = await admin.post('/api/issues/i-pending/notes', example('/api/issues/{id}/notes'))
    expect(note.status).toBe(201)
  })

  test('the documented Idempotency-Key answers: the same request replayed, another one 422, mine=true 401 without a session', async () => {
    const inspector = await ledger.login('inspector')
    const key = { 'idempotency-key': 'api-definition-0001' }
    const first = await inspector.post('/api/issues', example('/api/issues'), key)
    expect(first.status).toBe(201)
    const again = await inspector.post('/api/issues', example('/api/issues'), key)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.id).toBe(first.body.id)
    const other = await inspector.post(
      '/api/issues',
      { ...example('/api/issues'), description: '另一条问题描述，键却相同' },
      key,
    )
    expect(other.status).toBe(422)
    expect(other.body.code).toBe('IdempotencyKeyReused')
    expect((await ledger.anonymous.get('/api/issues?mine=true')).status).toBe(401)
  })

  test('exports answer every documented format (Exchange)', async () => {
    const op = doc.paths['/api/issues/export.{format}'].get
    const formats = deref(doc, op.parameters[0]).schema.enum as string[]
    expect(formats).toEqual(['xlsx', 'csv', 'geojson'])
    for (const format of formats) {
      const reply = await ledger.display.get(`/api/issues/export.${format}?status=pending`)
      expect(reply.status, format).toBe(200)
    }
  })

  test('every documented enum value and numeric bound of the stats queries is accepted, one past is 400', async () => {
    const statsOps = operations(doc).filter(
      (o) => o.path.startsWith('/api/stats/') || o.path === '/api/events/recent',
    )
    expect(statsOps.length).toBe(9)
    let checked = 0
    for (const { path, op } of statsOps) {
      for (const p of (op.parameters ?? []).map((x: Json) => deref(doc, x))) {
        const s = p.schema
        const accepted: string[] = [
          ...(s.enum ?? []),
          ...(s.type === 'integer' && s.minimum !== undefined ? [String(s.minimum)] : []),
          ...(s.type === 'integer' && s.maximum !== undefined ? [String(s.maximum)] : []),
        ]
        const refused = [
          ...(s.type === 'integer' && s.minimum > 0 ? [String(s.minimum - 1)] : []),
          ...(s.type === 'integer' && s.maximum !== undefined ? [String(s.maximum + 1)] : []),
          ...(s.enum ? ['not-a-value'] : []),
        ]
        // a huge radius over the whole county is fine; a tiny one needs a small bbox
        const extra =
          path.endsWith('hexbins') && p.name === 'radiusMeters'
            ? '&bbox=100.3,25.2,100.31,25.21'
            : ''
        for (const value of accepted) {
          const reply = await ledger.anonymous.get(`${path}?${p.name}=${value}${extra}`)
          expect(reply.status, `${path}?${p.name}=${value}`).toBe(200)
          checked++
        }
        for (const value of refused) {
          const reply = await ledger.anonymous.get(`${path}?${p.name}=${value}`)
          expect(reply.status, `${path}?${p.name}=${value}`).toBe(400)
          expect(reply.body.errors[0].field).toBe(p.name)
        }
      }
    }
    expect(checked).toBeGreaterThan(15)
  })
})
