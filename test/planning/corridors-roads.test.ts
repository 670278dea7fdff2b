import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FeatureCollection, LineString, MultiLineString, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { mulberry32 } from '../../geodata/build/prng.ts'
import { bentLine, roadFeatures } from '../../geodata/build/road-layer.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { findCollection } from '../../server/collections.ts'
import { corridorLinesOf, corridors, type GeoLineFeature } from '../../server/planning/corridors.ts'
import { toLocalMetres } from '../../server/planning/issue-index.ts'
import { buildIssue } from '../builders.ts'

const geodataDir = join(import.meta.dirname, '../../geodata')
const read = <T>(name: string) =>
  JSON.parse(readFileSync(join(geodataDir, `${name}.geojson`), 'utf8')) as T

const roads = read<FeatureCollection<LineString, Record<string, unknown>>>('roads')
const rivers = read<FeatureCollection<MultiLineString, Record<string, unknown>>>('rivers')
const seats = read<FeatureCollection<Point, { code: string; name: string }>>('seats')
const countySeat = seats.features.find((f) => f.properties.code === '532927')
const townshipSeats = seats.features.filter((f) => f.properties.code !== '532927')

/** Largest distance of any vertex from the chord, as a share of the chord's length. */
function bendShare(line: readonly (readonly number[])[]): number {
  const [ax, ay] = toLocalMetres(line[0]?.[0] as number, line[0]?.[1] as number)
  const last = line[line.length - 1] as number[]
  const [bx, by] = toLocalMetres(last[0] as number, last[1] as number)
  const length = Math.hypot(bx - ax, by - ay)
  let worst = 0
  for (const p of line) {
    const [x, y] = toLocalMetres(p[0] as number, p[1] as number)
    worst = Math.max(worst, Math.abs((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / length)
  }
  return worst / length
}

describe('geodata/roads.geojson (示意道路)', () => {
  test('one road from the county seat to each of the 10 township seats', () => {
    expect(roads.features).toHaveLength(townshipSeats.length)
    for (const seat of townshipSeats) {
      const road = roads.features.find((f) => f.properties.townshipCode === seat.properties.code)
      expect(road, seat.properties.name).toBeDefined()
      const coords = road?.geometry.coordinates ?? []
      expect(coords[0]).toEqual(countySeat?.geometry.coordinates)
      expect(coords[coords.length - 1]).toEqual(seat.geometry.coordinates)
    }
  })

  test('every road is labelled synthetic with its id, name, township and note', () => {
    for (const road of roads.features) {
      const code = String(road.properties.townshipCode)
      const seat = townshipSeats.find((s) => s.properties.code === code)
      expect(road.id).toBe(`road-${code}`)
      expect(road.properties).toMatchObject({
        id: `road-${code}`,
        name: `县城—${seat?.properties.name}（示意道路）`,
        townshipCode: code,
        synthetic: true,
        note: '示意线路，非真实道路数据',
      })
      expect(road.geometry.type).toBe('LineString')
    }
  })

  test('roads bend gently: a few vertices, none more than 10 % of the length off the chord', () => {
    for (const road of roads.features) {
      const coords = road.geometry.coordinates
      expect(coords.length).toBeGreaterThanOrEqual(4)
      expect(coords.length).toBeLessThanOrEqual(9)
      expect(bendShare(coords), road.id as string).toBeLessThanOrEqual(0.1 + 1e-6)
    }
    // and they do bend: not every road is a straight line
    expect(
      Math.max(...roads.features.map((r) => bendShare(r.geometry.coordinates))),
    ).toBeGreaterThan(0.02)
  })

  test('the roads collection is served as 示意道路, synthetic, and says it is no real road', () => {
    expect(findCollection('roads')).toMatchObject({
      title: '示意道路',
      geometryType: 'LineString',
      synthetic: true,
    })
    expect(findCollection('roads')?.description).toContain('示意线路，非真实道路')
  })
})

describe('roadFeatures', () => {
  const county: [number, number] = [100.30603, 25.230114]
  const ends = [
    { code: '532927101', name: '南诏镇', seat: [100.307766, 25.240523] as [number, number] },
    { code: '532927900', name: '同城镇', seat: county },
    { code: '532927205', name: '牛街乡', seat: [100.085877, 25.038759] as [number, number] },
  ]

  test('the same seed gives the same roads and another seed other bends', () => {
    const a = roadFeatures(county, ends, mulberry32(1))
    expect(roadFeatures(county, ends, mulberry32(1))).toEqual(a)
    expect(roadFeatures(county, ends, mulberry32(2))).not.toEqual(a)
  })

  test('a township whose seat is the county seat gets no road', () => {
    const ids = roadFeatures(county, ends, mulberry32(1)).map((f) => f.id)
    expect(ids).toEqual(['road-532927101', 'road-532927205'])
  })

  test('bentLine keeps its ends and stays within the amplitudes it is given', () => {
    const line = bentLine(county, [100.085877, 25.038759], 0.07, 0.03) ?? []
    expect(line[0]).toEqual(county)
    expect(line[line.length - 1]).toEqual([100.085877, 25.038759])
    expect(bendShare(line)).toBeLessThanOrEqual(0.1 + 1e-6)
    expect(bentLine(county, county, 0.07, 0.03)).toBeUndefined()
  })
})

describe('corridors over the served roads and rivers', () => {
  const lines = corridorLinesOf(
    roads.features satisfies GeoLineFeature[],
    rivers.features satisfies GeoLineFeature[],
  )

  test('turns the layers into 10 road and 3 river lines, rivers with all their parts', () => {
    expect(lines.filter((l) => l.kind === 'road')).toHaveLength(10)
    expect(lines.filter((l) => l.kind === 'river').map((l) => l.id)).toEqual(
      rivers.features.map((f) => String(f.id)),
    )
    const hong = lines.find((l) => l.id === 'hong')
    expect(hong?.coordinates).toEqual(
      rivers.features.find((f) => f.id === 'hong')?.geometry.coordinates,
    )
  })

  test('an issue at the county seat lies on every road and its nearest open issue', () => {
    const columns = IssueColumns.fromFeatures([
      buildIssue({ id: 'at-seat', lngLat: countySeat?.geometry.coordinates as [number, number] }),
    ])
    const results = corridors(lines, columns, new Date('2026-11-22T00:00:00Z'), 200)
    for (const r of results.filter((x) => x.kind === 'road')) {
      expect(r).toMatchObject({ total: 1, open: 1 })
      expect(r.openIssues[0]).toMatchObject({ id: 'at-seat', distanceM: 0 })
      expect(r.lengthKm).toBeGreaterThan(1)
      expect(r.buffer?.type).toBe('Polygon')
    }
  })
})
