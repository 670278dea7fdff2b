// The planners' workspace API (/api/planning, /api/plans): demonstration-point scores and plans,
// random-draw rehearsal, score forecast, 1 km radii and corridors. The compute endpoints are POSTs
// (their options are bodies) that write nothing: any reader may call them, the display token not
// (it is for GETs only). Plan writes need plan_edit.
import type { Request, Response } from 'express'
import { Router } from 'express'
import { z } from 'zod'
import { checkpointKinds } from '../../domain/checkpoint.ts'
import { hasPermission } from '../../domain/roles.ts'
import { Forbidden, InvalidInput } from '../../ledger/errors.ts'
import type { LiveLedger } from '../../live/live-ledger.ts'
import { ApiError, NotFound } from '../../ogc/exception.ts'
import { type CorridorLine, corridorDefaults, corridors } from '../../planning/corridors.ts'
import {
  type CandidateScore,
  comparePlans,
  demoFactors,
  demoScoreSettings,
  optimisePlan,
  randomBaseline,
  rankCandidates,
  summarisePlan,
  validateConstraints,
  validateWeights,
} from '../../planning/demo-points.ts'
import { forecast } from '../../planning/forecast.ts'
import {
  type PlanExport,
  type PlanFormat,
  planFileName,
  planFormats,
  toPlanGeoJson,
  toPlanXlsx,
} from '../../planning/plan-exchange.ts'
import { PlanningInputError } from '../../planning/planning-errors.ts'
import {
  type CheckpointInput,
  gridConditions,
  pointConditions,
} from '../../planning/planning-inputs.ts'
import {
  type LocationFlags,
  type PlanningInputs,
  planningServiceOf,
} from '../../planning/planning-service.ts'
import { rehearsal, rehearsalDefaults, rehearsalLimits } from '../../planning/rehearsal.ts'
import { seatRadius, seatRadiusDefaults } from '../../planning/seat-radius.ts'
import { DuplicatePlanName, type PlanChanges, type PlanRecord } from '../../storage/plan-store.ts'
import { callerOf, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'

const maxPlanSize = 100 // points in a plan (constraints.size ≤ 100)

const int = (min: number, max: number, what: string) =>
  z
    .number()
    .int(`${what}须为整数`)
    .min(min, `${what}最小为 ${min}`)
    .max(max, `${what}最大为 ${max}`)

const seedSchema = int(0, rehearsalLimits.maxSeed, '随机种子')
const drawsSchema = int(1, rehearsalLimits.maxDraws, '抽检次数')
const radiusSchema = z.number().min(10, '半径最小为 10 米').max(2000, '半径最大为 2000 米')
// category keys are checked by the cores, whose messages say which categories exist
const categoryKey = z.string().max(64, '类别代码过长')
const perCategorySchema = z
  .record(categoryKey, int(0, rehearsalLimits.maxPerCategory, '每类抽取数'))
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

const factorWeight = z.number().min(0, '权重最小为 0').max(10, '权重最大为 10')
const weightsSchema = z
  .object(Object.fromEntries(demoFactors.map((f) => [f, factorWeight.optional()])))
  .strict()
  .optional()
const checkpointId = z.string().min(1, '点位编号不能为空').max(64, '点位编号过长')
const idList = (max: number) => z.array(checkpointId).max(max, `最多 ${max} 个点位`)
const kindsSchema = z.array(z.enum(checkpointKinds, '须为 fixed 或 random')).min(1).max(2)
const constraintsSchema = z
  .object({
    size: int(1, 100, '方案规模').optional(),
    minPerTownship: int(0, 10, '每乡镇最少数').optional(),
    requiredCategories: z.record(categoryKey, int(0, 100, '类别最少数')).optional(),
    minSpacingM: z
      .number()
      .min(0, '最小间距最小为 0 米')
      .max(10_000, '最小间距最大为 10000 米')
      .optional(),
    kinds: kindsSchema.optional(),
  })
  .strict()

const candidatesSchema = z
  .object({
    weights: weightsSchema,
    plan: idList(maxPlanSize).optional(),
    kinds: kindsSchema.optional(),
  })
  .strict()

const optimiseSchema = z
  .object({
    weights: weightsSchema,
    constraints: constraintsSchema,
    keep: idList(maxPlanSize).optional(),
  })
  .strict()

const planName = z.string().trim().min(1, '方案名称不能为空').max(50, '方案名称最多 50 个字')
const planFields = {
  name: planName,
  checkpointIds: idList(maxPlanSize),
  weights: weightsSchema,
  constraints: constraintsSchema.optional(),
}
const newPlanSchema = z.object(planFields).strict()
const planChangesSchema = z
  .object(planFields)
  .partial()
  .strict()
  .refine(
    (body) => Object.keys(body).length > 0,
    '请至少修改一项：name、checkpointIds、weights 或 constraints',
  )
const compareSchema = z
  .object({ a: z.string().min(1).max(64), b: z.string().min(1).max(64) })
  .strict()
const noQuery = z.object({}).strict()

const metresParam = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,5}(\.\d{1,3})?$/, `${what}须为数字（米）`)
    .transform(Number)
    .pipe(z.number().min(min, `${what}最小为 ${min} 米`).max(max, `${what}最大为 ${max} 米`))
