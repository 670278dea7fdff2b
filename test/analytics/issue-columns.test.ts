import { describe, expect, test } from 'vitest'
import { dailyTrend } from '../../server/analytics/daily-trend.ts'
import { hexBins } from '../../server/analytics/hex-bins.ts'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { byGrid, byTownship, byUnit, kpis } from '../../server/analytics/issue-tally.ts'
import { unitCompletion } from '../../server/analytics/unit-completion.ts'
import type { IssueProperties, LngLat } from '../../server/domain/issue.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildIssue, mulberry32 } from '../builders.ts'
import { now } from './fixture-ledger.ts'
import { randomIssue, townshipCodes } from './random-issues.ts'

const props = (f: GeoJsonFeature) => f.properties as unknown as IssueProperties
const lngLatOf = (f: GeoJsonFeature) => (f.geometry as { coordinates: LngLat }).coordinates

describe('IssueColumns', () => {
  test('fromFeatures stores each field as a number, codes through dictionaries', () => {
    const issue = buildIssue({
      id: 'issue-1',
      lngLat: [100.3, 25.2],
      properties: {
        status: 'closed',
        category: 'graffiti',
        closedAt: '2026-11-03T00:00:00Z',
        townshipCode: '532927102',
        responsibleUnit: 'housing',
        gridCode: '532927102001003',
      },
    })
    const columns = IssueColumns.fromFeatures([issue])
    expect(columns.size).toBe(1)
    expect(columns.ids).toEqual(['issue-1'])
    expect([columns.lng[0], columns.lat[0]]).toEqual([100.3, 25.2])
    expect(columns.status[0]).toBe(3) // issueStatuses.indexOf('closed')
    expect(columns.category[0]).toBe(3) // issueCategories.indexOf('graffiti')
    expect(columns.townships.codes[columns.township[0] as number]).toBe('532927102')
    expect(columns.units.codes[columns.unit[0] as number]).toBe('housing')
    expect(columns.grids.codes[columns.grid[0] as number]).toBe('532927102001003')
    expect(columns.reportedAt[0]).toBe(Date.parse('2026-11-01T02:00:00Z'))
    expect(columns.deadlineAt[0]).toBe(Date.parse('2026-11-04T02:00:00Z'))
    expect(columns.closedAt[0]).toBe(Date.parse('2026-11-03T00:00:00Z'))
    expect(columns.extent).toEqual([100.3, 25.2, 100.3, 25.2])
  })

  test('an open issue has NaN for closedAt and an issue without geometry NaN for its position', () => {
    const issue = { ...buildIssue({ id: 'x' }), geometry: null }
    const columns = IssueColumns.fromFeatures([issue])
    expect(columns.closedAt[0]).toBeNaN()
    expect(columns.lng[0]).toBeNaN()
    expect(columns.extent[0]).toBe(Number.POSITIVE_INFINITY)
  })

  test('fromFeatures refuses a feature without id and upsert an unknown status', () => {
    const { id: _, ...noId } = buildIssue()
    expect(() => IssueColumns.fromFeatures([noId])).toThrow(TypeError)
    const columns = new IssueColumns()
    const bad = { ...props(buildIssue()), status: 'lost' } as unknown as IssueProperties
    expect(() => columns.upsert('x', bad)).toThrow(RangeError)
    expect(columns.size).toBe(0)
  })

  test('upsert of a known id overwrites its row and bumps the version', () => {
    const columns = new IssueColumns()
    const row = columns.upsert('a', props(buildIssue()), [100.3, 25.2])
    const version = columns.version
    const again = columns.upsert(
      'a',
      { ...props(buildIssue()), status: 'closed', closedAt: '2026-11-02T00:00:00Z' },
      [100.31, 25.21],
    )
    expect(again).toBe(row)
    expect(columns.size).toBe(1)
    expect(columns.status[row]).toBe(3)
    expect(columns.lng[row]).toBe(100.31)
    expect(columns.version).toBe(version + 1)
  })

  test('capacity doubles as rows arrive and earlier rows keep their values', () => {
    const columns = new IssueColumns()
    for (let i = 0; i < 3000; i++) {
      columns.upsert(`i-${i}`, props(buildIssue()), [100 + i / 1e4, 25])
    }
    expect(columns.size).toBe(3000)
    expect(columns.capacity).toBe(4096)
    expect(columns.lng[0]).toBe(100)
    expect(columns.lng[2999]).toBeCloseTo(100.2999, 9)
    expect(columns.rowOf('i-1234')).toBe(1234)
  })

  test('fromFeatures leaves room to grow before the first copy of the columns', () => {
    const columns = IssueColumns.fromFeatures([buildIssue(), buildIssue()])
    expect(columns.capacity).toBeGreaterThanOrEqual(2 + 1024)
    const big = IssueColumns.fromFeatures(Array.from({ length: 16_000 }, () => buildIssue()))
    expect(big.capacity).toBe(16_000 + 2000) // an eighth more
  })

  test('remove moves the last row into the gap and forgets the id', () => {
    const columns = new IssueColumns()
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      columns.upsert(id, props(buildIssue()), [100 + i, 25])
    }
    expect(columns.remove('a')).toBe(true)
    expect(columns.remove('a')).toBe(false)
    expect(columns.size).toBe(2)
    expect(columns.has('a')).toBe(false)
    expect(columns.rowOf('c')).toBe(0)
    expect(columns.lng[0]).toBe(102)
    expect(columns.ids).toEqual(['c', 'b'])
  })
})

describe('upsert and remove', () => {
  // Random write sequences: create, change status or unit or place, delete. After every sequence the
  // incrementally kept columns must answer exactly as columns rebuilt from the final issues.
  test.each([1, 2, 3, 4, 5, 6])(
    'then aggregating equals a rebuild from scratch (seed %i)',
    (seed) => {
      const random = mulberry32(seed)
      const nowMs = now.getTime()
      const live = new Map<string, GeoJsonFeature>()
      const columns = new IssueColumns()
      for (let step = 0; step < 1500; step++) {
        const id = `i-${Math.floor(random() * 200)}`
        if (random() < 0.15) {
          expect(columns.remove(id)).toBe(live.delete(id))
        } else {
          const feature = randomIssue(random, id, nowMs)
          live.set(id, feature)
          columns.upsert(id, props(feature), lngLatOf(feature))
        }
      }
      const rebuilt = IssueColumns.fromFeatures([...live.values()])
      expect(columns.size).toBe(live.size)
      for (const filter of [{}, { township: townshipCodes[0] }]) {
        expect(kpis(columns, now, filter)).toEqual(kpis(rebuilt, now, filter))
        expect(byTownship(columns, now, filter)).toEqual(byTownship(rebuilt, now, filter))
        expect(byUnit(columns, now, filter)).toEqual(byUnit(rebuilt, now, filter))
        expect(byGrid(columns, now, filter)).toEqual(byGrid(rebuilt, now, filter))
        expect(unitCompletion(columns, now, filter)).toEqual(unitCompletion(rebuilt, now, filter))
        expect(dailyTrend(columns, now, filter)).toEqual(dailyTrend(rebuilt, now, filter))
        const hex = { ...filter, radiusMeters: 300, status: 'all' as const }
        expect(hexBins(columns, now, hex)).toEqual(hexBins(rebuilt, now, hex))
      }
      for (const id of live.keys()) expect(columns.ids[columns.rowOf(id)]).toBe(id)
    },
  )
})
