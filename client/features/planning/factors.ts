// The demonstration-point factors in Chinese: what each measures and how it is scored, shown next
// to its weight slider and in the score breakdown. Defaults follow the server (3, 2, 2, 1, 1, 1).
import type { Constraints, FactorId, Weights } from './api.ts'

export interface FactorInfo {
  id: FactorId
  label: string
  explain: string // one line: what is measured and when the factor is 1
}

export const factors: readonly FactorInfo[] = [
  {
    id: 'density',
    label: '近期问题少',
    explain: '点位 300 米内近 90 天上报的问题数；0 条得满分，10 条及以上得 0。',
  },
  {
    id: 'closure',
    label: '网格办结率',
    explain: '点位所在网格的问题办结率；网格内没有问题时按 0.5 计。',
  },
  {
    id: 'overdue',
    label: '网格逾期少',
    explain: '点位所在网格的逾期问题数；0 条得满分，5 条及以上得 0。',
  },
  {
    id: 'category',
    label: '点位类别',
    explain:
      '农贸市场、小区、学校、医院、公园广场、文明实践站 1.0；主干道、车站等 0.8；其他 0.5；随机类 0.3。',
  },
  {
    id: 'location',
    label: '1公里/沿线',
    explain: '位于乡镇政府所在地 1 公里范围内或沿线走廊上得 1，否则 0。',
  },
  {
    id: 'spacing',
    label: '点位分散',
    explain: '与已选其他点位的最近距离，1000 米及以上得满分；未选其他点时为 1。',
  },
]

export const defaultWeights: Weights = {
  density: 3,
  closure: 2,
  overdue: 2,
  category: 1,
  location: 1,
  spacing: 1,
}

export const defaultConstraints: Constraints = {
  size: 20, // points in the plan
  minPerTownship: 1, // each of the 10 townships
  requiredCategories: { market: 1, school: 1 },
  minSpacingM: 300, // metres between any two chosen points
  kinds: ['fixed'],
}

export const weightRange = { min: 0, max: 10, step: 0.5 } as const

/** Σ wᵢ: the server refuses all-zero weights. */
export function weightSum(weights: Weights): number {
  return Object.values(weights).reduce((sum, w) => sum + w, 0)
}

/** Each factor's share of the score: 100 · wᵢ·fᵢ / Σ w (sums to the score). */
export function factorContributions(
  weights: Weights,
  values: Record<FactorId, number>,
): Record<FactorId, number> {
  const total = weightSum(weights)
  const out = {} as Record<FactorId, number>
  for (const f of factors)
    out[f.id] = total > 0 ? (100 * weights[f.id] * (values[f.id] ?? 0)) / total : 0
  return out
}
