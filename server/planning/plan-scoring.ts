// Scoring: every candidate ranked by score, a plan's summary (score, counts, unmet constraints)
// and the comparison of two plans.
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import type {
  CandidateRaw,
  CandidateScore,
  DemoFactorValues,
  DemoWeights,
  PlanConstraints,
} from '../domain/demo-factors.ts'
import { checkpointCategoryLabels } from '../domain/labels-zh.ts'
import {
  buildModel,
  compareIds,
  distance,
  indexesOf,
  type Model,
  scoreOf,
  spacingOf,
} from './plan-model.ts'
import type { CheckpointInput, GridCondition, PointCondition } from './planning-inputs.ts'

// ---- ranking ---------------------------------------------------------------------------------

/**
 * Every candidate with its score and factors, best first (ties by id). Spacing is measured to the
 * nearest point of `chosen` other than the candidate itself.
 */
export function rankCandidates(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  chosen: readonly string[] = [],
): CandidateScore[] {
  const m = buildModel(candidates, conditions, grids, location, weights)
  const chosenIdx = indexesOf(m, chosen, 'plan')
  const scores = m.byId.map((i) => candidateScore(m, i, chosenIdx))
  return scores.sort((a, b) => b.score - a.score || compareIds(a.checkpointId, b.checkpointId))
}

function candidateScore(m: Model, i: number, chosen: readonly number[]): CandidateScore {
  let nearest = Number.POSITIVE_INFINITY
  for (const j of chosen) if (j !== i) nearest = Math.min(nearest, distance(m, i, j))
  const spacing = spacingOf(nearest)
  return {
    checkpointId: (m.candidates[i] as CheckpointInput).id,
    score: scoreOf(m, i, spacing),
    factors: { ...(m.factors[i] as DemoFactorValues), spacing },
    raw: {
      ...(m.raws[i] as CandidateRaw),
      nearestChosenM: nearest === Number.POSITIVE_INFINITY ? null : nearest,
    },
  }
}

// ---- summaries -------------------------------------------------------------------------------

export interface PlanSummary {
  size: number
  totalScore: number // Σ scores, each point's spacing to the plan's other points
  meanScore: number // totalScore / size; 0 for an empty plan
  byTownship: Record<string, number> // every candidate township, 0 included
  byCategory: Partial<Record<CheckpointCategory, number>> // categories in the plan or required
  minSpacingM: number | null // closest pair of the plan; null under two points
  violations: string[] // unmet constraints, in Chinese; empty when none or no constraints
}

/** The plan's score, counts and unmet constraints; unknown ids are reported, not thrown. */
export function summarisePlan(
  checkpointIds: readonly string[],
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  constraints?: PlanConstraints,
  options: { townshipNames?: Readonly<Record<string, string>> } = {},
): PlanSummary {
  const m = buildModel(candidates, conditions, grids, location, weights)
  return summariseIndexes(m, checkpointIds, constraints, options.townshipNames)
}

