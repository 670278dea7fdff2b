// What the planning routes call: one use case per endpoint, over the planning data (planning-data.ts)
// and the pure cores. No HTTP here: bodies come in parsed (plan-schemas.ts), answers go out as plain
// objects, and failures are typed errors (planning-errors.ts, storage/plan-store.ts) that
// http/error-handler.ts alone turns into problem+json answers.
import { type CheckpointKind, checkpointKinds } from '../domain/checkpoint.ts'
import type { CandidateScore } from '../domain/demo-factors.ts'
import { demoScoreSettings } from '../domain/demo-factors.ts'
import type { PlanChanges, PlanRecord } from '../storage/plan-store.ts'
import type { Store } from '../storage/store.ts'
import { type CorridorLine, corridors } from './corridors.ts'
import { forecast } from './forecast.ts'
import { randomBaseline } from './plan-baseline.ts'
import {
  type PlanExport,
  type PlanFormat,
  planFileName,
  planFormats,
  toPlanGeoJson,
  toPlanXlsx,
} from './plan-exchange.ts'
import { optimisePlan } from './plan-optimiser.ts'
import type {
  CandidatesBody,
  ForecastBody,
  NewPlanBody,
  OptimiseBody,
  PlanChangesBody,
  RehearsalBody,
} from './plan-schemas.ts'
import { comparePlans, rankCandidates, summarisePlan } from './plan-scoring.ts'
import { validateConstraints, validateWeights } from './plan-validation.ts'
import {
  type LocationFlags,
  type PlanningInputs,
  type PlanningService,
  planningServiceOf,
} from './planning-data.ts'
import { PlanNotFound, PlanningInputError, PlanningInputErrors } from './planning-errors.ts'
import { type CheckpointInput, gridConditions, pointConditions } from './planning-inputs.ts'
import { rehearsal, rehearsalDefaults } from './rehearsal.ts'
import { seatRadius } from './seat-radius.ts'

export {
  distanceToLineM,
  type LineInput,
  type LngLat,
  type LocationFlags,
  type PlanningInputs,
  PlanningService,
  type PlanningServiceOptions,
  planningServiceOf,
  type RadiusInput,
} from './planning-data.ts'

type PlanStore = Pick<
  Store,
  'plan' | 'plans' | 'createPlan' | 'updatePlan' | 'deletePlan' | 'features'
>

/**
 * Random feasible plans the optimiser is compared with: 200 for small plans, fewer for big ones,
 * whose every random plan costs more (the mean of 50 plans of 100 points is already steady).
 */
export function baselineSamplesFor(size: number): number {
  return Math.max(50, Math.min(200, Math.round(4000 / size)))
}

