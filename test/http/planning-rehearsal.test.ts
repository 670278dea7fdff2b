// The rehearsal, forecast, 1 km and corridor endpoints over the demo ledger: replayable by seed,
// bounded input, and counts equal to a brute-force pass over the demo issues.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { isOverdue } from '../../server/domain/issue.ts'
import { distanceMetres, toLocalMetres } from '../../server/planning/issue-index.ts'
import { distanceToLineM } from '../../server/planning/planning-service.ts'
import { type LedgerApp, pinnedNow } from './ledger-app.ts'
import { readLayer, startPlanningApp } from './planning-app.ts'

type LngLat = [number, number]

const issues = readLayer('issues').map((f) => {
  const p = f.properties as { status: 'closed' | 'pending'; deadlineAt: string }
  return {
    lngLat: (f.geometry as { coordinates: LngLat }).coordinates,
    open: p.status !== 'closed',
    overdue: isOverdue(p, pinnedNow),
  }
})

function localLine(line: readonly LngLat[]): Float64Array {
  return Float64Array.from(line.flatMap(([lng, lat]) => toLocalMetres(lng, lat)))
}

describe('rehearsal and forecast', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp()
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('the same seed replays the same rehearsal, another seed draws differently', async () => {
    const body = { seed: 42, draws: 200 }
    const a = await ledger.anonymous.post('/api/planning/rehearsal', body)
    expect(a.status, JSON.stringify(a.body)).toBe(200)
    const again = await ledger.anonymous.post('/api/planning/rehearsal', body)
    expect(again.body).toEqual(a.body)
    const other = await ledger.anonymous.post('/api/planning/rehearsal', { ...body, seed: 43 })
    expect(other.status).toBe(200)
    expect(other.body.first.map((p: { id: string }) => p.id)).not.toEqual(
      a.body.first.map((p: { id: string }) => p.id),
    )
    expect(a.body.draws).toBe(200)
    expect(a.body.pointsPerDraw).toBe(16) // 8 random categories × 2
    expect(a.body.first).toHaveLength(16)
    expect(a.body.distribution.histogram).toHaveLength(20)
    const drawn = a.body.distribution.histogram.reduce(
      (n: number, b: { count: number }) => n + b.count,
      0,
    )
    expect(drawn).toBe(200)
  })

  test('a township draws from its own random points only', async () => {
    const reply = await ledger.anonymous.post('/api/planning/rehearsal', {
      seed: 7,
      draws: 50,
      township: '532927101',
    })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    for (const p of reply.body.first) expect(p.townshipCode).toBe('532927101')
  })

  test.each([
    [{}, 'seed'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 1.5 }, 'seed'],
    [{ seed: 1, draws: 5001 }, 'draws'],
    [{ seed: 1, draws: 0 }, 'draws'],
    [{ seed: 1, perCategory: { 'back-lane': 51 } }, 'perCategory.back-lane'],
    [{ seed: 1, perCategory: { castle: 1 } }, 'perCategory.castle'],
    [{ seed: 1, township: '999999999' }, 'township'],
    [{ seed: 1, radiusM: 5 }, 'radiusM'],
    [{ seed: 1, speed: 'fast' }, 'speed'],
  ])('rehearsal %j → 400 naming %s', async (body, field) => {
    const reply = await ledger.anonymous.post('/api/planning/rehearsal', body)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })

  test('5,000 draws of 50 points per category answer (speed: npm run bench:planning)', async () => {
    const perCategory = Object.fromEntries(
      ['back-lane', 'residential-compound', 'urban-fringe', 'urban-village'].map((c) => [c, 50]),
    )
    const reply = await ledger.anonymous.post('/api/planning/rehearsal', {
      seed: 3,
      draws: 5000,
      perCategory,
    })
    expect(reply.status).toBe(200)
    expect(reply.body.draws).toBe(5000)
  })

  test('the forecast states its assumptions and low ≤ expected ≤ high, for the county and each township', async () => {
    const reply = await ledger.anonymous.post('/api/planning/forecast', { seed: 1, draws: 300 })
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    const { assumptions, county, townships, model } = reply.body
    expect(assumptions.length).toBeGreaterThan(3)
    for (const sentence of assumptions) expect(sentence).toMatch(/[\u4e00-\u9fff]/)
    expect(model).toMatchObject({ fieldPoints: 46.3, seed: 1, draws: 300 })
    expect(townships).toHaveLength(10)
    // a township whose draws all score alike has p5 = mean = p95 up to summation rounding
    const rounding = 1e-9
    for (const part of [county, ...townships]) {
      expect(part.low).toBeLessThanOrEqual(part.expected + rounding)
      expect(part.expected).toBeLessThanOrEqual(part.high + rounding)
      expect(part.high).toBeLessThanOrEqual(46.3)
      expect(part.low).toBeGreaterThanOrEqual(0)
    }
    const again = await ledger.anonymous.post('/api/planning/forecast', { seed: 1, draws: 300 })
    expect(again.body).toEqual(reply.body)
  })

  test('forecast options out of range → 400 naming the field', async () => {
    const reply = await ledger.anonymous.post('/api/planning/forecast', { seed: 1, fixedShare: 2 })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('fixedShare')
  })
})

