import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FeatureCollection, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import type { IssueStatus } from '../../server/domain/issue.ts'
import { distanceMetres } from '../../server/planning/issue-index.ts'
import { PlanningInputError } from '../../server/planning/planning-errors.ts'
import {
  focusStatus,
  type SeatInput,
  seatRadius,
  type VillageInput,
} from '../../server/planning/seat-radius.ts'
import { buildIssue } from '../builders.ts'

const fixtures = join(import.meta.dirname, '../fixtures/planning-geo')
const now = new Date('2026-11-22T00:00:00Z')

interface Expected {
  byRadius: {
    radiusM: number
    total: number
    open: number
    overdue: number
    status: string
    villages: Record<string, unknown>[]
    otherIssues: { total: number; open: number; overdue: number }
    openNearestFirst: string[]
  }[]
}

function readFixture() {
  const fc = JSON.parse(
    readFileSync(join(fixtures, 'seat-radius.geojson'), 'utf8'),
  ) as FeatureCollection<Point, Record<string, string | number>>
  const of = (role: string) => fc.features.filter((f) => f.properties.role === role)
  const lngLat = (f: { geometry: Point }) => f.geometry.coordinates as [number, number]
  const seats: SeatInput[] = of('seat').map((f) => ({
    code: String(f.properties.code),
    name: String(f.properties.name),
    lngLat: lngLat(f),
  }))
  const villages: VillageInput[] = of('village').map((f) => ({
    code: String(f.properties.code),
    name: String(f.properties.name),
    townshipCode: String(f.properties.townshipCode),
    lngLat: lngLat(f),
  }))
  const issues = of('issue')
  const columns = IssueColumns.fromFeatures(
    issues.map((f) =>
      buildIssue({
        id: String(f.id),
        lngLat: lngLat(f),
        properties: {
          status: f.properties.status as IssueStatus,
          deadlineAt: String(f.properties.deadlineAt),
          gridCode: String(f.properties.gridCode),
          townshipCode: '532927901',
          ...(f.properties.status === 'closed' ? { closedAt: '2026-11-03T00:00:00Z' } : {}),
        },
      }),
    ),
  )
  return { seats, villages, issues, columns, fc }
}

describe('seat radius on the golden township', () => {
  const { seats, villages, columns, fc } = readFixture()
  const expected = JSON.parse(
    readFileSync(join(fixtures, 'seat-radius.expected.json'), 'utf8'),
  ) as Expected

  test('the fixture places villages and issues at the distances their properties state', () => {
    const seat = seats[0] as SeatInput
    for (const f of fc.features.filter((x) => x.properties.role !== 'seat')) {
      const d = distanceMetres(f.geometry.coordinates as [number, number], seat.lngLat)
      expect(d, String(f.id)).toBeCloseTo(Number(f.properties.distanceM), 0)
    }
  })

  test.each(expected.byRadius)(
    'at radiusM $radiusM: $total issues, status $status, villages by their grid codes',
    (want) => {
      const [result] = seatRadius(seats, villages, columns, now, want.radiusM)
      expect(result).toMatchObject({
        code: '532927901',
        radiusM: want.radiusM,
        total: want.total,
        open: want.open,
        overdue: want.overdue,
        status: want.status,
        otherIssues: want.otherIssues,
      })
      // village distances come back rounded to 0.1 m; the fixture states whole metres
      expect(result?.villages.map((v) => ({ ...v, distanceM: Math.round(v.distanceM) }))).toEqual(
        want.villages,
      )
      expect(result?.openIssues.map((i) => i.id)).toEqual(want.openNearestFirst)
    },
  )

  test('a village of another township never counts, however near the seat', () => {
    const results = seatRadius(seats, villages, columns, now, 5000)
    expect(results[0]?.villages.map((v) => v.code)).not.toContain('532927902201')
  })

  test('a seat without issues around it is clean and so are its villages', () => {
    const far: SeatInput = { code: '532927901', name: '测试乡', lngLat: [100.0, 25.5] }
    const near: VillageInput = { ...(villages[0] as VillageInput), lngLat: [100.001, 25.5] }
    const [result] = seatRadius([far], [near], columns, now, 1000)
    expect(result).toMatchObject({ total: 0, open: 0, overdue: 0, status: 'clean' })
    expect(result?.villages).toEqual([
      expect.objectContaining({ code: near.code, total: 0, status: 'clean' }),
    ])
  })
})

describe('focusStatus', () => {
  test.each([
    [{ total: 0, open: 0, overdue: 0 }, 'clean'],
    [{ total: 3, open: 0, overdue: 0 }, 'clean'],
    [{ total: 3, open: 2, overdue: 0 }, 'open'],
    [{ total: 3, open: 2, overdue: 1 }, 'overdue'],
  ] as const)('%o is %s', (counts, status) => {
    expect(focusStatus(counts)).toBe(status)
  })
})

describe('seat radius refuses a bad radius', () => {
  const columns = IssueColumns.fromFeatures([])
  test.each([-5, 0, 99, 5001, Number.NaN])('radiusM %s', (radiusM) => {
    const call = () => seatRadius([], [], columns, now, radiusM)
    expect(call).toThrow(PlanningInputError)
    expect(call).toThrow(expect.objectContaining({ field: 'radiusM' }))
  })
})
