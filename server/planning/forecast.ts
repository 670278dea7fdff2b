// 得分预测: a simple, stated model of the 实地考察 share (its points come from the place profile) for the county and each
// township. Fixed points count by their mean score (deterministic); random points by the seeded draw
// distribution (rehearsal.ts), whose p5–p95 is the uncertainty. Pure; the assumptions travel with it.

import { place } from '../config/place.ts'
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import { assertBetween, PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput, PointCondition } from './planning-inputs.ts'
import {
  checkDrawOptions,
  pointScore,
  pointScoreModel,
  prepareDraw,
  quantile,
  rehearsalDefaults,
  runDraws,
} from './rehearsal.ts'

export const fieldInspectionPoints = place.assessment.shares.field // 实地考察 share of the 测评体系 (place profile)

export const forecastDefaults = {
  fixedShare: 0.5, // share of the field points carried by the fixed points
}

export interface ForecastInput {
  fixed: readonly CheckpointInput[]
  fixedConditions: readonly PointCondition[]
  pool: readonly CheckpointInput[] // the random pool
  poolConditions: readonly PointCondition[]
  townships: readonly { code: string; name: string }[]
}

export interface ForecastOptions {
  seed: number // integer 0–2^31
  draws?: number // 1–5000 @default 1000
  fixedShare?: number // 0–1 @default 0.5
  perCategory?: Partial<Record<CheckpointCategory, number>>
  radiusM?: number // the radius the conditions were counted in, for the assumptions @default 200
}

export interface ForecastPart {
  expected: number // points out of fieldInspectionPoints
  low: number // p5 over the draws
  high: number // p95
  fixedMean: number | null // mean s over fixed points; null without any
  randomMean: number | null // mean draw score; null without random points
  fixedPoints: number
  fixedFailing: number // fixed points with s < 1 (losing points)
  randomPoints: number // random pool size
  fixedLoss: number // points lost on fixed points
  randomLoss: number // expected points lost on random points
}

export interface TownshipForecast extends ForecastPart {
  code: string
  name: string
  note?: string
}

export interface ForecastResult {
  assumptions: string[]
  model: {
    fieldPoints: number
    fixedShare: number
    randomShare: number
    radiusM: number
    seed: number
    draws: number
    openPenalty: number
    overduePenalty: number
    badBelow: number
    pointsPerDraw: number
  }
  county: ForecastPart
  townships: TownshipForecast[]
}

/** The forecast for the county and each township (their own fixed points and pool, same model). */
export function forecast(input: ForecastInput, options: ForecastOptions): ForecastResult {
  const { seed, draws } = checkDrawOptions(options)
  const fixedShare = options.fixedShare ?? forecastDefaults.fixedShare
  assertBetween(fixedShare, 0, 1, '固定点位占比须为 0 到 1 之间的数字', 'fixedShare')
  if (input.fixedConditions.length !== input.fixed.length) {
    throw new PlanningInputError('固定点位与点位状况的数量不一致', 'fixedConditions')
  }
  if (input.poolConditions.length !== input.pool.length) {
    throw new PlanningInputError('随机点位与点位状况的数量不一致', 'poolConditions')
  }
  const radiusM = options.radiusM ?? rehearsalDefaults.radiusM
  const countyPlan = prepareDraw(input.pool, input.poolConditions, options.perCategory)
  const county = forecastPart(
    input.fixedConditions,
    input.pool,
    input.poolConditions,
    options,
    seed,
    draws,
    fixedShare,
  )
  const townships = input.townships.map((t): TownshipForecast => {
    const fixedConditions = input.fixedConditions.filter(
      (_, i) => input.fixed[i]?.townshipCode === t.code,
    )
    const poolIndexes = input.pool.flatMap((p, i) => (p.townshipCode === t.code ? [i] : []))
    const part = forecastPart(
      fixedConditions,
      poolIndexes.map((i) => input.pool[i] as CheckpointInput),
      poolIndexes.map((i) => input.poolConditions[i] as PointCondition),
      options,
      townshipSeed(seed, t.code),
      draws,
      fixedShare,
    )
    const note = townshipNote(part)
    return { code: t.code, name: t.name, ...part, ...(note ? { note } : {}) }
  })
  return {
    assumptions: assumptionsZh(fixedShare, radiusM, draws, seed),
    model: {
      fieldPoints: fieldInspectionPoints,
      fixedShare,
      randomShare: 1 - fixedShare,
      radiusM,
      seed,
      draws,
      openPenalty: pointScoreModel.openPenalty,
      overduePenalty: pointScoreModel.overduePenalty,
      badBelow: pointScoreModel.badBelow,
      pointsPerDraw: countyPlan.pointsPerDraw,
    },
    county,
    townships,
  }
}