export function summariseIndexes(
  m: Model,
  checkpointIds: readonly string[],
  constraints: PlanConstraints | undefined,
  townshipNames: Readonly<Record<string, string>> = {},
): PlanSummary {
  const violations: string[] = []
  const plan: number[] = []
  const seen = new Set<number>()
  for (const id of checkpointIds) {
    const i = m.indexOf.get(id)
    if (i === undefined) violations.push(`点位“${id}”已不在候选点位中`)
    else if (!seen.has(i)) {
      seen.add(i)
      plan.push(i)
    }
  }
  let totalScore = 0
  let minSpacingM = Number.POSITIVE_INFINITY
  const closePairs: string[] = []
  const minAllowed = constraints?.minSpacingM ?? 0
  for (const [a, i] of plan.entries()) {
    let nearest = Number.POSITIVE_INFINITY
    for (const [b, j] of plan.entries()) {
      if (a === b) continue
      const d = distance(m, i, j)
      nearest = Math.min(nearest, d)
      if (b > a && d < minAllowed) {
        const [ci, cj] = [m.candidates[i] as CheckpointInput, m.candidates[j] as CheckpointInput]
        closePairs.push(`${ci.name}与${cj.name}相距 ${Math.round(d)} 米`)
      }
    }
    minSpacingM = Math.min(minSpacingM, nearest)
    totalScore += scoreOf(m, i, spacingOf(nearest))
  }
  const byTownship: Record<string, number> = {}
  for (const code of [...m.townshipCodes].sort()) byTownship[code] = 0
  const byCategory: Partial<Record<CheckpointCategory, number>> = {}
  for (const category of Object.keys(constraints?.requiredCategories ?? {})) {
    byCategory[category as CheckpointCategory] = 0
  }
  for (const i of plan) {
    const c = m.candidates[i] as CheckpointInput
    byTownship[c.townshipCode] = (byTownship[c.townshipCode] ?? 0) + 1
    byCategory[c.category] = (byCategory[c.category] ?? 0) + 1
  }
  if (constraints) {
    if (plan.length !== constraints.size) {
      violations.push(`方案有 ${plan.length} 个点位，规模要求 ${constraints.size} 个`)
    }
    for (const [code, count] of Object.entries(byTownship)) {
      if (count < constraints.minPerTownship) {
        violations.push(
          `乡镇“${townshipNames[code] ?? code}”只有 ${count} 个点位，少于每乡镇最少数 ${constraints.minPerTownship}`,
        )
      }
    }
    for (const [category, required] of Object.entries(constraints.requiredCategories)) {
      const count = byCategory[category as CheckpointCategory] ?? 0
      if (required !== undefined && count < required) {
        const label = checkpointCategoryLabels[category as CheckpointCategory]
        violations.push(`类别“${label}”只有 ${count} 个点位，少于要求的 ${required} 个`)
      }
    }
    if (closePairs.length > 0) {
      const shown = closePairs.slice(0, 5).join('；')
      const more = closePairs.length > 5 ? `等 ${closePairs.length} 对` : ''
      violations.push(`${shown}${more}，小于最小间距 ${constraints.minSpacingM} 米`)
    }
    const kinds = constraints.kinds
    if (kinds) {
      const other = plan.filter((i) => !kinds.includes((m.candidates[i] as CheckpointInput).kind))
      if (other.length > 0) violations.push(`${other.length} 个点位不属于所选点位类型`)
    }
  }
  return {
    size: plan.length,
    totalScore,
    meanScore: plan.length > 0 ? totalScore / plan.length : 0,
    byTownship,
    byCategory,
    minSpacingM: minSpacingM === Number.POSITIVE_INFINITY ? null : minSpacingM,
    violations,
  }
}

/** One side of a comparison: a plan scored with its own weights and checked against its constraints. */
export interface PlanSide {
  checkpointIds: readonly string[]
  weights: DemoWeights
  constraints?: PlanConstraints
}

export interface PlanComparison {
  onlyA: string[]
  onlyB: string[]
  both: string[]
  a: PlanSummary
  b: PlanSummary
}

/** Which points the plans share and each plan's summary; id lists keep each plan's order. */
export function comparePlans(
  a: PlanSide,
  b: PlanSide,
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  options: { townshipNames?: Readonly<Record<string, string>> } = {},
): PlanComparison {
  const inA = new Set(a.checkpointIds)
  const inB = new Set(b.checkpointIds)
  const summary = (side: PlanSide) =>
    summarisePlan(
      side.checkpointIds,
      candidates,
      conditions,
      grids,
      location,
      side.weights,
      side.constraints,
      options,
    )
  return {
    onlyA: [...inA].filter((id) => !inB.has(id)),
    onlyB: [...inB].filter((id) => !inA.has(id)),
    both: [...inA].filter((id) => inB.has(id)),
    a: summary(a),
    b: summary(b),
  }
}
