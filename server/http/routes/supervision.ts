// /api/rounds and /api/supervision/*: 督查轮次, period summaries, and the documents (督查通报, 整改通知书).
// Reads need 督导员, 指挥长 or 管理员 (a unit operator reads the issued notices of their unit); each write
// route states its role × scope below (domain/supervision.ts holds the table).
import { Router } from 'express'
import { z } from 'zod'
import { Forbidden, InvalidInput } from '../../domain/errors.ts'
import { roundKinds, targetKinds } from '../../domain/supervision.ts'
import { NotFound } from '../../ogc/exception.ts'
import { documentKinds } from '../../storage/supervision-store.ts'
import {
  createRound,
  registerVisit,
  roundDetail,
  updateRound,
} from '../../supervision/round-service.ts'
import { settingsSchema } from '../../supervision/settings.ts'
import {
  canRead,
  documentOr404,
  draftBulletin,
  draftNotice,
  editDraft,
  isSupervisionReader,
  issueDocument,
  periodOf,
  periodSummary,
  receiveNotice,
  renderDocument,
  roundOr404,
  settingsOf,
} from '../../supervision/supervision-service.ts'
import { type callerOf, writerOf } from '../auth.ts'
import { jsonWrite, parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { day, periodFields, roundId, text } from './fields.ts'

const date = day()
const person = z
  .object({ name: text(20), title: text(40).optional(), username: text(64).optional() })
  .strict()
const roundFields = {
  kind: z.enum(roundKinds),
  number: z.number().int().min(1).max(9999),
  name: text(60),
  startsOn: date,
  endsOn: date,
  teams: z
    .array(z.object({ name: text(30), leader: person, members: z.array(person).max(30) }).strict())
    .max(20),
  targets: z
    .array(
      z
        .object({
          kind: z.enum(targetKinds),
          code: text(64),
          name: text(60),
          visitedOn: date.optional(),
        })
        .strict(),
    )
    .max(200),
}
export const newRoundSchema = z.object(roundFields).strict()
export const roundChangesSchema = z.object(roundFields).partial().strict()

export const visitSchema = z.object({ kind: z.enum(targetKinds), code: text(64) }).strict()

// a period or a round: what a summary or a bulletin covers
export const periodQuery = z.object({ ...periodFields, round: roundId.optional() }).strict()
export const bulletinSchema = z.object({ ...periodFields, roundId: roundId.optional() }).strict()

export const noticeSchema = z
  .object({
    unitCode: text(64),
    issueIds: z.array(text(64)).min(1, '至少选择 1 个问题').max(50, '一份通知书最多 50 个问题'),
    requirement: text(1000).optional(),
  })
  .strict()

// what a draft's editor may change; numbers, periods and the unit stay as drafted
export const draftEditSchema = z
  .object({
    title: text(100).optional(),
    basics: z.array(z.string().max(2000)).max(20).optional(),
    problems: z
      .array(z.object({ heading: text(100), text: z.string().max(4000) }).strict())
      .max(30)
      .optional(),
    rankings: z.array(z.string().max(2000)).max(10).optional(),
    suggestions: z.string().max(6000).optional(),
    requirement: z.string().max(2000).optional(),
    intro: z.string().max(2000).optional(),
    reportTo: z.string().max(200).optional(),
    sendTo: z.string().max(200).optional(),
  })
  .strict()

export const listSchema = z.object({ kind: z.enum(documentKinds).optional() }).strict()

const contentTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const

export function supervisionRoutes(ctx: AppContext): Router {
  const { store, now, baseUrl, attachmentsDir } = ctx
  const assets = { attachmentsDir }

  /** The signed-in 督导员 / 指挥长 / 管理员; 401 or 403 otherwise. */
  const reader = (res: Parameters<typeof callerOf>[0]) => {
    const user = writerOf(res)
    if (!isSupervisionReader(user))
      throw new Forbidden('仅督导员、指挥长和管理员可查看督查轮次与督查文书')
    return user
  }

  return (
    Router()
      .get('/api/rounds', async (_req, res) => {
        reader(res)
        res.json({ items: await store.rounds() })
      })
      // POST /api/rounds — round_edit: 督导员, 管理员; any round
      .post(
        '/api/rounds',
        jsonWrite(newRoundSchema, (user, input) => createRound(store, user, input, now()), 201),
      )
      .get('/api/rounds/:id', async (req, res) => {
        reader(res)
        res.json(await roundDetail(store, req.params.id, now()))
      })
      // PATCH /api/rounds/:id — round_edit: 督导员, 管理员; any round
      .patch(
        '/api/rounds/:id',
        jsonWrite(roundChangesSchema, (user, changes, req) =>
          updateRound(store, user, String(req.params.id), changes, now()),
        ),
      )
      // POST /api/rounds/:id/visits — round_edit: 督导员, 管理员; a target of that round, dated today
      .post(
        '/api/rounds/:id/visits',
        jsonWrite(visitSchema, (user, target, req) =>
          registerVisit(store, user, String(req.params.id), target, now()),
        ),
      )
      .get('/api/supervision/summary', async (req, res) => {
        reader(res)
        const q = parseApiQuery(periodQuery, req.query)
        const at = now()
        const round = q.round ? await roundOr404(store, q.round) : undefined
        const { period } = await periodOf(
          store,
          { ...q, ...(q.round ? { roundId: q.round } : {}) },
          at,
        )
        res.json(await periodSummary(store, period, at, round))
      })
      .get('/api/supervision/settings', async (_req, res) => {
        reader(res)
        res.json(await settingsOf(store))
      })
      // PUT /api/supervision/settings — 管理员 only
      .put('/api/supervision/settings', async (req, res) => {
        const user = writerOf(res)
        if (user.role !== 'admin') throw new Forbidden('仅管理员可修改督查设置')
        const settings = parseJsonBody(settingsSchema, req)
        await store.saveSupervisionSettings(settings)
        res.json(settings)
      })
      .get('/api/supervision/documents', async (req, res) => {
        const user = writerOf(res)
        const { kind } = parseApiQuery(listSchema, req.query)
        if (user.role === 'unit-operator') {
          const mine = await store.documents({
            kind: 'notice',
            unitCode: user.unitCode ?? '\u0000',
          })
          res.json({ items: mine.filter((d) => d.status === 'issued') })
          return
        }
        reader(res)
        res.json({ items: await store.documents(kind ? { kind } : {}) })
      })
      .get('/api/supervision/documents/:id', async (req, res) => {
        const user = writerOf(res)
        const doc = await documentOr404(store, req.params.id)
        if (!canRead(user, doc)) throw new NotFound(`没有编号为 ${req.params.id} 的文书`)
        res.json(doc)
      })
      // GET …/file/docx|pdf: an issued document's archived bytes; a draft is rendered for preview
      .get('/api/supervision/documents/:id/file/:format', async (req, res) => {
        const user = writerOf(res)
        const format = req.params.format
        if (format !== 'docx' && format !== 'pdf') throw new NotFound('文件格式只有 docx 和 pdf')
        const doc = await documentOr404(store, req.params.id)
        if (!canRead(user, doc)) throw new NotFound(`没有编号为 ${req.params.id} 的文书`)
        const bytes =
          doc.status === 'issued'
            ? await store.documentFile(doc.id, format)
            : await renderDocument(store, doc, format, assets)
        if (!bytes) throw new NotFound('文书文件缺失')
        const name = `${doc.kind === 'bulletin' ? '督查通报' : '整改通知书'}-${doc.year ?? '草稿'}-${doc.number ?? doc.id}.${format}`
        res
          .type(contentTypes[format])
          .setHeader(
            'Content-Disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
        res.send(Buffer.from(bytes))
      })
      // POST /api/supervision/bulletins — document_draft: 督导员, 指挥长, 管理员; any period or round
      .post('/api/supervision/bulletins', async (req, res) => {
        const user = writerOf(res)
        const input = parseJsonBody(bulletinSchema, req)
        if (input.roundId === undefined && input.period === undefined) {
          throw new InvalidInput([
            { field: 'period', message: '请给出时段（period）或督查轮次（roundId）' },
          ])
        }
        res.status(201).json(await draftBulletin(store, user, input, now()))
      })
      // POST /api/supervision/notices — document_draft: 督导员, 指挥长, 管理员; issues of the named unit only
      .post('/api/supervision/notices', async (req, res) => {
        const user = writerOf(res)
        const input = parseJsonBody(noticeSchema, req)
        const base = baseUrl(req)
        const linkOf = (id: string) => `${base}/?panel=ledger&sel=issues/${encodeURIComponent(id)}`
        res.status(201).json(await draftNotice(store, user, input, linkOf, now()))
      })
      // PATCH /api/supervision/documents/:id — document_draft: 督导员, 指挥长, 管理员; drafts only
      .patch(
        '/api/supervision/documents/:id',
        jsonWrite(draftEditSchema, (user, edits, req) =>
          editDraft(store, user, String(req.params.id), edits, now()),
        ),
      )
      // POST …/:id/issue — document_issue: 督导员, 指挥长, 管理员; drafts only, numbered per kind and year
      .post('/api/supervision/documents/:id/issue', async (req, res) => {
        const user = writerOf(res)
        res.json(await issueDocument(store, user, req.params.id, assets, now()))
      })
      // POST …/:id/receipt — notice_receive: 责任单位经办人 of the addressed unit; issued notices only
      .post('/api/supervision/documents/:id/receipt', async (req, res) => {
        const user = writerOf(res)
        res.json(await receiveNotice(store, user, req.params.id, now()))
      })
  )
}
