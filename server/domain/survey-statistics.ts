// Honest survey figures: every rate carries its sample size and a Wilson score interval (95 %), which
// stays inside [0, 1] and behaves at small n and at rates near 100 %, where the normal approximation
// does not. Rounds are pooled by counts (each respondent weighs the same). Pure.
import { type SurveyCell, type SurveyMeasure, type SurveyRound, surveyMeasures } from './survey.ts'

export const z95 = 1.959963984540054 // two-sided 95 % normal quantile

/** A proportion with its interval. */
export interface Proportion {
  yes: number
  n: number
  rate: number | null // yes ÷ n; null when n = 0
  low: number | null // Wilson lower bound
  high: number | null // Wilson upper bound
}

/** Wilson score interval for yes of n (E. B. Wilson, JASA 1927). */
export function wilsonInterval(yes: number, n: number, z = z95): Proportion {
  if (n <= 0) return { yes, n, rate: null, low: null, high: null }
  const p = yes / n
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  // clamp rounding noise: at yes = 0 or yes = n a bound is exactly 0 or 1
  return {
    yes,
    n,
    rate: p,
    low: yes === 0 ? 0 : Math.max(0, centre - half),
    high: yes === n ? 1 : Math.min(1, centre + half),
  }
}

export type MeasureFigures = Readonly<Record<SurveyMeasure, Proportion>>

/** Pooled figures of some strata: their counts added up. */
export function pooled(cells: readonly SurveyCell[]): MeasureFigures {
  const n = cells.reduce((sum, c) => sum + c.sampleSize, 0)
  const figures = {} as Record<SurveyMeasure, Proportion>
  for (const m of surveyMeasures) {
    figures[m] = wilsonInterval(
      cells.reduce((sum, c) => sum + c[m], 0),
      n,
    )
  }
  return figures
}

export interface TrendPoint {
  roundId: string
  name: string
  conductedOn: string
  sampleSize: number
  figures: MeasureFigures
}

/** Each round's pooled figures, oldest first. */
export function surveyTrend(rounds: readonly SurveyRound[]): TrendPoint[] {
  return [...rounds]
    .sort((a, b) => (a.conductedOn < b.conductedOn ? -1 : a.conductedOn > b.conductedOn ? 1 : 0))
    .map((r) => ({
      roundId: r.id,
      name: r.name,
      conductedOn: r.conductedOn,
      sampleSize: r.cells.reduce((sum, c) => sum + c.sampleSize, 0),
      figures: pooled(r.cells),
    }))
}

export interface GroupFigures {
  key: string // the township, the group, or `township · group`
  sampleSize: number
  figures: MeasureFigures
}

export interface WeakRow {
  key: string
  sampleSize: number
  figure: Proportion
  /** Its whole interval lies below the round's overall rate: weak beyond sampling noise. */
  clearlyBelow: boolean
}

function groupFigures(
  cells: readonly SurveyCell[],
  keyOf: (c: SurveyCell) => string,
): GroupFigures[] {
  const groups = new Map<string, SurveyCell[]>()
  for (const c of cells) {
    const key = keyOf(c)
    const list = groups.get(key)
    if (list) list.push(c)
    else groups.set(key, [c])
  }
  return [...groups].map(([key, list]) => ({
    key,
    sampleSize: list.reduce((sum, c) => sum + c.sampleSize, 0),
    figures: pooled(list),
  }))
}

/**
 * The weakest groups for a measure, lowest rate first (ties: the smaller sample, being less sure,
 * after). `clearlyBelow` marks those whose upper bound is under the overall rate.
 */
export function weakest(
  groups: readonly GroupFigures[],
  measure: SurveyMeasure,
  overall: Proportion,
  limit: number,
): WeakRow[] {
  return groups
    .map((g) => ({
      key: g.key,
      sampleSize: g.sampleSize,
      figure: g.figures[measure],
      clearlyBelow:
        overall.rate !== null &&
        g.figures[measure].high !== null &&
        (g.figures[measure].high as number) < overall.rate,
    }))
    .sort(
      (a, b) =>
        (a.figure.rate ?? 1) - (b.figure.rate ?? 1) ||
        b.sampleSize - a.sampleSize ||
        (a.key < b.key ? -1 : 1),
    )
    .slice(0, limit)
}

export interface RoundBreakdown {
  roundId: string
  overall: MeasureFigures
  byTownship: GroupFigures[]
  byGroup: GroupFigures[]
  weakest: Record<SurveyMeasure, { townships: WeakRow[]; groups: WeakRow[]; cells: WeakRow[] }>
}

/** One round by township and by group, and the weakest of each for every measure. */
export function roundBreakdown(round: SurveyRound, limit = 5): RoundBreakdown {
  const overall = pooled(round.cells)
  const byTownship = groupFigures(round.cells, (c) => c.township)
  const byGroup = groupFigures(round.cells, (c) => c.group)
  const byCell = groupFigures(round.cells, (c) => `${c.township} · ${c.group}`)
  const weak = {} as RoundBreakdown['weakest']
  for (const m of surveyMeasures) {
    weak[m] = {
      townships: weakest(byTownship, m, overall[m], limit),
      groups: weakest(byGroup, m, overall[m], limit),
      cells: weakest(byCell, m, overall[m], limit),
    }
  }
  return { roundId: round.id, overall, byTownship, byGroup, weakest: weak }
}

/** What the 问卷 screen reads: the trend over every round and the breakdown of one round. */
export interface SurveySummary {
  trend: TrendPoint[]
  latest: (RoundBreakdown & { name: string; conductedOn: string }) | null
}
