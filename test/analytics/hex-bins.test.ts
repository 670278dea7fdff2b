import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { describe, expect, test } from 'vitest'
import { type HexBin, hexBins } from '../../server/analytics/hex-bins.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { kpis } from '../../server/analytics/issue-tally.ts'
import { type IssueProperties, isOverdue, type LngLat } from '../../server/domain/issue.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildIssue, mulberry32 } from '../builders.ts'
import { now } from './fixture-ledger.ts'
import { randomIssue, townshipCodes } from './random-issues.ts'

const props = (f: GeoJsonFeature) => f.properties as unknown as IssueProperties
const lngLatOf = (f: GeoJsonFeature) => (f.geometry as { coordinates: LngLat }).coordinates

function randomLedger(seed: number, count: number): GeoJsonFeature[] {
  const random = mulberry32(seed)
  return Array.from({ length: count }, (_, i) => randomIssue(random, `r-${i}`, now.getTime()))
}

const inside = (lngLat: LngLat, bin: HexBin) =>
  booleanPointInPolygon(lngLat, { type: 'Polygon', coordinates: [bin.polygon] })

// great-circle distance in metres
function haversine([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
}

describe('hexBins', () => {
  test.each([100, 250, 1000])(
    'count every open issue exactly once, in the hexagon that contains it (%i m)',
    (radiusMeters) => {
      const features = randomLedger(radiusMeters, 1500)
      const columns = IssueColumns.fromFeatures(features)
      const { bins, total } = hexBins(columns, now, { radiusMeters })
      const open = features.filter((f) => props(f).status !== 'closed')
      expect(total).toBe(open.length)
      expect(bins.reduce((n, b) => n + b.count, 0)).toBe(total)
      const counted = new Map<string, { count: number; overdue: number }>()
      for (const f of open) {
        const containing = bins.filter((b) => inside(lngLatOf(f), b))
        expect(containing, String(f.id)).toHaveLength(1)
        const id = (containing[0] as HexBin).id
        const seen = counted.get(id) ?? { count: 0, overdue: 0 }
        seen.count++
        if (isOverdue(props(f), now)) seen.overdue++
        counted.set(id, seen)
      }
      for (const bin of bins) {
        expect(counted.get(bin.id), bin.id).toEqual({ count: bin.count, overdue: bin.overdue })
      }
    },
  )

  test('hexagons have the requested size in metres: centre to corner, and between neighbours', () => {
    const columns = IssueColumns.fromFeatures(randomLedger(3, 400))
    const { bins } = hexBins(columns, now, { radiusMeters: 500, status: 'all' })
    for (const bin of bins) {
      expect(bin.polygon).toHaveLength(7)
      expect(bin.polygon[6]).toEqual(bin.polygon[0])
      for (const corner of bin.polygon) {
        expect(haversine(bin.lngLat, corner) / 500).toBeCloseTo(1, 2)
      }
    }
    const byId = new Map(bins.map((b) => [b.id, b]))
    const pairs = bins.flatMap((b) => {
      const east = byId.get(`${b.q + 1},${b.r}`)
      return east ? [[b, east] as const] : []
    })
    expect(pairs.length).toBeGreaterThan(0)
    for (const [a, b] of pairs) {
      expect(haversine(a.lngLat, b.lngLat) / (500 * Math.sqrt(3))).toBeCloseTo(1, 2)
    }
  })

  test('a bbox keeps only the issues inside it, in the same hexagons as without it', () => {
    const features = randomLedger(4, 800)
    const columns = IssueColumns.fromFeatures(features)
    const bbox: [number, number, number, number] = [100.29, 25.21, 100.31, 25.23]
    const all = hexBins(columns, now, { radiusMeters: 200, status: 'all' })
    const part = hexBins(columns, now, { radiusMeters: 200, status: 'all', bbox })
    const expected = features.filter((f) => {
      const [lng, lat] = lngLatOf(f)
      return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]
    }).length
    expect(part.total).toBe(expected)
    const whole = new Map(all.bins.map((b) => [b.id, b]))
    for (const bin of part.bins) {
      expect(bin.lngLat).toEqual(whole.get(bin.id)?.lngLat)
      expect(bin.count).toBeLessThanOrEqual(whole.get(bin.id)?.count ?? 0)
    }
  })

  test.each([
    ['open', (p: IssueProperties) => p.status !== 'closed'],
    ['overdue', (p: IssueProperties) => isOverdue(p, now)],
    ['all', () => true],
  ] as const)('status %s bins just those issues', (status, keep) => {
    const features = randomLedger(8, 600)
    const columns = IssueColumns.fromFeatures(features)
    const result = hexBins(columns, now, { radiusMeters: 300, status })
    expect(result.total).toBe(features.filter((f) => keep(props(f))).length)
  })

  test('a township filter bins only its issues, and the open total matches the kpis', () => {
    const columns = IssueColumns.fromFeatures(randomLedger(9, 600))
    for (const township of townshipCodes) {
      const result = hexBins(columns, now, { radiusMeters: 300, township })
      expect(result.total).toBe(kpis(columns, now, { township }).open)
    }
  })

  test('issues without a position are not binned', () => {
    const located = buildIssue({ lngLat: [100.3, 25.23] })
    const columns = IssueColumns.fromFeatures([located, { ...buildIssue(), geometry: null }])
    expect(hexBins(columns, now, { radiusMeters: 100 }).total).toBe(1)
  })

  test('an empty ledger has no bins', () => {
    expect(hexBins(new IssueColumns(), now, { radiusMeters: 100 }).bins).toEqual([])
  })

  test.each([0, 0.5, Number.NaN, 200_000])('refuses radiusMeters = %s', (radiusMeters) => {
    const columns = IssueColumns.fromFeatures(randomLedger(1, 10))
    expect(() => hexBins(columns, now, { radiusMeters })).toThrow(RangeError)
  })

  test('refuses a request that would cover more than 4 million hexagons', () => {
    const columns = IssueColumns.fromFeatures(randomLedger(1, 10))
    const county: [number, number, number, number] = [99.92, 24.94, 100.43, 25.54]
    expect(() => hexBins(columns, now, { radiusMeters: 5, bbox: county })).toThrow(
      /narrow the bbox/,
    )
    expect(hexBins(columns, now, { radiusMeters: 50, bbox: county }).total).toBeGreaterThan(0)
  })
})
