// The 测评体系 per year: GET /api/assessment/systems (the years, with counts and points per method),
// GET /api/assessment/systems/:year (项目 → 内容 → 标准), GET …/:year/export.xlsx, and
// POST /api/assessment/systems/import (an XLSX replaces the year it names; administrators only).
import express, { Router } from 'express'
import { z } from 'zod'
import {
  exportSystem,
  importSystem,
  listSystems,
  systemOr404,
  xlsxType,
} from '../../assessment/system-service.ts'
import { NotFound } from '../../ogc/exception.ts'
import { requireWriter, writerOf } from '../auth.ts'
import { parseApiQuery, rawBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { UnsupportedMediaType } from '../errors.ts'
import { idempotency } from '../idempotency.ts'
import { sendFile } from './exchange.ts'

const maxImportBytes = 4 * 1024 * 1024 // a whole 测评体系 is ~50 KB
const noQuery = z.object({}).strict()

function yearOf(raw: string): number {
  if (!/^\d{4}$/.test(raw)) throw new NotFound(`没有 ${raw.slice(0, 20)} 年度的测评体系`)
  return Number(raw)
}

export function assessmentSystemRoutes(ctx: AppContext): Router {
  const { store, now } = ctx
  const raw = express.raw({ type: () => true, limit: maxImportBytes })
  return Router()
    .get('/api/assessment/systems', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json({ items: await listSystems(store) })
    })
    .post(
      '/api/assessment/systems/import',
      requireWriter,
      raw,
      idempotency(ctx),
      async (req, res) => {
        const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
        if (type !== xlsxType) throw new UnsupportedMediaType('请上传 Excel（.xlsx）文件')
        res.json(await importSystem(store, writerOf(res), rawBody(req), now()))
      },
    )
    .get('/api/assessment/systems/:year', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      res.json(await systemOr404(store, yearOf(req.params.year)))
    })
    .get('/api/assessment/systems/:year/export.xlsx', async (req, res) => {
      parseApiQuery(noQuery, req.query)
      sendFile(res, await exportSystem(store, yearOf(req.params.year)))
    })
}
