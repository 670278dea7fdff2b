import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import {
  distanceMetres,
  issueIndexOf,
  toLngLat,
  toLocalMetres,
} from '../../server/planning/issue-index.ts'
import { seededRandom } from '../../server/planning/seeded-random.ts'

function randomColumns(seed: number, count: number) {
  const random = seededRandom(seed)
  const columns = new IssueColumns()
  for (let i = 0; i < count; i++) {
    columns.upsert(
      `issue-${i}`,
      {
        status: 'fixing',
        category: 'street-vending',
        reportedAt: '2026-11-01T02:00:00Z',
        deadlineAt: '2026-11-04T02:00:00Z',
        responsibleUnit: 'urban-management',
        gridCode: '532927101001001',
        townshipCode: '532927101',
      },
      random() < 0.02 ? undefined : toLngLat(random() * 5000, random() * 5000),
    )
  }
  return { columns, random }
}

describe('issue index', () => {
  test('local metres and WGS84 convert both ways', () => {
    for (const [x, y] of [
      [0, 0],
      [12_345.5, -6789.25],
      [-30_000, 40_000],
    ] as const) {
      const [lng, lat] = toLngLat(x, y)
      const [bx, by] = toLocalMetres(lng, lat)
      expect(bx).toBeCloseTo(x, 6)
      expect(by).toBeCloseTo(y, 6)
    }
    expect(distanceMetres(toLngLat(0, 0), toLngLat(300, 400))).toBeCloseTo(500, 6)
  })

  test('rowsWithin returns exactly the rows a brute-force distance check keeps', () => {
    const { columns, random } = randomColumns(3, 5000)
    const index = issueIndexOf(columns)
    for (let q = 0; q < 40; q++) {
      const centre = toLngLat(random() * 5000, random() * 5000)
      const radiusM = 50 + random() * 600
      const want: number[] = []
      for (let row = 0; row < columns.size; row++) {
        const lngLat: [number, number] = [columns.lng[row] ?? 0, columns.lat[row] ?? 0]
        if (distanceMetres(centre, lngLat) <= radiusM) want.push(row)
      }
      const got = index.rowsWithin(centre[0], centre[1], radiusM).sort((a, b) => a - b)
      expect(got).toEqual(want)
    }
  })

  test('rowsInBox returns exactly the rows inside the box', () => {
    const { columns, random } = randomColumns(4, 3000)
    const index = issueIndexOf(columns)
    for (let q = 0; q < 20; q++) {
      const [x0, x1] = [random() * 5000, random() * 5000].sort((a, b) => a - b) as [number, number]
      const [y0, y1] = [random() * 5000, random() * 5000].sort((a, b) => a - b) as [number, number]
      const want: number[] = []
      for (let row = 0; row < columns.size; row++) {
        const [x, y] = toLocalMetres(columns.lng[row] ?? Number.NaN, columns.lat[row] ?? Number.NaN)
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) want.push(row)
      }
      expect(index.rowsInBox(x0, y0, x1, y1).sort((a, b) => a - b)).toEqual(want)
    }
  })

  test('the index is reused until the columns change, then rebuilt', () => {
    const { columns } = randomColumns(5, 100)
    const first = issueIndexOf(columns)
    expect(issueIndexOf(columns)).toBe(first)
    columns.remove('issue-0')
    const second = issueIndexOf(columns)
    expect(second).not.toBe(first)
    expect(second.size).toBe(99)
  })

  test('an empty ledger answers every query with nothing', () => {
    const index = issueIndexOf(new IssueColumns())
    expect(index.rowsWithin(100.3, 25.2, 1e6)).toEqual([])
    expect(index.rowsInBox(-1e7, -1e7, 1e7, 1e7)).toEqual([])
  })
})
