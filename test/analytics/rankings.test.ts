import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import type { GroupTally } from '../../server/analytics/issue-tally.ts'
import { byTownship } from '../../server/analytics/issue-tally.ts'
import { type RankingOptions, rankings } from '../../server/analytics/rankings.ts'
import { fixtureIssues, now } from './fixture-ledger.ts'

// A tally with consistent counts from the three numbers a ranking reads.
function buildTally(code: string, total: number, closed: number, overdue = 0): GroupTally {
  return {
    code,
    total,
    open: total - closed,
    pending: 0,
    fixing: total - closed,
    reviewing: 0,
    closed,
    overdue,
    foundToday: 0,
    closedToday: 0,
    due: closed + overdue,
    closedOnTime: closed,
    closedLate: 0,
    closureRate: total === 0 ? null : closed / total,
    completionRate: closed + overdue === 0 ? null : closed / (closed + overdue),
  }
}

const codes = (entries: { code: string }[]) => entries.map((e) => e.code)

describe('rankings', () => {
  test('leave out rows below the minimum volume: 2 closed of 2 does not top the 红榜', () => {
    const rows = [
      buildTally('A', 2, 2), // 100 %, too few
      buildTally('B', 20, 18), // 90 %
      buildTally('C', 30, 15), // 50 %
      buildTally('D', 12, 12), // 100 %
      buildTally('E', 10, 3), // 30 %, exactly the minimum
      buildTally('F', 9, 0), // 0 %, too few
    ]
    const result = rankings(rows, { by: 'closureRate', top: 3 })
    expect(codes(result.red)).toEqual(['D', 'B']) // 4 ranked rows → at most 2 per list
    expect(codes(result.black)).toEqual(['E', 'C'])
    expect(result.ineligible).toEqual(['A', 'F'])
    expect(result.red.map((e) => [e.rank, e.value])).toEqual([
      [1, 1],
      [2, 0.9],
    ])
  })

  test('minIssues: 1 ranks every row with an issue', () => {
    const rows = [buildTally('A', 2, 2), buildTally('B', 20, 10), buildTally('Z', 0, 0)]
    const result = rankings(rows, { by: 'closureRate', top: 1, minIssues: 1 })
    expect(codes(result.red)).toEqual(['A'])
    expect(codes(result.black)).toEqual(['B'])
    expect(result.ineligible).toEqual(['Z'])
  })

  const ties: {
    name: string
    options: RankingOptions
    rows: GroupTally[]
    red: string[]
    black: string[]
  }[] = [
    {
      name: 'equal closure rates: more issues first on both lists',
      options: { by: 'closureRate', top: 2 },
      rows: [
        buildTally('X', 10, 8),
        buildTally('Y', 50, 40),
        buildTally('P', 20, 5),
        buildTally('Q', 40, 10),
      ],
      red: ['Y', 'X'],
      black: ['Q', 'P'],
    },
    {
      name: 'equal rate and volume: fewer overdue is better, more overdue is worse',
      options: { by: 'closureRate', top: 2 },
      rows: [
        buildTally('M', 20, 10, 1),
        buildTally('N', 20, 10, 5),
        buildTally('O', 20, 10, 3),
        buildTally('R', 20, 10, 2),
      ],
      red: ['M', 'R'],
      black: ['N', 'O'],
    },
    {
      name: 'all equal: by code',
      options: { by: 'closureRate', top: 2 },
      rows: [
        buildTally('d', 20, 10),
        buildTally('b', 20, 10),
        buildTally('c', 20, 10),
        buildTally('a', 20, 10),
      ],
      red: ['a', 'b'],
      black: ['c', 'd'],
    },
    {
      name: 'by overdue: fewest on the 红榜, most on the 黑榜, equal counts by closure rate',
      options: { by: 'overdue', top: 2 },
      rows: [
        buildTally('A', 20, 18, 0),
        buildTally('B', 20, 10, 0),
        buildTally('C', 20, 10, 4),
        buildTally('D', 20, 15, 4),
      ],
      red: ['A', 'B'],
      black: ['C', 'D'],
    },
  ]
  test.each(ties)('break ties deterministically — $name', ({ options, rows, red, black }) => {
    for (const order of [rows, [...rows].reverse()]) {
      const result = rankings(order, options)
      expect(codes(result.red)).toEqual(red)
      expect(codes(result.black)).toEqual(black)
    }
  })

  test('keep the lists disjoint: three ranked rows give one best and one worst', () => {
    const rows = [buildTally('A', 20, 20), buildTally('B', 20, 10), buildTally('C', 20, 2)]
    const result = rankings(rows, { by: 'closureRate', top: 5 })
    expect(codes(result.red)).toEqual(['A'])
    expect(codes(result.black)).toEqual(['C'])
  })

  test('put nobody on the 黑榜 for a perfect record', () => {
    const perfect = [buildTally('A', 20, 20), buildTally('B', 30, 30)]
    expect(rankings(perfect, { by: 'closureRate', top: 3 }).black).toEqual([])
    const punctual = [buildTally('A', 20, 5, 0), buildTally('B', 30, 10, 0)]
    expect(rankings(punctual, { by: 'overdue', top: 3 }).black).toEqual([])
  })

  test('rank the townships of the hand-made ledger', () => {
    const columns = IssueColumns.fromFeatures(fixtureIssues())
    const result = rankings(byTownship(columns, now), { by: 'closureRate', top: 1, minIssues: 3 })
    expect(codes(result.red)).toEqual(['532927102']) // 2 of 3 closed
    expect(codes(result.black)).toEqual(['532927101']) // 2 of 5
  })
})
