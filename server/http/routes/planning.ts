// The planners' workspace API (/api/planning, /api/plans): demonstration-point scores and plans,
// random-draw rehearsal, score forecast, 1 km radii and corridors. The compute endpoints are POSTs
// (their options are bodies) that write nothing: any reader may call them, the display token not
// (it is for GETs only). Plan writes need plan_edit.
import type { Request, Response } from 'express'
import { Router } from 'express'
import { z } from 'zod'
import { checkpointCategories, randomCheckpointCategories } from '../../domain/checkpoint.ts'
import { hasPermission } from '../../domain/roles.ts'
import { Forbidden, InvalidInput } from '../../ledger/errors.ts'
import type { LiveLedger } from '../../live/live-ledger.ts'
import { ApiError, NotFound } from '../../ogc/exception.ts'
import { forecast } from '../../planning/forecast.ts'
import { PlanningInputError } from '../../planning/planning-errors.ts'
import { pointConditions } from '../../planning/planning-inputs.ts'
import { type PlanningInputs, PlanningService } from '../../planning/planning-service.ts'
import { rehearsal, rehearsalDefaults, rehearsalLimits } from '../../planning/rehearsal.ts'
import { DuplicatePlanName, type PlanRecord } from '../../storage/plan-store.ts'
import { callerOf, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'

const int = (min: number, max: number, what: string) =>
  z
    .number()
    .int(`${what}须为整数`)
    .min(min, `${what}最小为 ${min}`)
    .max(max, `${what}最大为 ${max}`)

const seedSchema = int(0, rehearsalLimits.maxSeed, '随机种子')
const drawsSchema = int(1, rehearsalLimits.maxDraws, '抽检次数')
const radiusSchema = z.number().min(10, '半径最小为 10 米').max(2000, '半径最大为 2000 米')
const perCategorySchema = z
  .partialRecord(
    z.enum(randomCheckpointCategories, '须为随机点位类别'),
    int(0, rehearsalLimits.maxPerCategory, '每类抽取数'),
  )
  .optional()
const townshipSchema = z.string().regex(/^\d{9}$/, '乡镇代码为 9 位数字')

const rehearsalSchema = z
  .object({
    seed: seedSchema,
    draws: drawsSchema.optional(),
    perCategory: perCategorySchema,
    radiusM: radiusSchema.optional(),
    township: townshipSchema.optional(),
  })
  .strict()

const forecastSchema = z
  .object({
    seed: seedSchema,
    draws: drawsSchema.optional(),
    fixedShare: z.number().min(0, '固定点位占比最小为 0').max(1, '固定点位占比最大为 1').optional(),
    perCategory: perCategorySchema,
    radiusM: radiusSchema.optional(),
  })
  .strict()

const recentDays = 90 // days of "recent" issues around a point (demo-points density factor)

export function planningRoutes({ store, now }: AppContext, live: LiveLedger): Router {
  const service = new PlanningService(store)

  /** The inputs, the live columns and the clock, and conditions around every check point. */
  async function gather() {
    await live.ready
    const inputs = await service.inputs()
    const columns = live.columns
    const at = now()
    const conditionsAt = (radiusM: number) =>
      service.memo(inputs, columns, at, `conditions|${radiusM}`, () =>
        pointConditions(inputs.checkpoints, columns, at, { radiusM, recentDays }),
      )
    return { inputs, columns, at, conditionsAt }
  }

  return Router()
    .post('/api/planning/rehearsal', async (req, res) => {
      const body = parseComputeBody(rehearsalSchema, req, res)
      const { inputs, columns, at, conditionsAt } = await gather()
      if (body.township !== undefined) knownTownship(inputs, body.township, 'township')
      const radiusM = body.radiusM ?? rehearsalDefaults.radiusM
      const result = service.memo(inputs, columns, at, `rehearsal|${JSON.stringify(body)}`, () => {
        const conditions = conditionsAt(radiusM)
        const picked = inputs.checkpoints.flatMap((c, i) =>
          c.kind === 'random' && (body.township === undefined || c.townshipCode === body.township)
            ? [i]
            : [],
        )
        return asInput(() =>
          rehearsal(
            picked.map((i) => inputs.checkpoints[i] as (typeof inputs.checkpoints)[number]),
            picked.map((i) => conditions[i] as (typeof conditions)[number]),
            { ...body, radiusM },
          ),
        )
      })
      res.json(result)
    })
    .post('/api/planning/forecast', async (req, res) => {
      const body = parseComputeBody(forecastSchema, req, res)
      const { inputs, columns, at, conditionsAt } = await gather()
      const radiusM = body.radiusM ?? rehearsalDefaults.radiusM
      const result = service.memo(inputs, columns, at, `forecast|${JSON.stringify(body)}`, () => {
        const conditions = conditionsAt(radiusM)
        const of = (kind: 'fixed' | 'random') =>
          inputs.checkpoints.flatMap((c, i) => (c.kind === kind ? [i] : []))
        const fixed = of('fixed')
        const pool = of('random')
        const point = (i: number) => inputs.checkpoints[i] as (typeof inputs.checkpoints)[number]
        const condition = (i: number) => conditions[i] as (typeof conditions)[number]
        return asInput(() =>
          forecast(
            {
              fixed: fixed.map(point),
              fixedConditions: fixed.map(condition),
              pool: pool.map(point),
              poolConditions: pool.map(condition),
              townships: [...inputs.townshipNames]
                .map(([code, name]) => ({ code, name }))
                .sort((a, b) => (a.code < b.code ? -1 : 1)),
            },
            { ...body, radiusM },
          ),
        )
      })
      res.json(result)
    })
}

/** A compute endpoint's body: any reader may send one, the display token not (reads are GETs). */
function parseComputeBody<T>(schema: z.ZodType<T>, req: Request, res: Response): T {
  if (callerOf(res)?.via === 'display-token') {
    throw new Forbidden('大屏令牌只能查看（GET），不能调用规划计算')
  }
  return parseJsonBody(schema, req)
}

/** The signed-in planner or administrator; 401 / 403 otherwise. */
function planEditor(res: Response) {
  const user = writerOf(res)
  if (!hasPermission(user, 'plan_edit')) {
    throw new Forbidden('只有规划人员或管理员可以保存、修改或删除示范点方案')
  }
  return user
}

/** Runs a planning core; its PlanningInputError becomes a 400 naming the field. */
function asInput<T>(compute: () => T): T {
  try {
    return compute()
  } catch (error) {
    if (error instanceof PlanningInputError) {
      throw new InvalidInput([{ field: error.field ?? '', message: error.message }])
    }
    throw error
  }
}

function knownTownship(inputs: PlanningInputs, code: string, field: string): void {
  if (!inputs.townshipNames.has(code)) {
    throw new InvalidInput([{ field, message: `没有代码为 ${code} 的乡镇` }])
  }
}
