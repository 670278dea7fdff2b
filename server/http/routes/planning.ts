// The planners' workspace API (/api/planning, /api/plans): a thin adapter over the planning use cases
// (planning/planning-service.ts). The compute endpoints are POSTs (their options are bodies) that
// write nothing: any reader may call them, the display token not (it is for GETs only). Plan writes
// need plan_edit. Errors are mapped by http/error-handler.ts.

import type { Request, Response } from 'express'
import { Router } from 'express'
import type { z } from 'zod'
import { assessmentForecast } from '../../assessment/forecast-service.ts'
import { Forbidden } from '../../domain/errors.ts'
import { hasPermission } from '../../domain/roles.ts'
import type { LiveLedger } from '../../live/live-ledger.ts'
import { NotFound } from '../../ogc/exception.ts'
import { corridorDefaults } from '../../planning/corridors.ts'
import { type PlanFormat, planFormats } from '../../planning/plan-exchange.ts'
import {
  candidatesSchema,
  compareSchema,
  corridorsQuery,
  forecastSchema,
  newPlanSchema,
  noQuery,
  optimiseSchema,
  planChangesSchema,
  rehearsalSchema,
  seatRadiusQuery,
} from '../../planning/plan-schemas.ts'
import { planningUseCases } from '../../planning/planning-service.ts'
import { seatRadiusDefaults } from '../../planning/seat-radius.ts'
import { callerOf, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'

export { baselineSamplesFor } from '../../planning/planning-service.ts'

export function planningRoutes({ store, now }: AppContext, live: LiveLedger): Router {
  // ctx.store is live.store: the use cases read the inputs through the same store
  const planning = planningUseCases(live, store, now)
  return Router()
    .post('/api/planning/candidates', async (req, res) => {
      res.json(await planning.candidates(parseComputeBody(candidatesSchema, req, res)))
    })
    .post('/api/planning/optimise', async (req, res) => {
      res.json(await planning.optimise(parseComputeBody(optimiseSchema, req, res)))
    })
    .get('/api/plans', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json(await planning.plans())
    })
    .post('/api/plans', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(newPlanSchema, req)
      planEditor(res)
      const { id, reply } = await planning.createPlan(body, user.username)
      res.status(201).location(`/api/plans/${id}`).json(reply)
    })
    .get('/api/plans/compare', async (req, res) => {
      const query = parseApiQuery(compareSchema, req.query)
      res.json(await planning.compare(query.a, query.b))
    })
    .get('/api/plans/:id', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json(await planning.plan(req.params.id))
    })
    .get('/api/plans/:id/export.:format', async (req, res) => {
      const format = req.params.format
      if (!Object.hasOwn(planFormats, format)) {
        throw new NotFound(`不支持导出为 .${format.slice(0, 20)}（可用：xlsx、geojson）`)
      }
      parseApiQuery(noQuery, req.query)
      sendFile(res, await planning.exportPlan(req.params.id, format as PlanFormat))
    })
    .put('/api/plans/:id', async (req, res) => {
      writerOf(res)
      const body = parseJsonBody(planChangesSchema, req)
      planEditor(res)
      res.json(await planning.updatePlan(req.params.id, body))
    })
    .delete('/api/plans/:id', async (req, res) => {
      planEditor(res)
      await planning.deletePlan(req.params.id)
      res.status(204).end()
    })
    .get('/api/planning/seat-radius', async (req, res) => {
      const { radiusM = seatRadiusDefaults.radiusM } = parseApiQuery(seatRadiusQuery, req.query)
      res.json(await planning.seatRadius(radiusM))
    })
    .get('/api/planning/corridors', async (req, res) => {
      const { widthM = corridorDefaults.widthM } = parseApiQuery(corridorsQuery, req.query)
      res.json(await planning.corridors(widthM))
    })
    .post('/api/planning/rehearsal', async (req, res) => {
      res.json(await planning.rehearsal(parseComputeBody(rehearsalSchema, req, res)))
    })
    .post('/api/planning/forecast', async (req, res) => {
      const result = await planning.forecast(parseComputeBody(forecastSchema, req, res))
      // all four shares of the 测评体系 beside the 实地考察 model (assessment/forecast-service.ts)
      const assessment = await assessmentForecast(store, result, now())
      res.json(assessment ? { ...result, assessment } : result)
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
