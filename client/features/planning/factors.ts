// The demonstration-point factors in Chinese: what each measures and how it is scored, shown next
// to its weight slider and in the score breakdown. Labels, explanations and defaults come from the
// server's domain (server/domain/demo-factors.ts), never restated here.
import {
  defaultDemoWeights,
  demoFactorExplanations,
  demoFactorScreenLabels,
  demoFactors,
  demoScoreSettings,
} from '../../../server/domain/demo-factors.ts'
import type { Constraints, FactorId, Weights } from './api.ts'

export interface FactorInfo {
  id: FactorId
  label: string
  explain: string // one line: what is measured and when the factor is 1
}

const explanations = demoFactorExplanations()

export const factors: readonly FactorInfo[] = demoFactors.map((id) => ({
  id,
  label: demoFactorScreenLabels[id],
  explain: explanations[id],
}))

export const defaultWeights: Weights = { ...defaultDemoWeights }

export const defaultConstraints: Constraints = {
  size: 20, // points in the plan: the screen's proposal (10 townships × 1 + room to choose), not the
  // server's fill-in default for a request that names no size (defaultPlanSize, 12)
  minPerTownship: 1, // each of the 10 townships
  requiredCategories: { market: 1, school: 1 },
  minSpacingM: 300, // metres between any two chosen points
  kinds: ['fixed'],
}

export const weightRange = { min: 0, max: demoScoreSettings.maxWeight, step: 0.5 } as const

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
