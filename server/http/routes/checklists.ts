// 点位测评: GET /api/checklists (every category's checklist), GET /api/checkpoints/:id/checklist (a
// point's checklist, its latest inspection and map status), GET /api/checkpoints/:id/inspections (its
// history, with who inspected: signed-in readers), POST /api/checkpoints/:id/inspections (record one;
// each failed item becomes a ledger issue), GET /api/inspections/status (every inspected point's
// status for the map) and GET /api/checkpoints/own (a unit operator's own points to 自查, with status).
import { Router } from 'express'
import { z } from 'zod'
import {
  checklistOf,
  checkpointOr404,
  checkpointStatuses,
  inspectCheckpoint,
} from '../../assessment/checklist-service.ts'
import { ownCheckpoints } from '../../assessment/own-checkpoints.ts'
import { checkResults } from '../../domain/checklist.ts'
import { writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { assertReader } from '../personal-data.ts'

const noQuery = z.object({}).strict()

export const inspectionBody = z
  .object({
    results: z
      .array(
        z
          .object({
            itemCode: z.string().min(1).max(60),
            result: z.enum(checkResults, '结果须为 pass（合格）、fail（不合格）或 na（不适用）'),
            note: z.string().trim().max(200, '说明最多 200 字').optional(),
          })
          .strict(),
      )
      .min(1, '至少填写一项')
      .max(100),
  })
  .strict()

export const inspectionsQuery = z
  .object({ limit: z.coerce.number().int().min(1, '至少为 1').max(100, '最多 100').default(20) })
  .strict()

export function checklistRoutes({ store, now }: AppContext): Router {
  return Router()
    .get('/api/checklists', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json({ items: await store.checklistItems() })
    })
    .get('/api/inspections/status', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json({ items: await checkpointStatuses(store, now()) })
    })
    .get('/api/checkpoints/own', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json({ items: await ownCheckpoints(store, writerOf(res), now()) })
    })
    .get('/api/checkpoints/:id/checklist', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json(await checklistOf(store, req.params.id, now()))
    })
    .get('/api/checkpoints/:id/inspections', async (req, res) => {
      assertReader(res, '点位测评记录')
      const { limit } = parseApiQuery(inspectionsQuery, req.query)
      await checkpointOr404(store, req.params.id)
      res.json({ items: await store.inspections({ checkpointId: req.params.id, limit }) })
    })
    .post('/api/checkpoints/:id/inspections', async (req, res) => {
      const user = writerOf(res)
      const input = parseJsonBody(inspectionBody, req)
      res.status(201).json(await inspectCheckpoint(store, user, req.params.id, input, now()))
    })
}
