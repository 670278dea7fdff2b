// 红黑榜 for the wall, as in a 通报: the best (红榜) and the worst (黑榜) townships or units by closure
// rate or by overdue count, from the tallies of byTownship/byUnit. Pure ordering, no counting.
//
// Rules:
//   - minimum volume: a row with fewer than `minIssues` issues is not ranked (样本不足) and is listed
//     in `ineligible`; two issues closed out of two must not top the 红榜.
//   - the lists are disjoint: each takes at most half of the ranked rows (rounded down), and the
//     黑榜 is drawn from the rows not on the 红榜, so nobody is both best and worst.
//   - nothing to criticise, no 黑榜: a row with closure rate 1 (by closureRate) or no overdue issue
//     (by overdue) is never on the 黑榜.
//   - ties are broken by the next key, then by code, so the same tallies give the same lists:
//       closureRate 红榜: rate ↓, total ↓ (more handled), overdue ↑, code ↑
//       closureRate 黑榜: rate ↑, overdue ↓, total ↓ (bigger backlog), code ↑
//       overdue     红榜: overdue ↑, closure rate ↓, total ↓, code ↑
//       overdue     黑榜: overdue ↓, closure rate ↑, total ↓, code ↑
import type { GroupTally } from './issue-tally.ts'

export type RankingMetric = 'closureRate' | 'overdue'

export interface RankingOptions {
  by: RankingMetric
  top: number // entries per list at most
  minIssues?: number // issues a row needs to be ranked; @default 10
}

export interface RankedEntry {
  rank: number // 1 for the first of its list; ties get consecutive ranks
  code: string
  value: number // the closure rate (0–1) or the overdue count
  tally: GroupTally
}

export interface Rankings {
  by: RankingMetric
  red: RankedEntry[] // 红榜, best first
  black: RankedEntry[] // 黑榜, worst first
  ineligible: string[] // codes below minIssues, by code
}

export const defaultMinIssues = 10

type Compare = (a: GroupTally, b: GroupTally) => number

const byCode: Compare = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
const rate = (t: GroupTally) => t.closureRate ?? 0
const chain =
  (...compares: Compare[]): Compare =>
  (a, b) => {
    for (const compare of compares) {
      const d = compare(a, b)
      if (d !== 0) return d
    }
    return 0
  }

const orders: Record<RankingMetric, { best: Compare; worst: Compare }> = {
  closureRate: {
    best: chain(
      (a, b) => rate(b) - rate(a),
      (a, b) => b.total - a.total,
      (a, b) => a.overdue - b.overdue,
      byCode,
    ),
    worst: chain(
      (a, b) => rate(a) - rate(b),
      (a, b) => b.overdue - a.overdue,
      (a, b) => b.total - a.total,
      byCode,
    ),
  },
  overdue: {
    best: chain(
      (a, b) => a.overdue - b.overdue,
      (a, b) => rate(b) - rate(a),
      (a, b) => b.total - a.total,
      byCode,
    ),
    worst: chain(
      (a, b) => b.overdue - a.overdue,
      (a, b) => rate(a) - rate(b),
      (a, b) => b.total - a.total,
      byCode,
    ),
  },
}

export function rankings(tallies: readonly GroupTally[], options: RankingOptions): Rankings {
  const { by, top } = options
  const minIssues = options.minIssues ?? defaultMinIssues
  const ranked = tallies.filter((t) => t.total >= minIssues && t.total > 0)
  const ineligible = tallies
    .filter((t) => !(t.total >= minIssues && t.total > 0))
    .sort(byCode)
    .map((t) => t.code)
  const length = Math.max(0, Math.min(Math.floor(top), Math.floor(ranked.length / 2)))
  const value = (t: GroupTally) => (by === 'closureRate' ? rate(t) : t.overdue)
  const entry = (tally: GroupTally, i: number): RankedEntry => ({
    rank: i + 1,
    code: tally.code,
    value: value(tally),
    tally,
  })
  const hasFault = (t: GroupTally) => (by === 'closureRate' ? rate(t) < 1 : t.overdue > 0)
  const red = [...ranked].sort(orders[by].best).slice(0, length)
  const rest = ranked.filter((t) => !red.includes(t) && hasFault(t))
  return {
    by,
    red: red.map(entry),
    black: rest.sort(orders[by].worst).slice(0, length).map(entry),
    ineligible,
  }
}
