import { describe, expect, test } from 'vitest'
import { closedStatusCode, IssueColumns } from '../../server/analytics/issue-columns.ts'
import type { IssueStatus } from '../../server/domain/issue.ts'
import { issueStatuses } from '../../server/domain/issue.ts'
import { distanceMetres, toLngLat } from '../../server/planning/issue-index.ts'
import { PlanningInputError } from '../../server/planning/planning-errors.ts'
import {
  type CheckpointInput,
  gridConditions,
  pointConditions,
} from '../../server/planning/planning-inputs.ts'
import {
  sampleIndices,
  sampleWithoutReplacement,
  seededRandom,
} from '../../server/planning/seeded-random.ts'

const now = new Date('2026-11-22T04:00:00Z')
const dayMs = 86_400_000

/** Issues in clusters around a few centres (as the ledger is), times over 200 days, seeded. */
function randomLedger(seed: number, count: number) {
  const random = seededRandom(seed)
  const centres = Array.from({ length: 6 }, () => [random() * 8000, random() * 8000] as const)
  const columns = new IssueColumns()
  for (let i = 0; i < count; i++) {
    const [cx, cy] = centres[Math.floor(random() * centres.length)] ?? [0, 0]
    const status = issueStatuses[Math.floor(random() * 4)] as IssueStatus
    const reportedMs = now.getTime() - random() * 200 * dayMs
    columns.upsert(
      `issue-${i}`,
      {
        status,
        category: 'street-vending',
        reportedAt: new Date(reportedMs).toISOString(),
        deadlineAt: new Date(reportedMs + random() * 30 * dayMs).toISOString(),
        responsibleUnit: 'urban-management',
        gridCode: `53292710100${Math.floor(random() * 4)}001`,
        townshipCode: '532927101',
        ...(status === 'closed' ? { closedAt: new Date(reportedMs).toISOString() } : {}),
      },
      // one issue in fifty has no position
      random() < 0.02
        ? undefined
        : toLngLat(cx + (random() - 0.5) * 1500, cy + (random() - 0.5) * 1500),
    )
  }
  return { columns, random, centres }
}

/** Points around the ledger's cluster centres, so most of them have issues nearby. */
function randomCheckpoints(
  random: () => number,
  count: number,
  centres: readonly (readonly [number, number])[],
): CheckpointInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `cp-${i}`,
    name: `点位${i}`,
    kind: 'fixed',
    category: 'market',
    townshipCode: '532927101',
    gridCode: '532927101001001',
    lngLat: toLngLat(
      (centres[i % centres.length]?.[0] ?? 0) + (random() - 0.5) * 2000,
      (centres[i % centres.length]?.[1] ?? 0) + (random() - 0.5) * 2000,
    ),
  }))
}

function bruteForce(
  checkpoints: readonly CheckpointInput[],
  columns: IssueColumns,
  radiusM: number,
  recentDays: number,
) {
  return checkpoints.map((c) => {
    const counts = { openIssues: 0, overdueIssues: 0, recentIssues: 0 }
    for (let row = 0; row < columns.size; row++) {
      const lngLat: [number, number] = [
        columns.lng[row] ?? Number.NaN,
        columns.lat[row] ?? Number.NaN,
      ]
      if (!(distanceMetres(c.lngLat, lngLat) <= radiusM)) continue
      const open = columns.status[row] !== closedStatusCode
      if (open) counts.openIssues++
      if (open && (columns.deadlineAt[row] ?? 0) < now.getTime()) counts.overdueIssues++
      const reported = columns.reportedAt[row] ?? Number.NaN
      if (reported >= now.getTime() - recentDays * dayMs && reported <= now.getTime()) {
        counts.recentIssues++
      }
    }
    return counts
  })
}

