// GET /api/issues/nearby in process: the duplicate check before a report. Issues placed at known
// distances from the county seat; only open ones of the asked category within the radius come back,
// nearest first, with their distance; a fresh report shows up at once; bad input is a 400 by field.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { type Client, issueAt, type LedgerApp, places, startLedgerApp } from './ledger-app.ts'

const centre = places.seat.lngLat
const metersPerDegree = (6_371_008.8 * Math.PI) / 180

/** A position `north` and `east` metres from the seat. */
function offset(north: number, east: number): [number, number] {
  const lat = centre[1] + north / metersPerDegree
  const lng = centre[0] + east / (metersPerDegree * Math.cos((centre[1] * Math.PI) / 180))
  return [lng, lat]
}

function near(
  id: string,
  [north, east]: [number, number],
  properties: Partial<IssueProperties> = {},
) {
  const feature = issueAt('seat', id, {
    category: 'exposed-garbage',
    status: 'pending',
    ...properties,
  })
  return { ...feature, geometry: { type: 'Point', coordinates: offset(north, east) } }
}

const issues = [
  near('n-20-north', [20, 0]),
  near('n-35-east-fixing', [0, 35], { status: 'fixing' }),
  near('n-48-sw-reviewing', [-34, -34], { status: 'reviewing' }), // 48 m
  near('n-30-closed', [30, 0], { status: 'closed', closedAt: '2026-11-21T02:00:00Z' }),
  near('n-25-graffiti', [0, -25], { category: 'graffiti' }),
  near('n-60-south', [-60, 0]),
  near('n-150-east', [0, 150]),
]

let ledger: LedgerApp
let inspector: Client
beforeAll(async () => {
  ledger = await startLedgerApp({ issues })
  inspector = await ledger.login('inspector')
})
afterAll(async () => {
  await ledger.close()
})

const at = (lngLat: readonly [number, number]) => lngLat.map((v) => v.toFixed(7)).join(',')
type Item = { id: string; distanceMeters: number }
const ids = (reply: { body: { items: Item[] } }) => reply.body.items.map((i) => i.id)

describe('GET /api/issues/nearby', () => {
  test('open issues of the category within 50 m, nearest first, with their distance in metres', async () => {
    const reply = await inspector.get(
      `/api/issues/nearby?lngLat=${at(centre)}&category=exposed-garbage`,
    )
    expect(reply.status).toBe(200)
    expect(reply.body.radiusMeters).toBe(50)
    expect(ids(reply)).toEqual(['n-20-north', 'n-35-east-fixing', 'n-48-sw-reviewing'])
    const meters = reply.body.items.map((i: Item) => i.distanceMeters)
    expect(meters).toEqual([20, 35, 48])
    expect(reply.body.items[0]).toMatchObject({
      category: 'exposed-garbage',
      status: 'pending',
      version: 1,
      overdue: expect.any(Boolean),
      allowedActions: expect.arrayContaining(['note']), // the reporter may add a note instead
    })
  })

  test('without a category every open issue within the radius comes back', async () => {
    const reply = await inspector.get(`/api/issues/nearby?lngLat=${at(centre)}`)
    expect(ids(reply)).toEqual([
      'n-20-north',
      'n-25-graffiti',
      'n-35-east-fixing',
      'n-48-sw-reviewing',
    ])
  })

  test('radius widens the circle, limit keeps the nearest', async () => {
    const wide = await inspector.get(
      `/api/issues/nearby?lngLat=${at(centre)}&category=exposed-garbage&radius=200`,
    )
    expect(ids(wide)).toEqual([
      'n-20-north',
      'n-35-east-fixing',
      'n-48-sw-reviewing',
      'n-60-south',
      'n-150-east',
    ])
    const two = await inspector.get(
      `/api/issues/nearby?lngLat=${at(centre)}&category=exposed-garbage&radius=200&limit=2`,
    )
    expect(ids(two)).toEqual(['n-20-north', 'n-35-east-fixing'])
  })

  test('the circle is centred on the given position, not on the county seat', async () => {
    const reply = await inspector.get(
      `/api/issues/nearby?lngLat=${at(offset(-60, 0))}&category=exposed-garbage`,
    )
    expect(ids(reply)).toEqual(['n-60-south', 'n-48-sw-reviewing'])
  })

  test('an issue reported a moment ago is offered at once', async () => {
    const spot = offset(500, 500)
    const before = await inspector.get(`/api/issues/nearby?lngLat=${at(spot)}&category=graffiti`)
    expect(ids(before)).toEqual([])
    const reported = await inspector.post('/api/issues', {
      lngLat: offset(510, 500),
      category: 'graffiti',
      description: '电线杆上张贴小广告',
    })
    expect(reported.status).toBe(201)
    const after = await inspector.get(`/api/issues/nearby?lngLat=${at(spot)}&category=graffiti`)
    expect(ids(after)).toEqual([reported.body.id])
    expect(after.body.items[0].distanceMeters).toBe(10)
  })

  test('an anonymous reader gets the same issues, without actions', async () => {
    const reply = await ledger.anonymous.get(
      `/api/issues/nearby?lngLat=${at(centre)}&category=exposed-garbage`,
    )
    expect(reply.status).toBe(200)
    expect(ids(reply)).toEqual(['n-20-north', 'n-35-east-fixing', 'n-48-sw-reviewing'])
    expect(
      reply.body.items.every((i: { allowedActions: string[] }) => i.allowedActions.length === 0),
    ).toBe(true)
  })

  test.each([
    ['', 'lngLat'],
    ['lngLat=abc', 'lngLat'],
    ['lngLat=100.3', 'lngLat'],
    ['lngLat=200,25', 'lngLat'],
    ['lngLat=100.3,25.2&category=rubbish', 'category'],
    ['lngLat=100.3,25.2&radius=0', 'radius'],
    ['lngLat=100.3,25.2&radius=501', 'radius'],
    ['lngLat=100.3,25.2&radius=5.5', 'radius'],
    ['lngLat=100.3,25.2&limit=51', 'limit'],
    ['lngLat=100.3,25.2&lngLat=100.3,25.2', 'lngLat'],
    ['lngLat=100.3,25.2&bbox=1,2,3,4', 'bbox'],
  ])('?%s → 400 naming %s', async (query, field) => {
    const reply = await inspector.get(`/api/issues/nearby?${query}`)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })
})
