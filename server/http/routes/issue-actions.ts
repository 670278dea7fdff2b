// POST /api/issues/:id/transitions (交办, 整改上报, 复查通过/不通过, 重新打开) and /notes.
import { Router } from 'express'
import { z } from 'zod'
import { addNote, transitionIssue } from '../../ledger/issue-writes.ts'
import { jsonWrite } from '../body.ts'
import type { AppContext } from '../context.ts'

export const maxNoteLength = 2000 // characters, as the client's form

export const note = z.string().trim().min(1).max(maxNoteLength)
const attachmentIds = z.array(z.string().min(1).max(64)).max(20)
const version = z.number().int().min(1)

// one schema per action, so a missing or stray field is named precisely
export const transitionSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('assign'),
      version,
      responsibleUnit: z.string().min(1).max(64),
      deadlineAt: z.iso.datetime({ offset: true }),
      note: note.optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('rectify'),
      version,
      note,
      attachmentIds: attachmentIds.optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('approve'),
      version,
      note: note.optional(),
      attachmentIds: attachmentIds.optional(),
    })
    .strict(),
  z
    .object({ action: z.literal('reject'), version, note, attachmentIds: attachmentIds.optional() })
    .strict(),
  z.object({ action: z.literal('reopen'), version, note }).strict(),
])

export const noteSchema = z.object({ note, attachmentIds: attachmentIds.optional() }).strict()

export function issueActionRoutes({ store, now }: AppContext): Router {
  return Router()
    .post(
      '/api/issues/:id/transitions',
      jsonWrite(transitionSchema, (user, input, req) =>
        transitionIssue(store, user, String(req.params.id), input, now()),
      ),
    )
    .post(
      '/api/issues/:id/notes',
      jsonWrite(
        noteSchema,
        (user, input, req) => addNote(store, user, String(req.params.id), input, now()),
        201,
      ),
    )
}
