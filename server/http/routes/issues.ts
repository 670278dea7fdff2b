// /api/issues: the ledger list (filters, sort, paging), one issue with its history and photos, and
// reporting a new issue (the server fills township and grid from the position).

import { Router } from 'express'
import { z } from 'zod'
import { issueCategories } from '../../domain/issue.ts'
import { publicEvent } from '../../domain/personal-data.ts'
import { ownIssueFilter, type User } from '../../domain/roles.ts'
import { issueSources } from '../../domain/supervision.ts'
import { toIssueView } from '../../ledger/issue-view.ts'
import { issueOr404, reportIssue } from '../../ledger/issue-writes.ts'
import { nearbyIssues } from '../../ledger/nearby-issues.ts'
import { callerOf, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { Unauthorized } from '../errors.ts'
import { isAnonymous } from '../personal-data.ts'
import { toAttachmentView } from './attachments.ts'
import { roundId } from './fields.ts'
import { issueListSchema, toIssueListQuery } from './issue-query.ts'

export const maxDescriptionLength = 500 // characters, as the client's form

export const reportSchema = z
  .object({
    lngLat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    category: z.enum(issueCategories),
    description: z.string().trim().min(2).max(maxDescriptionLength),
    checkpointId: z.string().min(1).max(64).optional(),
    source: z.enum(issueSources).optional(), // 问题来源; default from the round or the reporter's role
    roundId: roundId.optional(),
  })
  .strict()

// GET /api/issues/nearby?lngLat=100.306,25.23&category=…&radius=50 — the duplicate check before a report
export const nearbySchema = z
  .object({
    lngLat: z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?$/, '位置格式为 经度,纬度（如 100.306,25.23）')
      .transform((v) => v.split(',').map(Number) as [number, number])
      .refine(([lng, lat]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90, '经纬度超出范围'),
    category: z.enum(issueCategories).optional(),
    radius: z
      .string()
      .regex(/^\d{1,4}$/, '半径为整数米')
      .transform(Number)
      .pipe(z.number().min(1, '半径至少 1 米').max(500, '半径最大 500 米'))
      .default(50), // metres: a report this close is probably the same problem
    limit: z
      .string()
      .regex(/^\d{1,3}$/, '应为正整数')
      .transform(Number)
      .pipe(z.number().min(1, '至少为 1').max(50, '最大为 50'))
      .default(10),
  })
  .strict()

/** mine=true: the caller's own issues; without a session there is nothing that is one's own. */
function ownFilterOf(user: User | undefined): object {
  if (!user) {
    throw new Unauthorized('“我的任务”（mine=true）需要先登录')
  }
  return ownIssueFilter(user) ?? {}
}

export function issueRoutes(ctx: AppContext): Router {
  const { store, now, baseUrl } = ctx
  return Router()
    .get('/api/issues', async (req, res) => {
      const params = parseApiQuery(issueListSchema, req.query)
      const at = now()
      const user = callerOf(res)?.user
      const query = toIssueListQuery(params, at)
      if (params.mine) Object.assign(query, ownFilterOf(user))
      const page = await store.listIssues(query)
      const items = page.items.map((issue) => toIssueView(issue, user, at))
      res.json({ items, total: page.total, limit: params.limit, offset: params.offset })
    })
    .get('/api/issues/nearby', async (req, res) => {
      const p = parseApiQuery(nearbySchema, req.query)
      const query = { lngLat: p.lngLat, radiusMeters: p.radius, limit: p.limit }
      const items = await nearbyIssues(
        store,
        p.category ? { ...query, category: p.category } : query,
        callerOf(res)?.user,
        now(),
      )
      res.json({ items, radiusMeters: p.radius })
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
