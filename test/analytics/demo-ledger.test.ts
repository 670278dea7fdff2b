// The aggregates on the committed demo ledger (geodata/issues.geojson, 2,600 issues), as of the
// moment it was generated for; the server shifts it to its first start, which moves every time alike.
import type { Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { dailyTrend } from '../../server/analytics/daily-trend.ts'
import { hexBins } from '../../server/analytics/hex-bins.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import {
  byGrid,
  byTownship,
  byUnit,
  type GroupTally,
  type IssueTally,
  kpis,
} from '../../server/analytics/issue-tally.ts'
import { rankings } from '../../server/analytics/rankings.ts'
import { unitCompletion } from '../../server/analytics/unit-completion.ts'
import { type IssueProperties, isOverdue } from '../../server/domain/issue.ts'
import { readLayer } from '../geodata/read-geodata.ts'

const issues = readLayer<Point, IssueProperties>('issues').features
const townshipCodes = new Set(readLayer('townships').features.map((f) => f.id))
const gridCodes = new Set(readLayer('grids').features.map((f) => f.id))
const now = new Date('2026-11-22T00:00:00Z') // demoSeedNow in server/storage/load-geodata.ts
const columns = IssueColumns.fromFeatures(issues)
const headline = kpis(columns, now)

const counted = [
  'total',
  'open',
  'pending',
  'fixing',
  'reviewing',
  'closed',
  'overdue',
  'foundToday',
  'closedToday',
  'due',
  'closedOnTime',
  'closedLate',
] as const satisfies readonly (keyof IssueTally)[]

function sumOf(tallies: GroupTally[]): Record<(typeof counted)[number], number> {
  const sum = Object.fromEntries(counted.map((k) => [k, 0])) as Record<
    (typeof counted)[number],
    number
  >
  for (const t of tallies) for (const k of counted) sum[k] += t[k]
  return sum
}

describe('the demo ledger', () => {
  test('kpis count every issue, and open and overdue as the ledger says', () => {
    expect(headline.total).toBe(issues.length)
    expect(headline.open).toBe(issues.filter((f) => f.properties.status !== 'closed').length)
    expect(headline.overdue).toBe(issues.filter((f) => isOverdue(f.properties, now)).length)
    expect(headline.closureRate).toBeCloseTo(headline.closed / issues.length, 12)
  })

  test.each([
    ['township', byTownship],
    ['unit', byUnit],
    ['grid', byGrid],
  ] as const)('totals per %s sum to the kpis totals', (_, group) => {
    const tallies = group(columns, now)
    expect(sumOf(tallies)).toEqual(Object.fromEntries(counted.map((k) => [k, headline[k]])))
  })

  test('every township and grid tallied is on the map, so the choropleth can join them', () => {
    for (const t of byTownship(columns, now)) expect(townshipCodes.has(t.code), t.code).toBe(true)
    for (const g of byGrid(columns, now)) expect(gridCodes.has(g.code), g.code).toBe(true)
  })

  test('the tour mode figures of each township equal its row of byTownship', () => {
    for (const row of byTownship(columns, now)) {
      const { code, ...tally } = row
      expect(kpis(columns, now, { township: code })).toEqual(tally)
    }
  })

  test('hexagon bins hold every open issue', () => {
    for (const radiusMeters of [200, 1000]) {
      expect(hexBins(columns, now, { radiusMeters }).total).toBe(headline.open)
    }
  })

  test('the 30-day trend counts the issues found since 2026-10-24 (Beijing) and ends at the open count', () => {
    const trend = dailyTrend(columns, now)
    const since = Date.parse('2026-10-23T16:00:00Z')
    const found = issues.filter((f) => Date.parse(f.properties.reportedAt) >= since).length
    expect(trend.reduce((n, d) => n + d.found, 0)).toBe(found)
    expect(trend.at(-1)).toMatchObject({ date: '2026-11-22', openAtEnd: headline.open })
  })

  test('unit completion covers every unit and its due issues sum to the ledger’s', () => {
    const rows = unitCompletion(columns, now)
    expect(rows.map((r) => r.code).sort()).toEqual(byUnit(columns, now).map((t) => t.code))
    expect(rows.reduce((n, r) => n + r.due, 0)).toBe(headline.due)
  })

  test('the township 红黑榜 names ranked townships only, each once', () => {
    const result = rankings(byTownship(columns, now), { by: 'closureRate', top: 3 })
    const named = [...result.red, ...result.black].map((e) => e.code)
    expect(new Set(named).size).toBe(named.length)
    expect(result.red).toHaveLength(3)
    for (const code of named) expect(result.ineligible).not.toContain(code)
  })
})
