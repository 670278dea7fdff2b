// /api/materials…: 材料审核 (台账材料). A unit operator sees and documents their unit's 标准 (倒排工期),
// uploads files (raw body, type by magic bytes, size checked while reading), writes the 说明报告 and
// submits; the 创建办 (督导员, 管理员) reviews, sees completion, exports, receives the 签字移交. Each write
// route's role × scope is its line in http/authorise.ts; the scope is checked in material-service.ts.
import express, { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { maxBytesFor, maxDocumentBytes } from '../../assessment/material-files.ts'
import {
  actOn,
  addHandover,
  completionOf,
  isMaterialReader,
  type MaterialContext,
  materialFilePath,
  openMaterial,
  readableMaterial,
  readableUnit,
  receiveHandover,
  removeFile,
  saveReport,
  scheduleView,
  tasksOf,
  uploadFile,
} from '../../assessment/material-service.ts'
import { toMaterialsXlsx } from '../../assessment/material-xlsx.ts'
import { Forbidden } from '../../domain/errors.ts'
import type { Material, MaterialFile } from '../../domain/material.ts'
import { actionsFrom, materialStatuses, reportElements } from '../../domain/material.ts'
import { materialCompletion } from '../../domain/material-completion.ts'
import { hasPermission, type User } from '../../domain/roles.ts'
import { mediaTypes } from '../../exchange/export-file.ts'
import { NotFound } from '../../ogc/exception.ts'
import { requireWriter, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody, rawUpload } from '../body.ts'
import type { AppContext } from '../context.ts'
import { idempotency } from '../idempotency.ts'
import { day, text } from './fields.ts'

const code = z.string().trim().min(1).max(64)

export const openMaterialSchema = z
  .object({ standardCode: code, unitCode: code.optional() })
  .strict()

export const reportSchema = z
  .object(
    Object.fromEntries(reportElements.map((e) => [e, z.string().trim().max(4000)])) as Record<
      (typeof reportElements)[number],
      z.ZodString
    >,
  )
  .strict()

export const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'return']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()

export const handoverSchema = z
  .object({
    unitCode: code.optional(),
    signedByName: text(20),
    signedByTitle: text(40),
    signedOn: day(),
  })
  .strict()