describe('pointConditions', () => {
  // radii from under one 100 m cell to many cells, so both whole cells and edge cells are counted
  test.each([
    [8, 300, 90],
    [120, 300, 90],
    [120, 200, 30],
    [120, 2500, 90],
    [40, 5, 90],
  ])('%i points, %i m, %i days: the counts equal a brute-force pass', (points, radiusM, days) => {
    const { columns, random, centres } = randomLedger(points * 7 + radiusM, 6000)
    const checkpoints = randomCheckpoints(random, points, centres)
    const got = pointConditions(checkpoints, columns, now, { radiusM, recentDays: days })
    expect(got).toEqual(bruteForce(checkpoints, columns, radiusM, days))
    expect(got.some((c) => c.openIssues > 0)).toBe(true)
  })

  test('counts follow the ledger when it changes', () => {
    const { columns, random, centres } = randomLedger(8, 2000)
    const checkpoints = randomCheckpoints(random, 20, centres)
    const options = { radiusM: 400, recentDays: 90 }
    expect(pointConditions(checkpoints, columns, now, options)).toEqual(
      bruteForce(checkpoints, columns, 400, 90),
    )
    for (let i = 0; i < 500; i++) columns.remove(`issue-${i}`)
    const at = checkpoints[0]?.lngLat ?? [0, 0]
    columns.upsert(
      'issue-new',
      {
        status: 'fixing',
        category: 'street-vending',
        reportedAt: now.toISOString(),
        deadlineAt: new Date(now.getTime() - dayMs).toISOString(),
        responsibleUnit: 'urban-management',
        gridCode: '532927101001001',
        townshipCode: '532927101',
      },
      at,
    )
    const after = pointConditions(checkpoints, columns, now, options)
    expect(after).toEqual(bruteForce(checkpoints, columns, 400, 90))
    expect(after[0]?.overdueIssues).toBeGreaterThan(0)
  })

  test('no checkpoints give no conditions; an empty ledger gives zeros', () => {
    const { columns, random, centres } = randomLedger(1, 100)
    expect(pointConditions([], columns, now, { radiusM: 300, recentDays: 90 })).toEqual([])
    const points = randomCheckpoints(random, 30, centres)
    const empty = pointConditions(points, new IssueColumns(), now, { radiusM: 300, recentDays: 90 })
    expect(empty).toHaveLength(30)
    expect(empty.every((c) => c.openIssues + c.overdueIssues + c.recentIssues === 0)).toBe(true)
  })

  test.each([
    [{ radiusM: -1, recentDays: 90 }, 'radiusM'],
    [{ radiusM: Number.NaN, recentDays: 90 }, 'radiusM'],
    [{ radiusM: 300, recentDays: -2 }, 'recentDays'],
  ])('options %j are refused with field %s', (options, field) => {
    const call = () => pointConditions([], new IssueColumns(), now, options)
    expect(call).toThrow(PlanningInputError)
    expect(call).toThrow(expect.objectContaining({ field }))
  })
})

describe('gridConditions', () => {
  test('each grid counts its issues, closed and overdue ones as a direct tally does', () => {
    const { columns } = randomLedger(5, 3000)
    const want = new Map<string, { total: number; closed: number; overdue: number }>()
    for (let row = 0; row < columns.size; row++) {
      const code = columns.grids.codes[columns.grid[row] ?? 0] ?? ''
      const entry = want.get(code) ?? { total: 0, closed: 0, overdue: 0 }
      entry.total++
      if (columns.status[row] === closedStatusCode) entry.closed++
      else if ((columns.deadlineAt[row] ?? 0) < now.getTime()) entry.overdue++
      want.set(code, entry)
    }
    const got = gridConditions(columns, now)
    expect(got.size).toBe(want.size)
    for (const [code, w] of want) {
      expect(got.get(code)).toEqual({
        issuesTotal: w.total,
        closed: w.closed,
        overdue: w.overdue,
        closureRate: w.closed / w.total,
      })
    }
  })

  test('a grid whose issues were all removed drops out', () => {
    const { columns } = randomLedger(6, 50)
    const code = columns.grids.codes[columns.grid[0] ?? 0] ?? ''
    for (const id of [...columns.ids]) {
      if (columns.grids.codes[columns.grid[columns.rowOf(id)] ?? 0] === code) columns.remove(id)
    }
    expect(gridConditions(columns, now).has(code)).toBe(false)
  })
})

describe('seeded random', () => {
  test('one seed gives one sequence; another seed another', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const c = seededRandom(43)
    const first = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first)
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  test.each([
    [10, 3],
    [10, 10],
    [1000, 7],
    [5, 9],
    [0, 2],
  ])('sampling %i items %i at a time gives distinct items of the list', (n, k) => {
    const items = Array.from({ length: n }, (_, i) => `x${i}`)
    const random = seededRandom(n * 31 + k)
    for (let round = 0; round < 50; round++) {
      const sample = sampleWithoutReplacement(random, items, k)
      expect(sample).toHaveLength(Math.min(n, k))
      expect(new Set(sample).size).toBe(sample.length)
      for (const item of sample) expect(items).toContain(item)
    }
  })

  test('every index is about equally likely to be drawn', () => {
    const random = seededRandom(9)
    const hits = new Array<number>(50).fill(0)
    for (let round = 0; round < 20_000; round++) {
      for (const i of sampleIndices(random, 50, 3)) hits[i] = (hits[i] ?? 0) + 1
    }
    // expected 1200 each; binomial stdev ≈ 34, so ±200 is ~6 sigma
    for (const count of hits) expect(Math.abs(count - 1200)).toBeLessThan(200)
  })
})
