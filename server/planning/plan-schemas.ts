// The planning API's request schemas (zod): one definition per body or query, used by the route to
// parse and by the OpenAPI document. The weights schema is the one shape of a weights object; the
// cores' validateWeights adds the defaults and the "not all zero" rule. The descriptions are what the
// OpenAPI document shows for each field.
import { z } from 'zod'
import { checkpointKinds } from '../domain/checkpoint.ts'
import { demoFactors, demoScoreSettings } from '../domain/demo-factors.ts'
import { corridorDefaults } from './corridors.ts'
import { rehearsalLimits } from './rehearsal.ts'
import { seatRadiusDefaults } from './seat-radius.ts'

export const maxPlanSize = 100 // points in a plan (constraints.size ≤ 100)

const int = (min: number, max: number, what: string) =>
  z
    .number()
    .int(`${what}须为整数`)
    .min(min, `${what}最小为 ${min}`)
    .max(max, `${what}最大为 ${max}`)

const seedSchema = int(0, rehearsalLimits.maxSeed, '随机种子').describe(
  '随机种子（同一种子结果相同）',
)
const drawsSchema = int(1, rehearsalLimits.maxDraws, '抽检次数').describe('抽检次数（默认 1000）')
const radiusSchema = z
  .number()
  .min(10, '半径最小为 10 米')
  .max(2000, '半径最大为 2000 米')
  .describe('点位周边统计半径（米，默认 200）')
// category keys are checked by the cores, whose messages say which categories exist
const categoryKey = z.string().max(64, '类别代码过长')
const perCategorySchema = z
  .record(categoryKey, int(0, rehearsalLimits.maxPerCategory, '每类抽取数'))
  .describe('每个随机类别抽几个（默认 2）')
  .optional()
const townshipSchema = z.string().regex(/^\d{9}$/, '乡镇代码为 9 位数字')

export const rehearsalSchema = z
  .object({
    seed: seedSchema,
    draws: drawsSchema.optional(),
    perCategory: perCategorySchema,
    radiusM: radiusSchema.optional(),
    township: townshipSchema.describe('只在此乡镇抽取（须存在）').optional(),
  })
  .strict()

export const forecastSchema = z
  .object({
    seed: seedSchema,
    draws: drawsSchema.optional(),
    fixedShare: z
      .number()
      .min(0, '固定点位占比最小为 0')
      .max(1, '固定点位占比最大为 1')
      .describe('固定点位占比（默认 0.5）')
      .optional(),
    perCategory: perCategorySchema,
    radiusM: radiusSchema.optional(),
  })
  .strict()

const maxWeight = demoScoreSettings.maxWeight
const factorWeight = z.number().min(0, '权重最小为 0').max(maxWeight, `权重最大为 ${maxWeight}`)
export const weightsSchema = z
  .object(Object.fromEntries(demoFactors.map((f) => [f, factorWeight.optional()])))
  .strict()
  .describe('各因子权重 0–10（缺省用默认值），不能全为 0')
  .optional()
const checkpointId = z.string().min(1, '点位编号不能为空').max(64, '点位编号过长')
const idList = (max: number) => z.array(checkpointId).max(max, `最多 ${max} 个点位`)
const kindsSchema = z.array(z.enum(checkpointKinds, '须为 fixed 或 random')).min(1).max(2)
export const constraintsSchema = z
  .object({
    size: int(1, 100, '方案规模').describe('方案点位数（默认 12）').optional(),
    minPerTownship: int(0, 10, '每乡镇最少数').describe('每个乡镇至少几个').optional(),
    requiredCategories: z
      .record(categoryKey, int(0, 100, '类别最少数'))
      .describe('各类别至少几个（键为点位类别代码）')
      .optional(),
    minSpacingM: z
      .number()
      .min(0, '最小间距最小为 0 米')
      .max(10_000, '最小间距最大为 10000 米')
      .describe('点位最小间距（米）')
      .optional(),
    kinds: kindsSchema.optional(),
  })
  .strict()

export const candidatesSchema = z
  .object({
    weights: weightsSchema,
    plan: idList(maxPlanSize).describe('已选点位（用于间距因子）').optional(),
    kinds: kindsSchema.optional(),
  })
  .strict()

export const optimiseSchema = z
  .object({
    weights: weightsSchema,
    constraints: constraintsSchema,
    keep: idList(maxPlanSize).describe('必须保留的点位').optional(),
  })
  .strict()

const planName = z
  .string()
  .trim()
  .min(1, '方案名称不能为空')
  .max(50, '方案名称最多 50 个字')
  .describe('方案名称（去掉首尾空格后 1–50 字，唯一）')
const planFields = {
  name: planName,
  checkpointIds: idList(maxPlanSize),
  weights: weightsSchema,
  constraints: constraintsSchema.optional(),
}
export const newPlanSchema = z.object(planFields).strict()
export const planChangesSchema = z
  .object(planFields)
  .partial()
  .strict()
  .refine(
    (body) => Object.keys(body).length > 0,
    '请至少修改一项：name、checkpointIds、weights 或 constraints',
  )
  .meta({ minProperties: 1 }) // the refine above, for the OpenAPI document
export const compareSchema = z
  .object({ a: z.string().min(1).max(64), b: z.string().min(1).max(64) })
  .strict()
export const noQuery = z.object({}).strict()

const metresParam = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,5}(\.\d{1,3})?$/, `${what}须为数字（米）`)
    .transform(Number)
    .pipe(z.number().min(min, `${what}最小为 ${min} 米`).max(max, `${what}最大为 ${max} 米`))
export const seatRadiusQuery = z
  .object({
    radiusM: metresParam(
      seatRadiusDefaults.minRadiusM,
      seatRadiusDefaults.maxRadiusM,
      '半径',
    ).optional(),
  })
  .strict()
export const corridorsQuery = z
  .object({
    widthM: metresParam(
      corridorDefaults.minWidthM,
      corridorDefaults.maxWidthM,
      '沿线宽度',
    ).optional(),
  })
  .strict()

export type PlanChangesBody = z.infer<typeof planChangesSchema>
export type NewPlanBody = z.infer<typeof newPlanSchema>
export type CandidatesBody = z.infer<typeof candidatesSchema>
export type OptimiseBody = z.infer<typeof optimiseSchema>
export type RehearsalBody = z.infer<typeof rehearsalSchema>
export type ForecastBody = z.infer<typeof forecastSchema>