/** The planning use cases over a live ledger; ctx.store is live.store. */
export function planningUseCases(
  live: Parameters<typeof planningServiceOf>[0] & {
    ready: Promise<unknown>
    columns: Parameters<PlanningService['snapshotOf']>[0]
  },
  store: PlanStore,
  now: () => Date,
) {
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
    const memo = <T>(key: string, compute: () => T) =>
      service.memo(inputs, columns, at, key, compute)
    return { inputs, columns, at, dataAsOf, conditionsAt, demo, townshipNames, memo }
  }

  type Gathered = Awaited<ReturnType<typeof gather>>

  /** A plan as the API shows it: the stored record and its summary under its own weights. */
  async function planView(plan: PlanRecord, gathered?: Gathered) {
    const { demo, townshipNames } = gathered ?? (await gather())
    const summary = summarisePlan(
      plan.checkpointIds,
      ...demo(),
      validateWeights(plan.weights),
      validateConstraints(plan.constraints),
      { townshipNames },
    )
    return { ...plan, summary }
  }

  /** A single plan's answer (read, created, changed): its view and the data's time. */
  async function planReply(plan: PlanRecord) {
    const gathered = await gather()
    return { ...(await planView(plan, gathered)), dataAsOf: gathered.dataAsOf }
  }

  async function planOrThrow(id: string): Promise<PlanRecord> {
    const plan = await store.plan(id)
    if (!plan) throw new PlanNotFound(id)
    return plan
  }

  /** Validated plan fields: known, distinct check points; weights and constraints filled in. */
  async function checkedPlan(body: PlanChangesBody): Promise<PlanChanges> {
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
      if (errors.length > 0) throw new PlanningInputErrors(errors)
    }
    const changes: PlanChanges = {}
    if (body.name !== undefined) changes.name = body.name
    if (ids !== undefined) changes.checkpointIds = ids
    if (body.weights !== undefined) changes.weights = validateWeights(body.weights)
    if (body.constraints !== undefined) {
      changes.constraints = { ...validateConstraints(body.constraints) }
    }
    return changes
  }

  return {
    async candidates(body: CandidatesBody) {
      const { inputs, dataAsOf, demo, memo } = await gather()
      const weights = validateWeights(body.weights)
      const plan = body.plan ?? []
      const kinds: readonly CheckpointKind[] = body.kinds ?? checkpointKinds
      const flags = service.locationFlags(inputs)
      const result = memo(`candidates|${JSON.stringify(body)}`, () => {
        const chosen = new Set(plan)
        const byId = new Map(inputs.checkpoints.map((c, i) => [c.id, i]))
        const items = rankCandidates(...demo(), weights, plan).flatMap((score) => {
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
      return { ...result, dataAsOf }
    },

    async optimise(body: OptimiseBody) {
      const { dataAsOf, demo, townshipNames, memo } = await gather()
      const weights = validateWeights(body.weights)
      const constraints = validateConstraints(body.constraints)
      const keep = body.keep ?? []
      const result = memo(`optimise|${JSON.stringify(body)}`, () => {
        const optimised = optimisePlan(...demo(), weights, constraints, keep, { townshipNames })
        const samples = baselineSamplesFor(constraints.size)
        const baseline = randomBaseline(...demo(), weights, constraints, samples, 1, keep)
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
      })
      return { ...result, dataAsOf }
    },

    async plans() {
      const plans = await store.plans()
      const gathered = await gather()
      const items = await Promise.all(plans.map((plan) => planView(plan, gathered)))
      return { items, dataAsOf: gathered.dataAsOf }
    },

    async plan(id: string) {
      return planReply(await planOrThrow(id))
    },

    async createPlan(body: NewPlanBody, username: string) {
      const checked = await checkedPlan(body)
      const plan = await store.createPlan({
        name: body.name,
        checkpointIds: body.checkpointIds,
        weights: checked.weights ?? validateWeights(undefined),
        constraints: checked.constraints ?? { ...validateConstraints(undefined) },
        createdBy: username,
        createdAt: now().toISOString(),
      })
      return { id: plan.id, reply: await planReply(plan) }
    },

    async updatePlan(id: string, body: PlanChangesBody) {
      await planOrThrow(id)
      const checked = await checkedPlan(body)
      const plan = await store.updatePlan(id, checked, now().toISOString())
      if (!plan) throw new PlanNotFound(id)
      return planReply(plan)
    },

    async deletePlan(id: string) {
      if (!(await store.deletePlan(id))) throw new PlanNotFound(id)
    },

    async compare(aId: string, bId: string) {
      const [a, b] = [await planOrThrow(aId), await planOrThrow(bId)]
      const { demo, townshipNames, dataAsOf } = await gather()
      const side = (plan: PlanRecord) => ({
        checkpointIds: plan.checkpointIds,
        weights: validateWeights(plan.weights),
        constraints: validateConstraints(plan.constraints),
      })
      const comparison = comparePlans(side(a), side(b), ...demo(), { townshipNames })
      return { plans: { a, b }, ...comparison, dataAsOf }
    },

    /** The plan as a file: its body, media type and download name. */
    async exportPlan(id: string, format: PlanFormat) {
      const plan = await planOrThrow(id)
      const { inputs, demo, townshipNames, at } = await gather()
      const weights = validateWeights(plan.weights)
      const constraints = validateConstraints(plan.constraints)
      const known = new Set(inputs.checkpoints.map((c) => c.id))
      const ids = plan.checkpointIds.filter((id) => known.has(id))
      const scores = new Map(
        rankCandidates(...demo(), weights, ids).map((s) => [s.checkpointId, s]),
      )
      const byId = new Map(inputs.checkpoints.map((c) => [c.id, c]))
      const file: PlanExport = {
        ...plan,
        weights,
        constraints,
        summary: summarisePlan(plan.checkpointIds, ...demo(), weights, constraints, {
          townshipNames,
        }),
        points: ids.map((id) => {
          const checkpoint = byId.get(id) as CheckpointInput
          return {
            checkpoint,
            townshipName: townshipNames[checkpoint.townshipCode] ?? checkpoint.townshipCode,
            score: scores.get(id) as CandidateScore,
          }
        }),
      }
      return {
        body: format === 'xlsx' ? await toPlanXlsx(file) : toPlanGeoJson(file),
        contentType: planFormats[format],
        fileName: planFileName(plan.name, at, format),
      }
    },

    async seatRadius(radiusM: number) {
      const { inputs, columns, at, dataAsOf, memo } = await gather()
      const townships = memo(`seat-radius|${radiusM}`, () => {
        // the county seat (the 6-digit county code) heads no township; each township's seat carries its code
        const seats = inputs.seats
          .filter((s) => inputs.townshipNames.has(s.code))
          .map((s) => ({ ...s, name: inputs.townshipNames.get(s.code) ?? s.name }))
        return seatRadius(seats, inputs.villages, columns, at, radiusM)
      })
      return { radiusM, townships, dataAsOf }
    },

    async corridors(widthM: number) {
      const { inputs, columns, at, dataAsOf, memo } = await gather()
      const body = memo(`corridors|${widthM}`, () => {
        const lines: CorridorLine[] = [...inputs.roads, ...inputs.rivers].map(
          ({ lines, ...line }) => ({ ...line, coordinates: lines }),
        )
        const results = corridors(lines, columns, at, widthM)
        return {
          widthM,
          corridors: results.map(({ buffer: _, ...c }) => c),
          geojson: corridorGeoJson(results),
        }
      })
      return { ...body, dataAsOf }
    },

    async rehearsal(body: RehearsalBody) {
      const { inputs, dataAsOf, conditionsAt, memo } = await gather()
      if (body.township !== undefined) knownTownship(inputs, body.township, 'township')
      const radiusM = body.radiusM ?? rehearsalDefaults.radiusM
      const result = memo(`rehearsal|${JSON.stringify(body)}`, () => {
        const conditions = conditionsAt(radiusM)
        const picked = inputs.checkpoints.flatMap((c, i) =>
          c.kind === 'random' && (body.township === undefined || c.townshipCode === body.township)
            ? [i]
            : [],
        )
        return rehearsal(
          picked.map((i) => inputs.checkpoints[i] as (typeof inputs.checkpoints)[number]),
          picked.map((i) => conditions[i] as (typeof conditions)[number]),
          { ...body, radiusM },
        )
      })
      return { ...result, dataAsOf }
    },

    async forecast(body: ForecastBody) {
      const { inputs, dataAsOf, conditionsAt, memo } = await gather()
      const radiusM = body.radiusM ?? rehearsalDefaults.radiusM
      const result = memo(`forecast|${JSON.stringify(body)}`, () => {
        const conditions = conditionsAt(radiusM)
        const of = (kind: CheckpointKind) =>
          inputs.checkpoints.flatMap((c, i) => (c.kind === kind ? [i] : []))
        const fixed = of('fixed')
        const pool = of('random')
        const point = (i: number) => inputs.checkpoints[i] as (typeof inputs.checkpoints)[number]
        const condition = (i: number) => conditions[i] as (typeof conditions)[number]
        return forecast(
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
        )
      })
      return { ...result, dataAsOf }
    },
  }
}

export type PlanningUseCases = ReturnType<typeof planningUseCases>

/** The corridors' buffers as a FeatureCollection, one feature per line with a buffer. */
function corridorGeoJson(results: ReturnType<typeof corridors>) {
  return {
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
}

function knownTownship(inputs: PlanningInputs, code: string, field: string): void {
  if (!inputs.townshipNames.has(code))
    throw new PlanningInputError(`没有代码为 ${code} 的乡镇`, field)
}
