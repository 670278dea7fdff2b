// 随机点位模拟抽检: draw random points per category as the assessors would, many times over, and
// summarise the draw score and the points most often drawn in bad shape. Pure and seeded: the same
// inputs and seed give the same result. Point conditions come precomputed (pointConditions).
import {
  type CheckpointCategory,
  checkpointCategories,
  randomCheckpointCategories,
} from '../domain/checkpoint.ts'
import { PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput, PointCondition } from './planning-inputs.ts'
import { sampleIndices, seededRandom } from './seeded-random.ts'

/** The point score model, shown in the UI: s = max(0, 1 − openPenalty·open − overduePenalty·overdue). */
export const pointScoreModel = {
  openPenalty: 0.2, // per open issue within radiusM of the point
  overduePenalty: 0.3, // per overdue issue, on top of its open penalty
  badBelow: 0.6, // a point with s below this is "in bad shape"
}

export const rehearsalDefaults = {
  draws: 1000,
  perCategory: 2, // points drawn per random category
  radiusM: 200, // metadata: the radius the conditions were counted in
  worstCount: 20, // length of the fix-first list
  histogramBins: 20, // over [0, 1]
}

export const rehearsalLimits = {
  maxDraws: 5000,
  maxPerCategory: 50,
  maxSeed: 2 ** 31,
}

/** The score of one point from its conditions, in [0, 1]. */
export function pointScore(condition: PointCondition): number {
  const { openPenalty, overduePenalty } = pointScoreModel
  const s = 1 - openPenalty * condition.openIssues - overduePenalty * condition.overdueIssues
  // rounded so 1 − 0.2·3 is 0.4, not 0.3999…: histogram bins and ties then fall where they should
  return Math.max(0, Math.round(s * 1e9) / 1e9)
}

export interface RehearsalOptions {
  seed: number // integer 0–2^31
  draws?: number // 1–5000 @default 1000
  /** Points drawn per category; categories left out draw 2 (random ones) or 0 (fixed ones). */
  perCategory?: Partial<Record<CheckpointCategory, number>>
  radiusM?: number // metadata only @default 200
}

export interface RehearsalPoint {
  id: string
  name: string
  category: CheckpointCategory
  townshipCode: string
  gridCode: string
  lngLat: [number, number]
  condition: PointCondition
  s: number
}

export interface ScoreDistribution {
  mean: number
  stdev: number // population standard deviation
  min: number
  max: number
  p5: number
  p50: number
  p95: number
  /** 20 equal bins over [0, 1]; a score of exactly 1 falls in the last. */
  histogram: { from: number; to: number; count: number }[]
}

export interface WorstPoint extends RehearsalPoint {
  drawnShare: number // share of draws that drew the point
  badShare: number // share of draws that drew it while s < 0.6
  drawnCount: number
  badCount: number
}

export interface RehearsalResult {
  seed: number
  draws: number
  radiusM: number
  /** Points drawn per category in every draw (fewer than asked when the pool is smaller). */
  perCategory: Partial<Record<CheckpointCategory, number>>
  pointsPerDraw: number
  poolSize: number
  /** The first draw's points, in draw order, and its score. */
  first: RehearsalPoint[]
  firstScore: number
  distribution: ScoreDistribution
  /** Points most often drawn while s < 0.6, worst first (at most 20). */
  worst: WorstPoint[]
}

/** A prepared draw: the pool grouped by category, with each point's score. */
export interface DrawPlan {
  pool: readonly CheckpointInput[]
  conditions: readonly PointCondition[]
  scores: Float64Array
  /** Pool indexes per drawn category, in a fixed category order, with the count drawn from each. */
  groups: { category: CheckpointCategory; members: number[]; count: number }[]
  pointsPerDraw: number
}

/** Validates the options shared by rehearsal and forecast; throws PlanningInputError. */
export function checkDrawOptions(options: RehearsalOptions): { seed: number; draws: number } {
  const { seed } = options
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= rehearsalLimits.maxSeed)) {
    throw new PlanningInputError('随机种子须为 0 到 2147483648 之间的整数', 'seed')
  }
  const draws = options.draws ?? rehearsalDefaults.draws
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= rehearsalLimits.maxDraws)) {
    throw new PlanningInputError(
      `抽检次数须为 1 到 ${rehearsalLimits.maxDraws} 之间的整数`,
      'draws',
    )
  }
  if (options.radiusM !== undefined && !(Number.isFinite(options.radiusM) && options.radiusM > 0)) {
    throw new PlanningInputError('半径须为大于 0 的数字（米）', 'radiusM')
  }
  return { seed, draws }
}

/** Groups the random points of the pool for drawing; throws PlanningInputError on bad counts. */
export function prepareDraw(
  pool: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  perCategory: RehearsalOptions['perCategory'] = {},
): DrawPlan {
  if (conditions.length !== pool.length) {
    throw new PlanningInputError('点位与点位状况的数量不一致', 'conditions')
  }
  const known = new Set<string>(checkpointCategories)
  for (const [category, n] of Object.entries(perCategory)) {
    if (!known.has(category)) {
      throw new PlanningInputError(`未知的点位类别：${category}`, `perCategory.${category}`)
    }
    if (
      n !== undefined &&
      !(Number.isInteger(n) && n >= 0 && n <= rehearsalLimits.maxPerCategory)
    ) {
      throw new PlanningInputError(
        `每类抽取数须为 0 到 ${rehearsalLimits.maxPerCategory} 之间的整数`,
        `perCategory.${category}`,
      )
    }
  }
  const scores = new Float64Array(pool.length)
  const byCategory = new Map<CheckpointCategory, number[]>()
  for (const [i, point] of pool.entries()) {
    scores[i] = pointScore(conditions[i] as PointCondition)
    if (point.kind !== 'random') continue // only the random pool is drawn
    const members = byCategory.get(point.category)
    if (members) members.push(i)
    else byCategory.set(point.category, [i])
  }
  const randomSet = new Set<string>(randomCheckpointCategories)
  const groups: DrawPlan['groups'] = []
  // fixed category and id order, so a seed replays whatever order the pool came in
  for (const category of checkpointCategories) {
    const members = byCategory.get(category)
    if (!members) continue
    const asked =
      perCategory[category] ?? (randomSet.has(category) ? rehearsalDefaults.perCategory : 0)
    const count = Math.min(asked, members.length)
    members.sort((a, b) =>
      (pool[a] as CheckpointInput).id < (pool[b] as CheckpointInput).id ? -1 : 1,
    )
    if (count > 0) groups.push({ category, members, count })
  }
  const pointsPerDraw = groups.reduce((sum, g) => sum + g.count, 0)
  return { pool, conditions, scores, groups, pointsPerDraw }
}

