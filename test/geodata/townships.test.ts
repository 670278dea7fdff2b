import {
  area,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  kinks,
  polygon,
  bbox as turfBbox,
  union,
} from '@turf/turf'
import type { MultiPolygon, Point, Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { readLayer, readNbs } from './read-geodata.ts'

const county = readLayer<Polygon>('county').features[0]
const townships = readLayer<MultiPolygon>('townships').features
const seats = readLayer<Point>('seats').features
const radii = readLayer<Polygon>('township-radii').features
const villages = readLayer<Point>('villages').features
const km2 = (f: Parameters<typeof area>[0]) => area(f) / 1e6

function boxesOverlap(a: number[], b: number[]): boolean {
  return (
    (a[0] as number) <= (b[2] as number) &&
    (b[0] as number) <= (a[2] as number) &&
    (a[1] as number) <= (b[3] as number) &&
    (b[1] as number) <= (a[3] as number)
  )
}

describe('townships', () => {
  test('are exactly the 10 NBS 2023 townships with their names and types', () => {
    const nbs = readNbs('532927_towns.csv').map(([code, name]) => ({ code, name }))
    expect(townships.map((t) => ({ code: t.properties.code, name: t.properties.name }))).toEqual(
      nbs,
    )
    expect(townships.map((t) => t.id)).toEqual(nbs.map((t) => t.code))
    for (const t of townships) {
      expect(t.properties.type).toBe(String(t.properties.name).endsWith('镇') ? '镇' : '乡')
    }
  })

  test('are all marked synthetic with the 示意 note', () => {
    for (const t of townships) {
      expect(t.properties.synthetic).toBe(true)
      expect(t.properties.note).toBe('示意边界，非官方界线')
    }
  })

  test('are valid polygons without self-intersections', () => {
    for (const t of townships) {
      for (const rings of t.geometry.coordinates)
        expect(kinks(polygon(rings)).features).toHaveLength(0)
    }
  })

  test('overlap each other by less than 0.01 km² per pair', () => {
    for (let i = 0; i < townships.length; i++) {
      for (let j = i + 1; j < townships.length; j++) {
        const a = townships[i] as (typeof townships)[number]
        const b = townships[j] as (typeof townships)[number]
        if (!boxesOverlap(turfBbox(a), turfBbox(b))) continue
        const overlap = intersect(featureCollection([a, b]))
        expect(overlap ? km2(overlap) : 0, `${a.id} ∩ ${b.id}`).toBeLessThan(0.01)
      }
    }
  })

  test('areas sum to the county area within 0.1 %', () => {
    const sum = townships.reduce((s, t) => s + km2(t), 0)
    const countyKm2 = km2(county as NonNullable<typeof county>)
    expect(Math.abs(sum - countyKm2) / countyKm2).toBeLessThan(0.001)
    expect(countyKm2).toBeGreaterThan(2150)
    expect(countyKm2).toBeLessThan(2220)
  })

  test('together cover the county (union within 0.1 % of its area)', () => {
    const all = union(featureCollection(townships)) as NonNullable<ReturnType<typeof union>>
    const countyKm2 = km2(county as NonNullable<typeof county>)
    expect(Math.abs(km2(all) - countyKm2) / countyKm2).toBeLessThan(0.001)
  })

  test('each contains its own seat and no other seat', () => {
    for (const seat of seats.filter((s) => s.properties.code !== '532927')) {
      const holders = townships.filter((t) => booleanPointInPolygon(seat, t))
      expect(
        holders.map((t) => t.id),
        String(seat.properties.name),
      ).toEqual([seat.properties.code])
    }
  })

  test('大仓镇 and 永建镇, whose seats are 1.4 km apart, both get a sensible area', () => {
    for (const code of ['532927103', '532927104']) {
      const t = townships.find((x) => x.id === code) as (typeof townships)[number]
      expect(km2(t)).toBeGreaterThan(100)
      expect(km2(t)).toBeLessThan(400)
    }
  })

  test('each township carries its area in km² rounded to 0.01', () => {
    for (const t of townships) expect(t.properties.areaKm2).toBeCloseTo(km2(t), 1)
  })
})

describe('township radii (乡镇政府所在地1公里范围)', () => {
  test('are one 1 km circle per township, centred on its seat', () => {
    expect(radii.map((r) => r.properties.townshipCode)).toEqual(townships.map((t) => t.id))
    for (const r of radii) {
      const seat = seats.find(
        (s) => s.properties.code === r.properties.townshipCode,
      ) as (typeof seats)[number]
      expect(r.properties.radiusMeters).toBe(1000)
      const ring = r.geometry.coordinates[0] as [number, number][]
      expect(ring.length).toBeGreaterThanOrEqual(65)
      for (const p of ring) {
        const meters = distanceMeters(seat.geometry.coordinates as [number, number], p)
        expect(Math.abs(meters - 1000), `${r.id}`).toBeLessThan(10) // 1 km ± 1 %
      }
    }
  })

  test('lie inside the county', () => {
    for (const r of radii) {
      for (const p of r.geometry.coordinates[0] as [number, number][]) {
        expect(booleanPointInPolygon(p, county as NonNullable<typeof county>)).toBe(true)
      }
    }
  })

  test('list exactly the villages whose point lies inside the circle', () => {
    for (const r of radii) {
      const inside = villages
        .filter((v) => booleanPointInPolygon(v, r))
        .map((v) => v.id)
        .sort()
      expect(r.properties.villageCodes).toEqual(inside)
      expect(r.properties.villageCount).toBe(inside.length)
      expect(r.properties.villageNames).toEqual(
        inside.map((code) => villages.find((v) => v.id === code)?.properties.name),
      )
    }
  })
})

// haversine on the mean Earth radius, as turf.circle draws with
function distanceMeters(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}