function forecastPart(
  fixedConditions: readonly PointCondition[],
  pool: readonly CheckpointInput[],
  poolConditions: readonly PointCondition[],
  options: ForecastOptions,
  seed: number,
  draws: number,
  fixedShare: number,
): ForecastPart {
  let fixedSum = 0
  let fixedFailing = 0
  for (const c of fixedConditions) {
    const s = pointScore(c)
    fixedSum += s
    if (s < 1) fixedFailing++
  }
  const fixedMean = fixedConditions.length > 0 ? fixedSum / fixedConditions.length : null
  const plan = prepareDraw(pool, poolConditions, options.perCategory)
  const drawScores = runDraws(plan, seed, draws)
  const randomMean = drawScores.length > 0 ? mean(drawScores) : null
  // a part that is missing hands its share to the other, so the township is judged on what it has
  const fixedWeight = randomMean === null ? 1 : fixedMean === null ? 0 : fixedShare
  const randomWeight = 1 - fixedWeight
  const fixedPart = fixedWeight * (fixedMean ?? 0)
  const field = (randomScore: number) =>
    fieldInspectionPoints * (fixedPart + randomWeight * randomScore)
  const sorted = Float64Array.from(drawScores).sort()
  const nothing = fixedMean === null && randomMean === null
  return {
    expected: nothing ? 0 : field(randomMean ?? 0),
    low: nothing ? 0 : field(randomMean === null ? 0 : quantile(sorted, 0.05)),
    high: nothing ? 0 : field(randomMean === null ? 0 : quantile(sorted, 0.95)),
    fixedMean,
    randomMean,
    fixedPoints: fixedConditions.length,
    fixedFailing,
    randomPoints: plan.groups.reduce((sum, g) => sum + g.members.length, 0),
    fixedLoss: fieldInspectionPoints * fixedWeight * (1 - (fixedMean ?? 1)),
    randomLoss: fieldInspectionPoints * randomWeight * (1 - (randomMean ?? 1)),
  }
}

function townshipNote(part: ForecastPart): string | undefined {
  if (part.fixedMean === null && part.randomMean === null) {
    return '该乡镇没有固定点位，也没有可抽取的随机点位，无法预测'
  }
  if (part.randomMean === null) {
    return '该乡镇没有可抽取的随机点位：随机部分省略，预测只按固定点位计算，没有抽样不确定性'
  }
  if (part.fixedMean === null) return '该乡镇没有固定点位：预测只按随机点位的抽样计算'
  return undefined
}

// each township draws from its own stream, so adding a township leaves the others' draws alone
function townshipSeed(seed: number, code: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return (seed ^ h) >>> 0
}

function mean(values: Float64Array): number {
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

function assumptionsZh(fixedShare: number, radiusM: number, draws: number, seed: number): string[] {
  const fixedPct = Math.round(fixedShare * 100)
  const { openPenalty, overduePenalty, badBelow } = pointScoreModel
  return [
    `实地考察在测评体系中占 ${fieldInspectionPoints} 分（满分 100 分），本预测只估算这一部分。`,
    `预测得分 = ${fieldInspectionPoints} ×（固定点位占比 × 固定点位平均得分 + 随机点位占比 × 随机抽样平均得分），固定点位占比取 ${fixedPct}%，随机点位占比取 ${100 - fixedPct}%。`,
    `单个点位得分 s = max(0, 1 − ${openPenalty} × 未销号问题数 − ${overduePenalty} × 逾期问题数)，只统计点位周边 ${radiusM} 米内的问题；s < ${badBelow} 视为状况较差。`,
    '固定点位必检，按全部固定点位的平均得分计算，没有随机性；得分低于 1 的固定点位即在失分。',
    `随机点位按每个随机类别抽取若干个（默认每类 ${rehearsalDefaults.perCategory} 个，候选不足时全取），以随机种子 ${seed} 重复抽取 ${draws} 次；取平均值为预期，第 5 与第 95 百分位为不确定区间。`,
    '各乡镇只用本乡镇的固定点位和随机点位按同一模型计算；没有随机点位的乡镇省略随机部分，只按固定点位计算。',
    '点位、问题与道路均为示意数据，预测只反映当前台账状况，不代表实际测评结果。',
  ]
}