/**
 * Runs `draws` seeded draws over a prepared plan; `onDraw` sees each draw's pool indexes. Returns
 * each draw's score (mean s of its points). Empty plans give no scores.
 */
export function runDraws(
  plan: DrawPlan,
  seed: number,
  draws: number,
  onDraw?: (drawIndex: number, picked: readonly number[]) => void,
): Float64Array {
  const random = seededRandom(seed)
  const results = new Float64Array(plan.pointsPerDraw > 0 ? draws : 0)
  if (plan.pointsPerDraw === 0) return results
  const picked: number[] = []
  for (let d = 0; d < draws; d++) {
    picked.length = 0
    let sum = 0
    for (const group of plan.groups) {
      for (const j of sampleIndices(random, group.members.length, group.count)) {
        const index = group.members[j] as number
        picked.push(index)
        sum += plan.scores[index] as number
      }
    }
    results[d] = sum / plan.pointsPerDraw
    onDraw?.(d, picked)
  }
  return results
}

/** Mean, spread, percentiles and a 20-bin histogram over [0, 1]. */
export function scoreDistribution(values: Float64Array): ScoreDistribution {
  const bins = rehearsalDefaults.histogramBins
  const histogram = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
  }))
  const n = values.length
  if (n === 0) {
    return { mean: 0, stdev: 0, min: 0, max: 0, p5: 0, p50: 0, p95: 0, histogram }
  }
  let sum = 0
  for (const v of values) sum += v
  const mean = sum / n
  let squares = 0
  for (const v of values) {
    squares += (v - mean) ** 2
    const bin = histogram[Math.min(bins - 1, Math.max(0, Math.floor(v * bins + 1e-9)))]
    if (bin) bin.count++
  }
  const sorted = Float64Array.from(values).sort()
  return {
    mean,
    stdev: Math.sqrt(squares / n),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    p5: quantile(sorted, 0.05),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    histogram,
  }
}

/** Linear interpolation between order statistics (R type 7) of sorted values. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const a = sorted[lo] as number
  const b = sorted[Math.min(sorted.length - 1, lo + 1)] as number
  return a + (h - lo) * (b - a)
}

/**
 * The rehearsal: draws per category from the random pool (conditions aligned to it), repeated
 * `draws` times from `seed`. Throws PlanningInputError on bad options or an empty pool.
 */
export function rehearsal(
  pool: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  options: RehearsalOptions,
): RehearsalResult {
  const { seed, draws } = checkDrawOptions(options)
  const plan = prepareDraw(pool, conditions, options.perCategory)
  if (plan.pointsPerDraw === 0) {
    throw new PlanningInputError(
      '没有可抽取的随机点位：所选范围内没有随机点位，或每类抽取数都为 0',
      'perCategory',
    )
  }
  const drawnCount = new Uint32Array(pool.length)
  let first: number[] = []
  const scores = runDraws(plan, seed, draws, (d, picked) => {
    if (d === 0) first = picked.slice()
    for (const i of picked) drawnCount[i] = (drawnCount[i] as number) + 1
  })
  const toPoint = (i: number): RehearsalPoint => {
    const p = pool[i] as CheckpointInput
    return {
      id: p.id,
      name: p.name,
      category: p.category,
      townshipCode: p.townshipCode,
      gridCode: p.gridCode,
      lngLat: p.lngLat,
      condition: conditions[i] as PointCondition,
      s: plan.scores[i] as number,
    }
  }
  // s is fixed per point, so a point is bad in every draw that draws it, or in none
  const worst: WorstPoint[] = []
  for (let i = 0; i < pool.length; i++) {
    const count = drawnCount[i] as number
    if (count === 0 || (plan.scores[i] as number) >= pointScoreModel.badBelow) continue
    worst.push({
      ...toPoint(i),
      drawnShare: count / draws,
      badShare: count / draws,
      drawnCount: count,
      badCount: count,
    })
  }
  worst.sort((a, b) => b.badShare - a.badShare || a.s - b.s || (a.id < b.id ? -1 : 1))
  const perCategory: RehearsalResult['perCategory'] = {}
  for (const g of plan.groups) perCategory[g.category] = g.count
  return {
    seed,
    draws,
    radiusM: options.radiusM ?? rehearsalDefaults.radiusM,
    perCategory,
    pointsPerDraw: plan.pointsPerDraw,
    poolSize: plan.groups.reduce((sum, g) => sum + g.members.length, 0),
    first: first.map(toPoint),
    firstScore: scores[0] as number,
    distribution: scoreDistribution(scores),
    worst: worst.slice(0, rehearsalDefaults.worstCount),
  }
}
