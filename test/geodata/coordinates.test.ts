import { booleanClockwise } from '@turf/turf'
import type { Geometry, Position } from 'geojson'
import { describe, expect, test } from 'vitest'
import { outputNames } from '../../geodata/build/build-geodata-files.ts'
import { positionsOf, readLayer } from './read-geodata.ts'

// WGS84 bbox of the county outline (geodata guide §1)
const countyBbox = [99.925562, 24.943778, 100.423664, 25.539712]
// neighbours and rivers are context around the county, so only these must stay inside its bbox
const countyLayers: readonly string[] = outputNames.filter(
  (n) => n !== 'neighbors' && n !== 'rivers',
)

function decimals(v: number): number {
  const text = String(v)
  return text.includes('.') ? (text.split('.')[1] as string).length : 0
}

describe.each(outputNames)('%s.geojson', (name) => {
  const layer = readLayer<Geometry>(name)

  test('is a FeatureCollection without a crs member (RFC 7946 §4)', () => {
    expect(layer.type).toBe('FeatureCollection')
    expect(layer).not.toHaveProperty('crs')
    expect(layer.features.length).toBeGreaterThan(0)
  })

  test('every feature has a unique string id', () => {
    const ids = layer.features.map((f) => f.id)
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('coordinates are WGS84 longitude/latitude with at most 6 decimals', () => {
    const bad: string[] = []
    for (const f of layer.features) {
      for (const p of positionsOf(f.geometry)) {
        const [lng, lat] = p as [number, number]
        const ok =
          p.length === 2 &&
          lng > 99 &&
          lng < 101.5 &&
          lat > 24 &&
          lat < 26.5 &&
          decimals(lng) <= 6 &&
          decimals(lat) <= 6
        if (!ok) bad.push(`${f.id}: ${p.join(',')}`)
      }
    }
    expect(bad).toEqual([])
  })

  test('exterior rings are counterclockwise and holes clockwise', () => {
    for (const f of layer.features) {
      const g = f.geometry
      const polygons =
        g.type === 'Polygon'
          ? [g.coordinates as Position[][]]
          : g.type === 'MultiPolygon'
            ? (g.coordinates as Position[][][])
            : []
      for (const rings of polygons) {
        for (const [i, ring] of rings.entries()) expect(booleanClockwise(ring), f.id).toBe(i > 0)
      }
    }
  })

  const context = !countyLayers.includes(name)
  const where = context ? 'within 1° of the county bbox (context layer)' : 'inside the county bbox'
  test(`every coordinate lies ${where}`, () => {
    const margin = context ? 1 : 0
    const [w, s, e, n] = countyBbox.map((v, i) => v + (i < 2 ? -margin : margin)) as [
      number,
      number,
      number,
      number,
    ]
    const outside: string[] = []
    for (const f of layer.features) {
      for (const [lng, lat] of positionsOf(f.geometry) as [number, number][]) {
        if (!(lng >= w && lng <= e && lat >= s && lat <= n)) outside.push(`${f.id}: ${lng},${lat}`)
      }
    }
    expect(outside).toEqual([])
  })
})