const seatRadiusQuery = z
  .object({
    radiusM: metresParam(
      seatRadiusDefaults.minRadiusM,
      seatRadiusDefaults.maxRadiusM,
      '半径',
    ).optional(),
  })
  .strict()
const corridorsQuery = z
  .object({
    widthM: metresParam(
      corridorDefaults.minWidthM,
      corridorDefaults.maxWidthM,
      '沿线宽度',
    ).optional(),
  })
  .strict()

/**
 * Random feasible plans the optimiser is compared with: 200 for small plans, fewer for big ones,
 * whose every random plan costs more (the mean of 50 plans of 100 points is already steady).
 */
export function baselineSamplesFor(size: number): number {
  return Math.max(50, Math.min(200, Math.round(4000 / size)))
}

export function planningRoutes({ store, now }: AppContext, live: LiveLedger): Router {
  // ctx.store is live.store: the service reads the inputs through the same store
  const service = planningServiceOf(live)

  /** The inputs, the live columns and the clock, and conditions around every check point. */
  async function gather() {
    await live.ready
    const inputs = await service.inputs()
    const at = now()
    const columns = service.snapshotOf(live.columns, at)
    // ISO 8601 UTC: results lag the ledger by up to a minute or two; the client says so
    const dataAsOf = (service.dataAsOf() ?? at).toISOString()
    const conditionsAt = (radiusM: number) =>
      service.memo(inputs, columns, at, `conditions|${radiusM}`, () =>
        pointConditions(inputs.checkpoints, columns, at, {
          radiusM,
          recentDays: demoScoreSettings.recentDays,
        }),
      )
    const grids = () =>
      service.memo(inputs, columns, at, 'grids', () => gridConditions(columns, at))
    const location = service.locationFlags(inputs).map((f) => f.inRadius || f.onCorridor)
    /** The demo-points core's shared arguments: candidates, conditions at 300 m, grids, location. */
    const demo = () =>
      [inputs.checkpoints, conditionsAt(demoScoreSettings.radiusM), grids(), location] as const
    const townshipNames = Object.fromEntries(inputs.townshipNames)
    return { inputs, columns, at, dataAsOf, conditionsAt, demo, townshipNames }
  }

  type Gathered = Awaited<ReturnType<typeof gather>>

  /** A plan as the API shows it: the stored record and its summary under its own weights. */
  async function planView(plan: PlanRecord, gathered?: Gathered) {
    const { demo, townshipNames } = gathered ?? (await gather())
    const summary = asInput(() =>
      summarisePlan(
        plan.checkpointIds,
        ...demo(),
        validateWeights(plan.weights),
        validateConstraints(plan.constraints),
        { townshipNames },
      ),
    )
    return { ...plan, summary }
  }

  /** A single plan's answer (read, created, changed): its view and the data's time. */
  async function planReply(plan: PlanRecord) {
    const gathered = await gather()
    return { ...(await planView(plan, gathered)), dataAsOf: gathered.dataAsOf }
  }

  async function planOr404(id: string): Promise<PlanRecord> {
    const plan = await store.plan(id)
    if (!plan) throw new NotFound(`没有编号为 ${id.slice(0, 64)} 的方案`)
    return plan
  }

  /** Validated plan fields: known, distinct check points; weights and constraints filled in. */
  async function checkedPlan(body: z.infer<typeof planChangesSchema>): Promise<PlanChanges> {
    const { inputs } = await gather()
    const known = new Set(inputs.checkpoints.map((c) => c.id))
    const ids = body.checkpointIds
    if (ids) {
      const seen = new Set<string>()
      const errors = ids.flatMap((id, i) => {
        const message = !known.has(id)
          ? `没有编号为 ${id} 的测评点位`
          : seen.has(id)
            ? `点位 ${id} 重复`
            : undefined
        seen.add(id)
        return message ? [{ field: `checkpointIds.${i}`, message }] : []
      })
      if (errors.length > 0) throw new InvalidInput(errors)
    }
    const changes: PlanChanges = {}
    if (body.name !== undefined) changes.name = body.name
    if (ids !== undefined) changes.checkpointIds = ids
    asInput(() => {
      if (body.weights !== undefined) changes.weights = validateWeights(body.weights)
      if (body.constraints !== undefined) {
        changes.constraints = { ...validateConstraints(body.constraints) }
      }
    })
    return changes
  }

  return Router()
    .post('/api/planning/candidates', async (req, res) => {
      const body = parseComputeBody(candidatesSchema, req, res)
      const { inputs, columns, at, dataAsOf, demo } = await gather()
      const weights = asInput(() => validateWeights(body.weights))
      const plan = body.plan ?? []
      const kinds = body.kinds ?? checkpointKinds
      const flags = service.locationFlags(inputs)
      const result = service.memo(inputs, columns, at, `candidates|${JSON.stringify(body)}`, () => {
        const chosen = new Set(plan)
        const byId = new Map(inputs.checkpoints.map((c, i) => [c.id, i]))
        const items = asInput(() => rankCandidates(...demo(), weights, plan)).flatMap((score) => {
          const i = byId.get(score.checkpointId) as number
          const c = inputs.checkpoints[i] as CheckpointInput
          if (!kinds.includes(c.kind)) return []
          const flag = flags[i] as LocationFlags
          return [
            {
              checkpointId: c.id,
              name: c.name,
              kind: c.kind,
              category: c.category,
              townshipCode: c.townshipCode,
              townshipName: inputs.townshipNames.get(c.townshipCode) ?? c.townshipCode,
              gridCode: c.gridCode,
              lngLat: c.lngLat,
              score: score.score,
              factors: score.factors,
              raw: { ...score.raw, inRadius: flag.inRadius, onCorridor: flag.onCorridor },
              chosen: chosen.has(c.id),
            },
          ]
        })
        return { weights, items }
      })
      res.json({ ...result, dataAsOf })
    })
    .post('/api/planning/optimise', async (req, res) => {
      const body = parseComputeBody(optimiseSchema, req, res)
      const { inputs, columns, at, dataAsOf, demo, townshipNames } = await gather()
      const weights = asInput(() => validateWeights(body.weights))
      const constraints = asInput(() => validateConstraints(body.constraints))
      const keep = body.keep ?? []
      const result = service.memo(inputs, columns, at, `optimise|${JSON.stringify(body)}`, () =>
        asInput(() => {
          const optimised = optimisePlan(...demo(), weights, constraints, keep, { townshipNames })
          const baseline = randomBaseline(
            ...demo(),
            weights,
            constraints,
            baselineSamplesFor(constraints.size),
            1,
            keep,
          )
          return {
            weights,
            constraints,
            checkpointIds: optimised.checkpointIds,
            summary: optimised.summary,
            search: optimised.search,
            baseline: {
              randomMean: baseline.mean,
              randomBest: baseline.best,
              samples: baseline.samples,
            },
          }
        }),
      )
      res.json({ ...result, dataAsOf })
    })
    .get('/api/plans', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      const plans = await store.plans()
      const gathered = await gather()
      const items = await Promise.all(plans.map((plan) => planView(plan, gathered)))
      res.json({ items, dataAsOf: gathered.dataAsOf })
    })
    .post('/api/plans', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(newPlanSchema, req)
      planEditor(res)
      const checked = await checkedPlan(body)
      const at = now().toISOString()
      const plan = await savingPlan(() =>
        store.createPlan({
          name: body.name,
          checkpointIds: body.checkpointIds,
          weights: checked.weights ?? validateWeights(undefined),
          constraints: checked.constraints ?? { ...validateConstraints(undefined) },
          createdBy: user.username,
          createdAt: at,
        }),
      )
      res
        .status(201)
        .location(`/api/plans/${plan.id}`)
        .json(await planReply(plan))
    })
    .get('/api/plans/compare', async (req, res) => {
      const query = parseApiQuery(compareSchema, req.query)
      const [a, b] = [await planOr404(query.a), await planOr404(query.b)]
      const { demo, townshipNames, dataAsOf } = await gather()
      const side = (plan: PlanRecord) => ({
        checkpointIds: plan.checkpointIds,
        weights: validateWeights(plan.weights),
        constraints: validateConstraints(plan.constraints),
      })
      const comparison = asInput(() => comparePlans(side(a), side(b), ...demo(), { townshipNames }))
      res.json({ plans: { a, b }, ...comparison, dataAsOf })
    })
    .get('/api/plans/:id', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json(await planReply(await planOr404(req.params.id)))
    })
    .get('/api/plans/:id/export.:format', async (req, res) => {
      const format = req.params.format
      if (!Object.hasOwn(planFormats, format)) {
        throw new NotFound(`不支持导出为 .${format.slice(0, 20)}（可用：xlsx、geojson）`)
      }
      parseApiQuery(noQuery, req.query)
      const plan = await planOr404(req.params.id)
      const { inputs, demo, townshipNames, at } = await gather()
      const weights = validateWeights(plan.weights)
      const constraints = validateConstraints(plan.constraints)
      const known = new Set(inputs.checkpoints.map((c) => c.id))
      const ids = plan.checkpointIds.filter((id) => known.has(id))
      const scores = new Map(
        asInput(() => rankCandidates(...demo(), weights, ids)).map((s) => [s.checkpointId, s]),
      )
      const byId = new Map(inputs.checkpoints.map((c) => [c.id, c]))
      const file: PlanExport = {
        ...plan,
        weights,
        constraints,
        summary: asInput(() =>
          summarisePlan(plan.checkpointIds, ...demo(), weights, constraints, { townshipNames }),
        ),
        points: ids.map((id) => {
          const checkpoint = byId.get(id) as CheckpointInput
          return {
            checkpoint,
            townshipName: townshipNames[checkpoint.townshipCode] ?? checkpoint.townshipCode,
            score: scores.get(id) as CandidateScore,
          }
        }),
      }
      const kind = format as PlanFormat
      sendFile(res, {
        body: kind === 'xlsx' ? await toPlanXlsx(file) : toPlanGeoJson(file),
        contentType: planFormats[kind],
        fileName: planFileName(plan.name, at, kind),
      })
    })
    .put('/api/plans/:id', async (req, res) => {
      writerOf(res)
      const body = parseJsonBody(planChangesSchema, req)
      planEditor(res)
      await planOr404(req.params.id)
      const checked = await checkedPlan(body)
      const plan = await savingPlan(() =>
        store.updatePlan(req.params.id, checked, now().toISOString()),
      )
      if (!plan) throw new NotFound(`没有编号为 ${req.params.id.slice(0, 64)} 的方案`)
      res.json(await planReply(plan))
    })
    .delete('/api/plans/:id', async (req, res) => {
      planEditor(res)
      if (!(await store.deletePlan(req.params.id))) {
        throw new NotFound(`没有编号为 ${req.params.id.slice(0, 64)} 的方案`)
      }
      res.status(204).end()
    })
    .get('/api/planning/seat-radius', async (req, res) => {
      const { radiusM = seatRadiusDefaults.radiusM } = parseApiQuery(seatRadiusQuery, req.query)
      const { inputs, columns, at, dataAsOf } = await gather()
      const townships = service.memo(inputs, columns, at, `seat-radius|${radiusM}`, () => {
        // the county seat (the 6-digit county code) heads no township; each township's seat carries its code
        const seats = inputs.seats
          .filter((s) => inputs.townshipNames.has(s.code))
          .map((s) => ({ ...s, name: inputs.townshipNames.get(s.code) ?? s.name }))
        return asInput(() => seatRadius(seats, inputs.villages, columns, at, radiusM))
      })
      res.json({ radiusM, townships, dataAsOf })
    })
    .get('/api/planning/corridors', async (req, res) => {
      const { widthM = corridorDefaults.widthM } = parseApiQuery(corridorsQuery, req.query)
      const { inputs, columns, at, dataAsOf } = await gather()
      const body = service.memo(inputs, columns, at, `corridors|${widthM}`, () => {
        const lines: CorridorLine[] = [...inputs.roads, ...inputs.rivers].map(
          ({ lines, ...line }) => ({ ...line, coordinates: lines }),
        )
        const results = asInput(() => corridors(lines, columns, at, widthM))
        const geojson = {
          type: 'FeatureCollection',
          features: results.flatMap(({ buffer, openIssues: _, ...c }) =>
            buffer
              ? [
                  {
                    type: 'Feature',
                    id: c.id,
                    geometry: buffer,
                    properties: {
                      id: c.id,
                      name: c.name,
                      kind: c.kind,
                      synthetic: c.synthetic,
                      widthM: c.widthM,
                      total: c.total,
                      open: c.open,
                      overdue: c.overdue,
                    },
                  },
                ]
              : [],
          ),
        }
        return { widthM, corridors: results.map(({ buffer: _, ...c }) => c), geojson }
      })
      res.json({ ...body, dataAsOf })
    })
    .post('/api/planning/rehearsal', async (req, res) => {
      const body = parseComputeBody(rehearsalSchema, req, res)
      const { inputs, columns, at, dataAsOf, conditionsAt } = await gather()
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
      res.json({ ...result, dataAsOf })
    })
    .post('/api/planning/forecast', async (req, res) => {
      const body = parseComputeBody(forecastSchema, req, res)
      const { inputs, columns, at, dataAsOf, conditionsAt } = await gather()
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
      res.json({ ...result, dataAsOf })
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

function sendFile(res: Response, file: { body: Buffer; contentType: string; fileName: string }) {
  // RFC 6266: an ASCII fallback, and the Chinese name percent-encoded (RFC 8187)
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  )
  res.type(file.contentType).send(file.body)
}

/** A store write of a plan; a taken name is a 409. */
async function savingPlan<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (error instanceof DuplicatePlanName) {
      throw new ApiError(409, 'Conflict', `${error.message}，请换一个名称`)
    }
    throw error
  }
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
