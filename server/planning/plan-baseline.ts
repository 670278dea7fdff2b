// The seeded random baseline the optimiser must beat: random-priority plans under the same
// construction and constraints.
import type { DemoWeights, PlanConstraints } from '../domain/demo-factors.ts'
import { construct } from './plan-construction.ts'
import { buildProblem, checkFeasible } from './plan-feasibility.ts'
import { buildModel, idsOf, scoreOf, spacingOf, withMatrix } from './plan-model.ts'
import { summariseIndexes } from './plan-scoring.ts'
import { PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput, GridCondition, PointCondition } from './planning-inputs.ts'
import { seededRandom } from './seeded-random.ts'

const earlyGiveUp = 20 // failed random tries in a row after which the baseline stops

// ---- random baseline -------------------------------------------------------------------------

export interface BaselineResult {
  mean: number | null // mean of the plans' mean scores; null when no random plan could be built
  best: number | null
  samples: number // random plans built
}

/**
 * Mean and best mean score of `samples` random plans that meet the constraints (same construction
 * as the optimiser with random priorities), seeded. Throws PlanningInputError as optimisePlan does.
 */
export function randomBaseline(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  constraints: PlanConstraints,
  samples = 200,
  seed = 1,
  keep: readonly string[] = [],
): BaselineResult {
  const m = withMatrix(buildModel(candidates, conditions, grids, location, weights))
  const p = buildProblem(m, constraints, keep)
  checkFeasible(p)
  // the optimiser's own construction decides feasibility, so both refuse the same constraints alike
  const greedy = construct(p, (i, nearestM) => scoreOf(m, i, spacingOf(nearestM)))
  if (greedy instanceof PlanningInputError) throw greedy
  const random = seededRandom(seed)
  const keys = new Float64Array(m.n)
  let total = 0
  let best = Number.NEGATIVE_INFINITY
  let built = 0
  // a random order can paint itself into a corner under tight spacing: allow as many failed tries
  // as samples, and give up early when the first tries all fail
  for (let attempt = 0; attempt < samples * 2 && built < samples; attempt++) {
    if (attempt === earlyGiveUp && built === 0) break
    for (let i = 0; i < m.n; i++) keys[i] = random()
    const result = construct(p, (i) => keys[i] as number)
    if (result instanceof PlanningInputError) continue
    const mean = summariseIndexes(m, idsOf(m, result.chosen), undefined).meanScore
    total += mean
    best = Math.max(best, mean)
    built++
  }
  return built === 0
    ? { mean: null, best: null, samples: 0 }
    : { mean: total / built, best, samples: built }
}
