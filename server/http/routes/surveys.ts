// /api/surveys…: 问卷调查 rounds (recorded as JSON or imported from XLSX), their summary with Wilson
// intervals (trend, latest round by township and group, the weakest), one round as XLSX. Reads: the
// 创建办, 指挥长 and planners; writes: survey_edit on the county (http/authorise.ts).
import express, { Router } from 'express'
import { z } from 'zod'
import { readSurveySheet } from '../../assessment/survey-import.ts'
import {
  addSurveyRound,
  assertSurveyReader,
  surveyRoundOr404,
  surveySummary,
} from '../../assessment/survey-service.ts'
import { toSurveyXlsx } from '../../assessment/survey-xlsx.ts'
import { mediaTypes } from '../../exchange/export-file.ts'
import { NotFound } from '../../ogc/exception.ts'
import { requireWriter, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody, rawBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { UnsupportedMediaType } from '../errors.ts'
import { idempotency } from '../idempotency.ts'
import { day, text } from './fields.ts'

const count = z.number().int().min(0).max(1_000_000)

const roundFields = {
  name: text(60),
  conductedOn: day(),
  source: text(30),
}

export const surveyRoundSchema = z
  .object({
    ...roundFields,
    cells: z
      .array(
        z
          .object({
            township: text(30),
            group: text(30),
            sampleSize: count.min(1),
            awareness: count,
            support: count,
            satisfaction: count,
          })
          .strict(),
      )
      .min(1, '至少 1 行数据')
      .max(5000),
  })
  .strict()

export const surveyImportQuery = z.object(roundFields).strict()
export const surveySummaryQuery = z.object({ round: z.string().max(64).optional() }).strict()

const xlsxType = mediaTypes.xlsx
const maxImportBytes = 5 * 1024 * 1024 // a survey sheet is a few hundred rows

export function surveyRoutes(ctx: AppContext): Router {
  const { store, now } = ctx
  const raw = express.raw({ type: () => true, limit: maxImportBytes })
  return (
    Router()
      .get('/api/surveys', async (_req, res) => {
        assertSurveyReader(writerOf(res))
        res.json({ items: await store.surveyRounds() })
      })
      .get('/api/surveys/summary', async (req, res) => {
        assertSurveyReader(writerOf(res))
        const { round } = parseApiQuery(surveySummaryQuery, req.query)
        res.json(await surveySummary(store, round))
      })
      // POST /api/surveys — survey_edit; county
      .post('/api/surveys', async (req, res) => {
        const round = parseJsonBody(surveyRoundSchema, req)
        res.status(201).json(await addSurveyRound(store, writerOf(res), round, now()))
      })
      // POST /api/surveys/import?name=…&conductedOn=…&source=… — survey_edit; county. Raw XLSX body
      .post('/api/surveys/import', requireWriter, raw, idempotency(ctx), async (req, res) => {
        const meta = parseApiQuery(surveyImportQuery, req.query)
        const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
        if (type !== xlsxType) throw new UnsupportedMediaType('请上传 Excel（.xlsx）文件')
        const cells = await readSurveySheet(rawBody(req))
        res.status(201).json(await addSurveyRound(store, writerOf(res), { ...meta, cells }, now()))
      })
      .get('/api/surveys/:id', async (req, res) => {
        assertSurveyReader(writerOf(res))
        res.json(await surveyRoundOr404(store, req.params.id))
      })
      .get('/api/surveys/:id/export.xlsx', async (req, res) => {
        assertSurveyReader(writerOf(res))
        const round = await surveyRoundOr404(store, req.params.id)
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="${round.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`问卷调查-${round.name}.xlsx`)}`,
        )
        res.type(xlsxType).send(await toSurveyXlsx(round))
      })
      // DELETE /api/surveys/:id — survey_edit; county
      .delete('/api/surveys/:id', async (req, res) => {
        writerOf(res)
        if (!(await store.deleteSurveyRound(req.params.id))) {
          throw new NotFound(`没有编号为 ${req.params.id} 的问卷调查`)
        }
        res.status(204).end()
      })
  )
}
