// The planning part of GET /api is written by hand (the route keeps its zod schemas private), so
// here every planning example and documented bound goes to the server over the demo ledger.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LedgerApp } from './ledger-app.ts'
import { startPlanningApp } from './planning-app.ts'

// biome-ignore lint/suspicious/noExplicitAny: the document is checked by assertions
type Json = any

let ledger: LedgerApp
let doc: Json
beforeAll(async () => {
  ledger = await startPlanningApp()
  doc = (await ledger.anonymous.get('/api')).body
})
afterAll(async () => {
  await ledger.close()
})

const example = (path: string, method = 'post') =>
  doc.paths[path][method].requestBody.content['application/json'].example

describe('planning examples and bounds', () => {
  test.each([
    '/api/planning/candidates',
    '/api/planning/optimise',
    '/api/planning/rehearsal',
    '/api/planning/forecast',
  ])('POST %s with its documented example answers 200 to an anonymous reader', async (path) => {
    const reply = await ledger.anonymous.post(path, example(path))
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    for (const key of doc.paths[path].post.responses['200'].content['application/json'].schema
      .required) {
      expect(reply.body, `${path} ${key}`).toHaveProperty(key)
    }
  })

  test('the plan examples create (201) and change (200) a plan as a planner', async () => {
    const planner = await ledger.login('planner')
    const created = await planner.post('/api/plans', example('/api/plans'))
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const changed = await planner.send(`/api/plans/${created.body.id}`, {
      method: 'PUT',
      body: JSON.stringify(example('/api/plans/{id}', 'put')),
      headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
    })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
  })

  test.each([
    ['/api/planning/seat-radius', 'radiusM'],
    ['/api/planning/corridors', 'widthM'],
  ])(
    '%s accepts %s at its documented minimum and maximum, and refuses one past',
    async (path, name) => {
      const { schema } = doc.paths[path].get.parameters.find((p: Json) => p.name === name)
      for (const value of [schema.minimum, schema.maximum]) {
        expect((await ledger.anonymous.get(`${path}?${name}=${value}`)).status, `${value}`).toBe(
          200,
        )
      }
      for (const value of [schema.minimum - 1, schema.maximum + 1]) {
        const reply = await ledger.anonymous.get(`${path}?${name}=${value}`)
        expect(reply.status, `${value}`).toBe(400)
        expect(reply.body.errors[0].field).toBe(name)
      }
    },
  )

  test('a body property the document does not list is refused (the hand-written schemas are strict too)', async () => {
    const schema =
      doc.paths['/api/planning/rehearsal'].post.requestBody.content['application/json'].schema
    expect(schema.additionalProperties).toBe(false)
    const reply = await ledger.anonymous.post('/api/planning/rehearsal', {
      ...example('/api/planning/rehearsal'),
      extra: 1,
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('extra')
  })
})
