// Colour scales of the planners' map: a 0–100 score ramp (red → amber → green) and the three
// states of a drawn point. Pure; the legend and the deck.gl accessors read the same arrays.
import type { Rgba } from '../../lib/legend.ts'

/** Stops of the score ramp at 0, 25, 50, 75 and 100 (ColorBrewer RdYlGn, 5 classes). */
export const scoreStops: readonly Rgba[] = [
  [215, 48, 39, 255],
  [252, 141, 89, 255],
  [254, 224, 139, 255],
  [145, 207, 96, 255],
  [26, 152, 80, 255],
]

/** The ramp's colour for a score in [0, 100]; out-of-range and NaN scores are clamped (NaN → 0). */
export function scoreColor(score: number, alpha = 255): Rgba {
  const t = Number.isFinite(score) ? Math.min(Math.max(score, 0), 100) / 25 : 0
  const i = Math.min(Math.floor(t), scoreStops.length - 2)
  const f = t - i
  const a = scoreStops[i] as Rgba
  const b = scoreStops[i + 1] as Rgba
  const mix = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f)
  return [mix(0), mix(1), mix(2), alpha]
}

export const pointStates = ['good', 'fair', 'bad'] as const
export type PointState = (typeof pointStates)[number]

export const pointStateLabels: Record<PointState, string> = {
  good: '良好（得分率 ≥ 0.8）',
  fair: '一般（0.6–0.8）',
  bad: '差（< 0.6，先整改）',
}

export const pointStateColors: Record<PointState, Rgba> = {
  good: [26, 152, 80, 255],
  fair: [240, 160, 30, 255],
  bad: [200, 30, 30, 255],
}

/** A point's state from its score rate s in [0, 1] (the rehearsal's point model; bad below 0.6). */
export function pointState(s: number): PointState {
  if (s < 0.6) return 'bad'
  if (s < 0.8) return 'fair'
  return 'good'
}

/** The point score model: s = max(0, 1 − 0.2·open − 0.3·overdue). */
export function pointScore(openIssues: number, overdueIssues: number): number {
  return Math.max(0, 1 - 0.2 * openIssues - 0.3 * overdueIssues)
}
