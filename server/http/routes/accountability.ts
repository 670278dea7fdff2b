// 问责 records: GET /api/accountability (filterable list, signed-in readers), GET
// /api/accountability/export.xlsx, GET /api/accountability/summary (counts by kind for a period,
// no names: the wall's footnote), POST /api/accountability (管理员, 指挥长), POST
// /api/accountability/:id/document (raw body, ≤ 5 MB, PDF or image by magic bytes) and GET
// /api/accountability/:id/document.
import express, { type Response, Router } from 'express'
import { z } from 'zod'
import { toAccountabilityXlsx } from '../../accountability/accountability-export.ts'
import {
  accountabilityBody,
  accountabilityQuery,
  documentPath,
  recordAccountability,
  saveAccountabilityDocument,
} from '../../accountability/accountability-service.ts'
import { type AccountabilityRecord, countByKind } from '../../domain/accountability.ts'
import { issueLabel } from '../../domain/issue-number.ts'
import { mediaTypes } from '../../exchange/export-file.ts'
import { maxAttachmentBytes } from '../../ledger/attachments.ts'
import { NotFound } from '../../ogc/exception.ts'
import type { Store } from '../../storage/store.ts'
import { requireWriter, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody, rawUpload } from '../body.ts'
import type { AppContext } from '../context.ts'
import { assertReader } from '../personal-data.ts'
import { day } from './fields.ts'

export const summaryQuery = z
  .object({
    from: day('日期须为 YYYY-MM-DD').optional(),
    to: day('日期须为 YYYY-MM-DD').optional(),
  })
  .strict()

/** Records with their target's name and their issues' 问题编号, without the stored file name. */
async function withNames(store: Store, records: readonly AccountabilityRecord[]) {
  const units = new Map((await store.units()).map((u) => [u.code, u.name]))
  const townships = new Map<string, string>()
  for (const r of records) {
    if (r.targetKind !== 'township' || townships.has(r.targetCode)) continue
    const feature = await store.feature('townships', r.targetCode)
    const name = feature ? (JSON.parse(feature).properties?.name as string | undefined) : undefined
    townships.set(r.targetCode, name ?? r.targetCode)
  }
  const labels = new Map<string, string>() // issue id → 问题编号
  for (const id of new Set(records.flatMap((r) => r.issueIds))) {
    const issue = await store.issue(id)
    labels.set(id, issue ? issueLabel(issue) : id)
  }
  return records.map((r) => {
    const { document, ...rest } = r
    return {
      ...rest,
      issueNos: r.issueIds.map((id) => labels.get(id) ?? id), // what people read, aligned with issueIds
      targetName:
        (r.targetKind === 'unit' ? units.get(r.targetCode) : townships.get(r.targetCode)) ??
        r.targetCode,
      ...(document
        ? {
            document: {
              contentType: document.contentType,
              bytes: document.bytes,
              uploadedAt: document.uploadedAt,
            },
          }
        : {}),
    }
  })
}

function filterOf(query: z.infer<typeof accountabilityQuery>) {
  return {
    ...(query.target ? { targetCode: query.target } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  }
}

function sendXlsx(res: Response, body: Buffer, fileName: string): void {
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="accountability.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  )
  res.type(mediaTypes.xlsx).send(body)
}

export function accountabilityRoutes({ store, now, attachmentsDir }: AppContext): Router {
  const raw = express.raw({ type: () => true, limit: maxAttachmentBytes })
  return Router()
    .get('/api/accountability', async (req, res) => {
      assertReader(res, '问责记录')
      const query = parseApiQuery(accountabilityQuery, req.query)
      const records = await store.accountabilityRecords(filterOf(query))
      res.json({ items: await withNames(store, records) })
    })
    .get('/api/accountability/export.xlsx', async (req, res) => {
      assertReader(res, '问责记录')
      const query = parseApiQuery(accountabilityQuery, req.query)
      const records = await withNames(store, await store.accountabilityRecords(filterOf(query)))
      sendXlsx(res, await toAccountabilityXlsx(records), '问责台账.xlsx')
    })
    .get('/api/accountability/summary', async (req, res) => {
      const query = parseApiQuery(summaryQuery, req.query)
      const records = await store.accountabilityRecords(query)
      const units = new Map<string, number>()
      for (const r of records) {
        if (r.targetKind === 'unit') units.set(r.targetCode, (units.get(r.targetCode) ?? 0) + 1)
      }
      res.json({
        total: records.length,
        byKind: countByKind(records),
        units: [...units].map(([code, count]) => ({ code, count })),
      })
    })
    .post('/api/accountability', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(accountabilityBody, req)
      const record = await recordAccountability(store, user, body, now())
      res.status(201).json((await withNames(store, [record]))[0])
    })
    .post('/api/accountability/:id/document', requireWriter, raw, async (req, res) => {
      const upload = rawUpload(req)
      const document = await saveAccountabilityDocument(
        store,
        attachmentsDir,
        writerOf(res),
        String(req.params.id),
        upload,
        now(),
      )
      res.status(201).json({ contentType: document.contentType, bytes: document.bytes })
    })
    .get('/api/accountability/:id/document', async (req, res) => {
      assertReader(res, '问责文书')
      const record = await store.accountability(req.params.id)
      if (!record?.document) throw new NotFound('这条问责记录没有文书')
      res.setHeader('Cache-Control', 'private, no-cache')
      res.sendFile(documentPath(attachmentsDir, record.document), {
        headers: { 'Content-Type': record.document.contentType },
      })
    })
}
