// Photos: POST /api/issues/:id/attachments (raw body, ≤ 5 MB, JPEG/PNG/WebP by magic bytes) and
// GET /api/attachments/:id (the image, its own type, nosniff).

import express, { Router } from 'express'
import { attachmentPath, maxAttachmentBytes, saveAttachment } from '../../ledger/attachments.ts'
import { NotFound } from '../../ogc/exception.ts'
import type { AttachmentRecord } from '../../storage/ledger-store.ts'
import { requireWriter, writerOf } from '../auth.ts'
import { rawUpload } from '../body.ts'
import type { AppContext } from '../context.ts'
import { idempotency } from '../idempotency.ts'
import { assertReader } from '../personal-data.ts'

/** What the API shows of an attachment: no file name, a URL to fetch it. */
export function toAttachmentView(a: AttachmentRecord, baseUrl: string) {
  const { id, issueId, contentType, bytes, createdAt } = a
  return { id, issueId, contentType, bytes, createdAt, url: `${baseUrl}/api/attachments/${id}` }
}

export function attachmentRoutes(ctx: AppContext): Router {
  const { store, now, baseUrl, attachmentsDir } = ctx
  const raw = express.raw({ type: () => true, limit: maxAttachmentBytes })
  // the photo's bytes are read by `raw`, within its limit, before the Idempotency-Key is checked
  return Router()
    .post('/api/issues/:id/attachments', requireWriter, raw, idempotency(ctx), async (req, res) => {
      const upload = rawUpload(req)
      const record = await saveAttachment(
        store,
        attachmentsDir,
        writerOf(res),
        String(req.params.id),
        upload,
        now(),
      )
      res.status(201).json(toAttachmentView(record, baseUrl(req)))
    })
    .get('/api/attachments/:id', async (req, res) => {
      assertReader(res, '现场照片')
      const record = await store.attachment(req.params.id)
      if (!record) throw new NotFound('没有这张照片')
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable') // content never changes
      res.sendFile(attachmentPath(attachmentsDir, record), {
        headers: { 'Content-Type': record.contentType },
      })
    })
}