export const taskQuery = z
  .object({
    unit: code.optional(),
    standard: code.optional(),
    status: z.enum([...materialStatuses, 'missing']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict()

export const handoverQuery = z.object({ unit: code.optional() }).strict()

const xlsxType = mediaTypes.xlsx

/** What the API shows of a file: a URL to fetch it, not where it lies. */
function toFileView(f: MaterialFile, base: string) {
  const { id, materialId, kind, contentType, bytes, title, uploadedBy, createdAt } = f
  return {
    id,
    materialId,
    kind,
    contentType,
    bytes,
    title,
    uploadedBy,
    createdAt,
    url: `${base}/api/material-files/${id}`,
  }
}

function toMaterialView(m: Material, user: User, base: string) {
  const actions = actionsFrom(m.status).filter((a) =>
    a === 'submit'
      ? hasPermission(user, 'material_submit') &&
        (user.role !== 'unit-operator' || user.unitCode === m.unitCode)
      : hasPermission(user, 'material_review'),
  )
  return { ...m, files: m.files.map((f) => toFileView(f, base)), actions }
}

export function materialRoutes(
  ctx: AppContext,
  materials: Omit<MaterialContext, 'store' | 'attachmentsDir'>,
  onChange: () => void = () => {},
): Router {
  const { store, now, baseUrl, attachmentsDir } = ctx
  const mc: MaterialContext = { ...materials, store, attachmentsDir }
  // photos stop at 5 MB, documents at 20 MB, while the body is read: the declared type picks the
  // reader; the bytes' own type is checked after (material-files.ts)
  const readers = new Map<number, ReturnType<typeof express.raw>>()
  const raw = (req: Request, res: Response, next: (err?: unknown) => void) => {
    const declared = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    const limit = Math.min(maxBytesFor(declared), maxDocumentBytes)
    let reader = readers.get(limit)
    if (!reader) {
      reader = express.raw({ type: () => true, limit })
      readers.set(limit, reader)
    }
    reader(req, res, next)
  }
  const changed = <T>(value: T): T => {
    onChange()
    return value
  }
  const filtered = async (user: User, q: z.infer<typeof taskQuery>) => {
    const unit = readableUnit(user, q.unit)
    const { tasks, standards } = await tasksOf(mc, now(), unit)
    return {
      standards,
      tasks: tasks.filter(
        (t) =>
          (q.standard === undefined || t.standardCode === q.standard) &&
          (q.status === undefined || t.status === q.status) &&
          (q.overdue === undefined || t.overdue === (q.overdue === 'true')),
      ),
    }
  }
  const reader = (res: Response) => {
    const user = writerOf(res)
    if (!isMaterialReader(user)) throw new Forbidden('仅创建办、指挥长和规划人员可查看台账完成情况')
    return user
  }

  return (
    Router()
      .get('/api/materials/schedule', async (_req, res) => {
        writerOf(res)
        res.json(scheduleView(mc.schedule, now()))
      })
      .get('/api/materials/tasks', async (req, res) => {
        const user = writerOf(res)
        const q = parseApiQuery(taskQuery, req.query)
        const { tasks } = await filtered(user, q)
        res.json({ schedule: scheduleView(mc.schedule, now()), items: tasks })
      })
      .get('/api/materials/completion', async (_req, res) => {
        reader(res)
        res.json(await completionOf(mc, now()))
      })
      .get('/api/materials/export.xlsx', async (req, res) => {
        const user = writerOf(res)
        const q = parseApiQuery(taskQuery, req.query)
        const { tasks } = await filtered(user, q)
        const { tasks: all, standards } = await tasksOf(mc, now(), readableUnit(user, q.unit))
        const names = new Map((await store.units()).map((u) => [u.code, u.name]))
        const body = await toMaterialsXlsx(
          tasks,
          materialCompletion(standards, all),
          (c) => names.get(c) ?? c,
        )
        const fileName = `台账材料-${mc.schedule.year}.xlsx`
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="materials-${mc.schedule.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        res.type(xlsxType).send(body)
      })
      .get('/api/materials/handovers', async (req, res) => {
        const user = writerOf(res)
        const { unit } = parseApiQuery(handoverQuery, req.query)
        const unitCode = readableUnit(user, unit)
        res.json({
          items: await store.handovers({
            year: mc.schedule.year,
            ...(unitCode !== undefined ? { unitCode } : {}),
          }),
        })
      })
      // POST /api/materials/handovers — material_submit; unit: a unit operator for their own unit
      .post('/api/materials/handovers', async (req, res) => {
        const input = parseJsonBody(handoverSchema, req)
        res.status(201).json(changed(await addHandover(mc, writerOf(res), input, now())))
      })
      // POST /api/materials/handovers/:id/receipt — material_review (创建办); county
      .post('/api/materials/handovers/:id/receipt', async (req, res) => {
        res.json(changed(await receiveHandover(mc, writerOf(res), req.params.id, now())))
      })
      // POST /api/materials — material_submit; unit: a unit operator opens their own unit's material
      .post('/api/materials', async (req, res) => {
        const user = writerOf(res)
        const input = parseJsonBody(openMaterialSchema, req)
        const m = changed(await openMaterial(mc, user, input, now()))
        res.status(201).json(toMaterialView(m, user, baseUrl(req)))
      })
      .get('/api/materials/:id', async (req, res) => {
        const user = writerOf(res)
        const m = await readableMaterial(store, user, req.params.id)
        res.json({
          ...toMaterialView(m, user, baseUrl(req)),
          events: await store.materialEvents(m.id),
        })
      })
      // PUT /api/materials/:id/report — material_submit; unit
      .put('/api/materials/:id/report', async (req, res) => {
        const user = writerOf(res)
        const report = parseJsonBody(reportSchema, req)
        const m = changed(await saveReport(mc, user, req.params.id, report, now()))
        res.json(toMaterialView(m, user, baseUrl(req)))
      })
      // POST /api/materials/:id/files — material_submit; unit. Raw body, X-File-Name (percent-encoded)
      .post('/api/materials/:id/files', requireWriter, raw, idempotency(ctx), async (req, res) => {
        const upload = { ...rawUpload(req), title: req.get('x-file-name') }
        const file = changed(
          await uploadFile(mc, writerOf(res), String(req.params.id), upload, now()),
        )
        res.status(201).json(toFileView(file, baseUrl(req)))
      })
      // DELETE /api/materials/:id/files/:fileId — material_submit; unit
      .delete('/api/materials/:id/files/:fileId', async (req, res) => {
        await removeFile(mc, writerOf(res), req.params.id, req.params.fileId, now())
        onChange()
        res.status(204).end()
      })
      // POST /api/materials/:id/submit — material_submit; unit
      .post('/api/materials/:id/submit', async (req, res) => {
        const user = writerOf(res)
        const m = changed(await actOn(mc, user, req.params.id, 'submit', undefined, now()))
        res.json(toMaterialView(m, user, baseUrl(req)))
      })
      // POST /api/materials/:id/review — material_review (创建办); county: 合格 or 退回 with a reason
      .post('/api/materials/:id/review', async (req, res) => {
        const user = writerOf(res)
        const { decision, reason } = parseJsonBody(reviewSchema, req)
        const m = changed(await actOn(mc, user, req.params.id, decision, reason, now()))
        res.json(toMaterialView(m, user, baseUrl(req)))
      })
      .get('/api/material-files/:id', async (req, res) => {
        const user = writerOf(res)
        const file = await store.materialFile(req.params.id)
        if (!file) throw new NotFound('没有这个文件')
        await readableMaterial(store, user, file.materialId)
        res.setHeader('Cache-Control', 'private, max-age=31536000, immutable') // content never changes
        res.setHeader(
          'Content-Disposition',
          `inline; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.title)}`,
        )
        res.sendFile(materialFilePath(attachmentsDir, file), {
          headers: { 'Content-Type': file.contentType },
        })
      })
  )
}
