// The optimiser: greedy construction, then swaps while the plan's total score rises.
import { checkpointCategories } from '../domain/checkpoint.ts'
import type { DemoWeights, PlanConstraints } from '../domain/demo-factors.ts'
import { construct } from './plan-construction.ts'
import { buildProblem, checkFeasible, type Problem } from './plan-feasibility.ts'
import { buildModel, bump, distance, idsOf, scoreOf, spacingOf, withMatrix } from './plan-model.ts'
import { type PlanSummary, summariseIndexes } from './plan-scoring.ts'
import { PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput, GridCondition, PointCondition } from './planning-inputs.ts'
import { seededRandom, shuffle } from './seeded-random.ts'

// ---- optimisation ----------------------------------------------------------------------------

export interface OptimiseOptions {
  timeBudgetMs?: number // safety net only: swaps stop on a fixed amount of work first
  seed?: number // order in which the swap phase tries points
  townshipNames?: Readonly<Record<string, string>> // for messages; codes otherwise
}

export interface OptimiseResult {
  checkpointIds: string[]
  summary: PlanSummary
  search: {
    greedyMeanScore: number // before the swaps
    swaps: number
    passes: number
    converged: boolean // false when the time budget or the pass limit stopped the swaps
  }
}

// The swap phase stops on a count of distance checks, so one seed gives one plan on any machine;
// the clock is only a safety net for a machine far slower than the one the count was sized on.
const maxWork = 20_000_000 // ≈ 0.2 s of distance checks on a 2-core CI machine
const defaultTimeBudgetMs = 1500
const maxPasses = 50
const improvementEpsilon = 1e-9

/**
 * A plan of constraints.size points: greedy under the constraints, then swaps while the total
 * score improves, within the time budget. Throws PlanningInputError when no plan can be built.
 */
export function optimisePlan(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  constraints: PlanConstraints,
  keep: readonly string[] = [],
  options: OptimiseOptions = {},
): OptimiseResult {
  const startedAt = performance.now()
  const deadline = startedAt + (options.timeBudgetMs ?? defaultTimeBudgetMs)
  const m = withMatrix(buildModel(candidates, conditions, grids, location, weights))
  const p = buildProblem(m, constraints, keep, options.townshipNames)
  checkFeasible(p)
  const built = construct(p, (i, nearestM) => scoreOf(m, i, spacingOf(nearestM)))
  if (built instanceof PlanningInputError) throw built
  const greedy = summariseIndexes(m, idsOf(m, built.chosen), undefined)
  const { chosen, swaps, passes, converged } = improveBySwaps(
    p,
    built.chosen,
    seededRandom(options.seed ?? 1),
    deadline,
  )
  const checkpointIds = idsOf(m, chosen)
  return {
    checkpointIds,
    summary: summariseIndexes(m, checkpointIds, constraints, options.townshipNames),
    search: { greedyMeanScore: greedy.meanScore, swaps, passes, converged },
  }
}

/**
 * Swaps one plan point for one outside while the plan's total score rises and every constraint
 * still holds. Each swap is priced in O(plan size) from every point's nearest and second-nearest
 * neighbour; candidates are tried best static score first and cut off by an upper bound.
 */
export function improveBySwaps(
  p: Problem,
  start: readonly number[],
  random: () => number,
  deadline: number,
): { chosen: number[]; swaps: number; passes: number; converged: boolean } {
  const { m, constraints } = p
  const { minPerTownship, minSpacingM } = constraints
  const plan = [...start]
  const k = plan.length
  const inPlan = new Uint8Array(m.n)
  for (const i of plan) inPlan[i] = 1
  const perTownship = new Int32Array(m.townshipCodes.length)
  const perCategory = new Int32Array(checkpointCategories.length)
  for (const i of plan) {
    bump(perTownship, m.township[i] as number, 1)
    bump(perCategory, m.category[i] as number, 1)
  }
  const byBase = m.byId
    .filter((i) => p.inPool[i] === 1)
    .sort((a, b) => (m.base[b] as number) - (m.base[a] as number))
  // per plan slot: nearest other plan point (distance, slot) and second-nearest distance
  const n1 = new Float64Array(k)
  const n1Slot = new Int32Array(k)
  const n2 = new Float64Array(k)
  const neighbours = () => {
    for (let s = 0; s < k; s++) {
      let d1 = Number.POSITIVE_INFINITY
      let d2 = Number.POSITIVE_INFINITY
      let slot = -1
      for (let t = 0; t < k; t++) {
        if (t === s) continue
        const d = distance(m, plan[s] as number, plan[t] as number)
        if (d < d1) {
          d2 = d1
          d1 = d
          slot = t
        } else if (d < d2) d2 = d
      }
      n1[s] = d1
      n1Slot[s] = slot
      n2[s] = d2
    }
  }
  neighbours()
  const ws = m.wSpacing
  const order = shuffle(
    random,
    Array.from({ length: k }, (_, s) => s),
  )
  let swaps = 0
  let passes = 0
  let converged = false
  let work = 0 // distance checks so far: the deterministic budget
  while (passes < maxPasses) {
    passes++
    let improved = false
    for (const r of order) {
      if (work > maxWork || performance.now() > deadline) {
        return { chosen: plan, swaps, passes, converged: false }
      }
      const out = plan[r] as number
      if (p.kept[out] === 1) continue
      const outTownship = m.township[out] as number
      const outCategory = m.category[out] as number
      const townshipSlack = (perTownship[outTownship] as number) > minPerTownship
      const categorySlack =
        (perCategory[outCategory] as number) > (p.required[outCategory] as number)
      // spacing each other slot would have without `out`, and what removing `out` can gain at most
      let removalGain = 0
      for (let s = 0; s < k; s++) {
        if (s !== r && n1Slot[s] === r) {
          removalGain += spacingOf(n2[s] as number) - spacingOf(n1[s] as number)
        }
      }
      const outSpacing = spacingOf(n1[r] as number)
      let bestDelta = improvementEpsilon
      let bestIn = -1
      for (const a of byBase) {
        const staticDelta = (m.base[a] as number) - (m.base[out] as number)
        if (staticDelta + ws * (1 - outSpacing + removalGain) <= bestDelta) break
        if (inPlan[a] === 1) continue
        if (!townshipSlack && m.township[a] !== outTownship) continue
        if (!categorySlack && m.category[a] !== outCategory) continue
        work += k
        let nearestA = Number.POSITIVE_INFINITY
        let spacingDelta = 0
        let tooClose = false
        for (let s = 0; s < k; s++) {
          if (s === r) continue
          const d = distance(m, a, plan[s] as number)
          if (d < minSpacingM) {
            tooClose = true
            break
          }
          if (d < nearestA) nearestA = d
          const without = n1Slot[s] === r ? (n2[s] as number) : (n1[s] as number)
          spacingDelta += spacingOf(Math.min(without, d)) - spacingOf(n1[s] as number)
        }
        if (tooClose) continue
        const delta = staticDelta + ws * (spacingOf(nearestA) - outSpacing + spacingDelta)
        if (delta > bestDelta) {
          bestDelta = delta
          bestIn = a
        }
      }
      if (bestIn < 0) continue
      plan[r] = bestIn
      inPlan[out] = 0
      inPlan[bestIn] = 1
      bump(perTownship, outTownship, -1)
      bump(perCategory, outCategory, -1)
      bump(perTownship, m.township[bestIn] as number, 1)
      bump(perCategory, m.category[bestIn] as number, 1)
      neighbours()
      swaps++
      improved = true
    }
    if (!improved) {
      converged = true
      break
    }
  }
  return { chosen: plan, swaps, passes, converged }
}
