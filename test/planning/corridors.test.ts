import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { booleanPointInPolygon } from '@turf/turf'
import type { FeatureCollection, LineString, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { type IssueColumnProperties, IssueColumns } from '../../server/analytics/issue-columns.ts'
import type { IssueStatus } from '../../server/domain/issue.ts'
import { type CorridorLine, corridors, segmentDistance } from '../../server/planning/corridors.ts'
import { toLngLat, toLocalMetres } from '../../server/planning/issue-index.ts'
import { PlanningInputError } from '../../server/planning/planning-errors.ts'
import { seededRandom } from '../../server/planning/seeded-random.ts'
import { buildIssue } from '../builders.ts'

const fixtures = join(import.meta.dirname, '../fixtures/planning-geo')
const now = new Date('2026-11-22T00:00:00Z')
const future = '2026-12-31T00:00:00Z'
const past = '2026-11-01T00:00:00Z'

interface Expected {
  byWidth: {
    widthM: number
    total: number
    open: number
    overdue: number
    openNearestFirst: string[]
  }[]
}

function readEastWest() {
  const fc = JSON.parse(
    readFileSync(join(fixtures, 'corridor-east-west.geojson'), 'utf8'),
  ) as FeatureCollection<LineString | Point, Record<string, unknown>>
  const lineFeature = fc.features.find((f) => f.properties.role === 'line')
  if (lineFeature?.geometry.type !== 'LineString') throw new Error('no line')
  const issues = fc.features.filter((f) => f.properties.role === 'issue')
  const line: CorridorLine = {
    id: String(lineFeature.id),
    name: String(lineFeature.properties.name),
    kind: 'road',
    synthetic: true,
    coordinates: lineFeature.geometry.coordinates as [number, number][],
  }
  return { line, issues }
}

function columnsOf(
  issues: { id: string; lngLat: [number, number]; status: IssueStatus; deadlineAt: string }[],
) {
  return IssueColumns.fromFeatures(
    issues.map((i) =>
      buildIssue({
        id: i.id,
        lngLat: i.lngLat,
        properties: {
          status: i.status,
          deadlineAt: i.deadlineAt,
          ...(i.status === 'closed' ? { closedAt: '2026-11-03T00:00:00Z' } : {}),
        },
      }),
    ),
  )
}

/** An issue `dy` metres north and `dx` east of a local-metre position. */
function offset(x: number, y: number, dx: number, dy: number): [number, number] {
  return toLngLat(x + dx, y + dy)
}

describe('corridors on the golden east-west line', () => {
  const { line, issues } = readEastWest()
  const columns = columnsOf(
    issues.map((f) => ({
      id: String(f.id),
      lngLat: (f.geometry as Point).coordinates as [number, number],
      status: f.properties.status as IssueStatus,
      deadlineAt: String(f.properties.deadlineAt),
    })),
  )
  const expected = JSON.parse(
    readFileSync(join(fixtures, 'corridor-east-west.expected.json'), 'utf8'),
  ) as Expected

  test('the fixture places each issue at the distance its properties state (within 0.2 m)', () => {
    const [a, b] = line.coordinates as [number, number][]
    const [ax, ay] = toLocalMetres(...(a as [number, number]))
    const [bx, by] = toLocalMetres(...(b as [number, number]))
    for (const f of issues) {
      const [x, y] = toLocalMetres(...((f.geometry as Point).coordinates as [number, number]))
      expect(segmentDistance(x, y, ax, ay, bx, by), String(f.id)).toBeCloseTo(
        Number(f.properties.distanceM),
        0,
      )
    }
  })

  test.each(expected.byWidth)(
    'at widthM $widthM: $total issues, $open open, $overdue overdue, open ones nearest first',
    ({ widthM, total, open, overdue, openNearestFirst }) => {
      const [result] = corridors([line], columns, now, widthM)
      expect(result).toMatchObject({
        id: 'line-east-west',
        kind: 'road',
        widthM,
        total,
        open,
        overdue,
      })
      expect(result?.openIssues.map((i) => i.id)).toEqual(openNearestFirst)
      for (const listed of result?.openIssues ?? []) {
        const f = issues.find((x) => x.id === listed.id)
        expect(listed.distanceM).toBeCloseTo(Number(f?.properties.distanceM), 0)
      }
    },
  )

  test('the line is 4 km long and its buffer holds the 50 m issue but not the 250 m one', () => {
    const [result] = corridors([line], columns, now, 200)
    expect(result?.lengthKm).toBeCloseTo(4, 1)
    const buffer = result?.buffer
    if (!buffer) throw new Error('no buffer')
    const at = (id: string) => {
      const geometry = issues.find((f) => f.id === id)?.geometry as Point | undefined
      return geometry?.coordinates as [number, number]
    }
    expect(booleanPointInPolygon(at('issue-n050'), buffer)).toBe(true)
    expect(booleanPointInPolygon(at('issue-n250'), buffer)).toBe(false)
  })
})

describe('corridors count each issue once', () => {
  const corner: [number, number] = [-1000, 8000] // local metres
  const lShape: [number, number][] = [
    toLngLat(corner[0] - 2000, corner[1]),
    toLngLat(corner[0], corner[1]),
    toLngLat(corner[0], corner[1] + 2000),
  ]

  test('an issue near the corner of an L-shaped line, within reach of both segments', () => {
    const columns = columnsOf([
      { id: 'near-corner', lngLat: offset(...corner, -50, 50), status: 'fixing', deadlineAt: past },
    ])
    const [result] = corridors(
      [{ id: 'l', name: 'L', kind: 'road', synthetic: true, coordinates: lShape }],
      columns,
      now,
      200,
    )
    expect(result).toMatchObject({ total: 1, open: 1, overdue: 1 })
    expect(result?.openIssues[0]?.distanceM).toBeCloseTo(50, 0)
  })

  test('an issue between two parts of a river, within reach of both', () => {
    const [x, y] = [2000, -6000]
    const river: CorridorLine = {
      id: 'r',
      name: '河',
      kind: 'river',
      synthetic: false,
      coordinates: [
        [toLngLat(x - 1000, y + 100), toLngLat(x + 1000, y + 100)],
        [toLngLat(x - 1000, y - 60), toLngLat(x + 1000, y - 60)],
      ],
    }
    const columns = columnsOf([
      { id: 'between', lngLat: toLngLat(x, y), status: 'pending', deadlineAt: future },
    ])
    const [result] = corridors([river], columns, now, 150)
    expect(result).toMatchObject({ kind: 'river', total: 1, open: 1, overdue: 0 })
    expect(result?.openIssues[0]?.distanceM).toBeCloseTo(60, 0)
    // the parts are 160 m apart, so their 150 m buffers merge into one polygon
    expect(result?.buffer?.type).toBe('Polygon')
  })

  test('lines are counted independently of each other', () => {
    const columns = columnsOf([
      { id: 'shared', lngLat: toLngLat(0, 20), status: 'fixing', deadlineAt: future },
    ])
    const line = (id: string): CorridorLine => ({
      id,
      name: id,
      kind: 'road',
      synthetic: true,
      coordinates: [toLngLat(-500, 0), toLngLat(500, 0)],
    })
    const results = corridors([line('a'), line('b')], columns, now, 100)
    expect(results.map((r) => [r.id, r.total])).toEqual([
      ['a', 1],
      ['b', 1],
    ])
  })
})

describe('corridors agree with a brute-force count on a seeded random set', () => {
  const random = seededRandom(20261122)
  const statuses: IssueStatus[] = ['pending', 'fixing', 'reviewing', 'closed']
  // a bending line of long segments, so the index is queried in several pieces per segment
  const vertices = Array.from({ length: 7 }, (_, i): [number, number] => [
    -6000 + i * 2000,
    (random() - 0.5) * 6000,
  ])
  const issues = Array.from({ length: 4000 }, (_, i) => ({
    id: `r-${String(i).padStart(4, '0')}`,
    x: -7000 + random() * 14_000,
    y: -5000 + random() * 10_000,
    status: statuses[Math.floor(random() * 4)] as IssueStatus,
    deadlineAt: random() < 0.5 ? past : future,
  }))
  const columns = columnsOf(issues.map((i) => ({ ...i, lngLat: toLngLat(i.x, i.y) })))
  const line: CorridorLine = {
    id: 'random',
    name: 'random',
    kind: 'road',
    synthetic: true,
    coordinates: vertices.map(([x, y]) => toLngLat(x, y)),
  }

  test.each([20, 75, 200, 600, 2000])('at widthM %i', (widthM) => {
    const xy = vertices
    const within = issues.flatMap((issue) => {
      // positions go through the same lng/lat round trip as the index's
      const [x, y] = toLocalMetres(...toLngLat(issue.x, issue.y))
      let d = Number.POSITIVE_INFINITY
      for (let s = 1; s < xy.length; s++) {
        const [ax, ay] = toLocalMetres(...toLngLat(...(xy[s - 1] as [number, number])))
        const [bx, by] = toLocalMetres(...toLngLat(...(xy[s] as [number, number])))
        d = Math.min(d, segmentDistance(x, y, ax, ay, bx, by))
      }
      return d <= widthM ? [{ ...issue, d }] : []
    })
    const open = within.filter((i) => i.status !== 'closed')
    const [result] = corridors([line], columns, now, widthM)
    expect(within.length).toBeGreaterThan(0)
    expect(result?.total).toBe(within.length)
    expect(result?.open).toBe(open.length)
    expect(result?.overdue).toBe(open.filter((i) => i.deadlineAt === past).length)
    const nearest = open
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
      .slice(0, 200)
      .map((i) => i.id)
    expect(result?.openIssues.map((i) => i.id)).toEqual(nearest)
  })
})

describe('corridors refuse a bad width', () => {
  const columns = columnsOf([])
  test.each([-1, 0, 19, 2001, Number.NaN, Number.POSITIVE_INFINITY])('widthM %s', (widthM) => {
    const call = () => corridors([], columns, now, widthM)
    expect(call).toThrow(PlanningInputError)
    expect(call).toThrow(expect.objectContaining({ field: 'widthM' }))
  })
})

describe('corridors follow the live columns', () => {
  const line: CorridorLine = {
    id: 'live',
    name: 'live',
    kind: 'road',
    synthetic: true,
    coordinates: [toLngLat(-1000, 0), toLngLat(1000, 0)],
  }

  test('an issue added, moved or removed after a first count changes the next count', () => {
    const columns = columnsOf([
      { id: 'a', lngLat: toLngLat(0, 50), status: 'fixing', deadlineAt: future },
    ])
    expect(corridors([line], columns, now, 100)[0]?.total).toBe(1)
    const props = buildIssue({ properties: { status: 'fixing', deadlineAt: past } })
      .properties as unknown as IssueColumnProperties
    columns.upsert('b', props, toLngLat(500, -30))
    expect(corridors([line], columns, now, 100)[0]).toMatchObject({ total: 2, overdue: 1 })
    columns.upsert('a', props, toLngLat(0, 5000))
    expect(corridors([line], columns, now, 100)[0]).toMatchObject({ total: 1 })
    columns.remove('b')
    expect(corridors([line], columns, now, 100)[0]).toMatchObject({ total: 0 })
  })

  test('an issue without a position is never on a line', () => {
    const columns = columnsOf([])
    const props = buildIssue({ properties: { status: 'fixing' } })
      .properties as unknown as IssueColumnProperties
    columns.upsert('nowhere', props)
    expect(corridors([line], columns, now, 2000)[0]?.total).toBe(0)
  })
})

describe('the open issues a corridor lists', () => {
  test('carry the 问题编号 the planner reads; an issue without one has none', () => {
    const { line } = readEastWest()
    const [x, y] = toLocalMetres(...(line.coordinates[0] as [number, number]))
    const columns = IssueColumns.fromFeatures([
      buildIssue({
        id: 'i-numbered',
        lngLat: offset(x, y, 100, 10),
        properties: { status: 'fixing', issueNo: '2026-000123' },
      }),
      buildIssue({ id: 'i-bare', lngLat: offset(x, y, 100, 20), properties: { status: 'fixing' } }),
    ])
    const [result] = corridors([line], columns, now, 200)
    expect(result?.openIssues.map((i) => [i.id, i.issueNo])).toEqual([
      ['i-numbered', '2026-000123'],
      ['i-bare', undefined],
    ])
    expect(result?.openIssues[1]).not.toHaveProperty('issueNo')
  })
})