describe('1 km radius and corridors', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startPlanningApp()
  })
  afterAll(async () => {
    await ledger?.close()
  })

  test('each township seat counts the issues within the radius as a brute-force pass does', async () => {
    const seats = readLayer('seats')
    for (const radiusM of [1000, 2500]) {
      const reply = await ledger.anonymous.get(`/api/planning/seat-radius?radiusM=${radiusM}`)
      expect(reply.status, JSON.stringify(reply.body)).toBe(200)
      expect(reply.body.radiusM).toBe(radiusM)
      expect(reply.body.townships).toHaveLength(10)
      for (const township of reply.body.townships) {
        const seat = seats.find((s) => (s.properties as { code: string }).code === township.code)
        const at = (seat?.geometry as { coordinates: LngLat } | undefined)?.coordinates ?? [0, 0]
        const inside = issues.filter((i) => distanceMetres(i.lngLat, at) <= radiusM)
        expect(township).toMatchObject({
          total: inside.length,
          open: inside.filter((i) => i.open).length,
          overdue: inside.filter((i) => i.overdue).length,
          status: expect.stringMatching(/^(clean|open|overdue)$/),
          villages: expect.any(Array),
        })
      }
    }
    const total = (await ledger.anonymous.get('/api/planning/seat-radius')).body.townships
      .map((t: { total: number }) => t.total)
      .reduce((a: number, b: number) => a + b, 0)
    expect(total).toBeGreaterThan(0)
  })

  test('each road and river counts the issues within the width as a brute-force pass does', async () => {
    const lines = [...readLayer('roads'), ...readLayer('rivers')]
    const reply = await ledger.anonymous.get('/api/planning/corridors?widthM=300')
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body.widthM).toBe(300)
    expect(reply.body.corridors).toHaveLength(lines.length)
    for (const corridor of reply.body.corridors) {
      const line = lines.find((l) => String(l.id) === corridor.id)
      const geometry = line?.geometry as { type: string; coordinates: unknown }
      expect(geometry, corridor.id).toBeDefined()
      const parts = (
        geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates
      ) as LngLat[][]
      const local = parts.map(localLine)
      const near = issues.filter((i) => {
        const xy = toLocalMetres(...i.lngLat)
        return local.some((part) => distanceToLineM(xy, part) <= 300)
      })
      expect(corridor, corridor.name).toMatchObject({
        total: near.length,
        open: near.filter((i) => i.open).length,
        overdue: near.filter((i) => i.overdue).length,
        lengthKm: expect.any(Number),
      })
      expect(corridor.openIssues.length).toBe(Math.min(200, corridor.open))
      expect(corridor.buffer).toBeUndefined()
    }
    const roads = reply.body.corridors.filter((c: { kind: string }) => c.kind === 'road')
    expect(roads.length).toBe(10)
    for (const road of roads) expect(road.synthetic).toBe(true)
    expect(reply.body.geojson.type).toBe('FeatureCollection')
    expect(reply.body.geojson.features).toHaveLength(lines.length)
    for (const f of reply.body.geojson.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type)
    }
  })

  test.each([
    ['/api/planning/seat-radius?radiusM=50', 'radiusM'],
    ['/api/planning/seat-radius?radiusM=abc', 'radiusM'],
    ['/api/planning/seat-radius?r=1', 'r'],
    ['/api/planning/corridors?widthM=5000', 'widthM'],
    ['/api/planning/corridors?widthM=10&widthM=20', 'widthM'],
  ])('%s → 400 naming %s', async (path, field) => {
    const reply = await ledger.anonymous.get(path)
    expect(reply.status).toBe(400)
    expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
  })
})
