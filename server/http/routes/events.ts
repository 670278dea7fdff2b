// GET /api/events/recent (the wall's feed: newest events with what they concern) and
// GET /api/events/stream (Server-Sent Events, see events-stream.ts). Reads only.

import { Router } from 'express'
import { InvalidInput } from '../../domain/errors.ts'
import type { IssueState } from '../../domain/issue.ts'
import { publicEvent } from '../../domain/personal-data.ts'
import type { LiveLedger } from '../../live/live-ledger.ts'
import type { WallViews } from '../../live/wall-views.ts'
import { parseApiQuery, toFieldErrors } from '../body.ts'
import type { AppContext } from '../context.ts'
import { serveEventStream } from './events-stream.ts'
import { lastEventIdSchema, recentSchema, streamSchema } from './stats-query.ts'

export function eventRoutes(
  { store, now }: AppContext,
  live: LiveLedger,
  views?: WallViews,
): Router {
  return Router()
    .get('/api/events/recent', async (req, res) => {
      const { limit } = parseApiQuery(recentSchema, req.query)
      await live.ready
      const asOfEventSeq = live.lastSeq
      const events = await store.latestIssueEvents(limit)
      const states = new Map<string, IssueState | undefined>()
      for (const { issueId } of events) {
        if (!states.has(issueId)) states.set(issueId, await store.issue(issueId))
      }
      res.json({
        events: events.map((event) => {
          const p = states.get(event.issueId)?.properties
          return {
            ...publicEvent(event), // the wall's feed names roles, not people
            issueNo: p?.issueNo ?? null, // 问题编号, what the feed shows
            category: p?.category ?? null,
            description: p?.description ?? null,
            status: p?.status ?? null, // now, not at the event
            townshipCode: p?.townshipCode ?? null,
            townshipName: (p && live.townshipNames.get(p.townshipCode)) ?? null,
            gridCode: p?.gridCode ?? null,
            responsibleUnit: p?.responsibleUnit ?? null,
            source: p?.source ?? null, // 问题来源
          }
        }),
        generatedAt: now().toISOString(),
        asOfEventSeq: Math.max(asOfEventSeq, events[0]?.seq ?? 0),
      })
    })
    .get('/api/events/stream', async (req, res) => {
      const { lastEventId, views: wantsViews } = parseApiQuery(streamSchema, req.query)
      const header = req.get('last-event-id')
      const raw = header ?? lastEventId
      let afterSeq: number | undefined
      if (raw !== undefined && raw !== '') {
        const parsed = lastEventIdSchema.safeParse(raw)
        if (!parsed.success) {
          const [error] = toFieldErrors(parsed.error)
          const field = header !== undefined ? 'Last-Event-ID' : 'lastEventId'
          throw new InvalidInput([{ field, message: error?.message ?? '无效' }])
        }
        afterSeq = parsed.data
      }
      await live.ready
      await serveEventStream(req, res, live, afterSeq, wantsViews ? views : undefined)
    })
}
