// /api/issues: the ledger list (filters, sort, paging), one issue with its history and photos, and
// reporting a new issue (the server fills township and grid from the position).

import { Router } from 'express'
import { z } from 'zod'
import { issueCategories } from '../../domain/issue.ts'
import { publicEvent } from '../../domain/personal-data.ts'
import { issueSources } from '../../domain/supervision.ts'
import { toIssueView } from '../../ledger/issue-view.ts'
import { issueOr404, reportIssue } from '../../ledger/issue-writes.ts'
import { callerOf, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { isAnonymous } from '../personal-data.ts'
import { toAttachmentView } from './attachments.ts'
import { issueListSchema, toIssueListQuery } from './issue-query.ts'

export const maxDescriptionLength = 500 // characters, as the client's form

export const reportSchema = z
  .object({
    lngLat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    category: z.enum(issueCategories),
    description: z.string().trim().min(2).max(maxDescriptionLength),
    checkpointId: z.string().min(1).max(64).optional(),
    source: z.enum(issueSources).optional(), // 问题来源; default from the round or the reporter's role
    roundId: z
      .string()
      .regex(/^round-\d{1,9}$/, '督查轮次编号形如 round-0001')
      .optional(),
  })
  .strict()

export function issueRoutes(ctx: AppContext): Router {
  const { store, now, baseUrl } = ctx
  return Router()
    .get('/api/issues', async (req, res) => {
      const params = parseApiQuery(issueListSchema, req.query)
      const at = now()
      const page = await store.listIssues(toIssueListQuery(params, at))
      const user = callerOf(res)?.user
      const items = page.items.map((issue) => toIssueView(issue, user, at))
      res.json({ items, total: page.total, limit: params.limit, offset: params.offset })
    })
    .get('/api/issues/:id', async (req, res) => {
      const issue = await issueOr404(store, req.params.id)
      const [events, attachments] = await Promise.all([
        store.issueEvents(issue.id),
        store.issueAttachments(issue.id),
      ])
      const anonymous = isAnonymous(res)
      res.json({
        ...toIssueView(issue, callerOf(res)?.user, now()),
        events: anonymous ? events.map(publicEvent) : events,
        attachments: anonymous ? [] : attachments.map((a) => toAttachmentView(a, baseUrl(req))),
      })
    })
    .post('/api/issues', async (req, res) => {
      const user = writerOf(res)
      const input = parseJsonBody(reportSchema, req)
      res.status(201).json(await reportIssue(store, user, input, now()))
    })
}
