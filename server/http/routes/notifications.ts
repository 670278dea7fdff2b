// GET /api/notifications (the caller's 消息中心: newest first, with the unread count) and
// POST /api/notifications/read (mark some or all read): signed-in people only, the display token and
// personal API tokens have no inbox. POST /api/issues/:id/urge and /api/units/:code/urge: 催办 by
// hand (督导员, 管理员). GET / PUT /api/admin/reminder-rules: the 催办规则 (管理员); GET
// /api/admin/deliveries: the outbox of webhook and SMS messages, failures included (管理员).
import { Router } from 'express'
import { z } from 'zod'
import { Forbidden } from '../../domain/errors.ts'
import { hasPermission } from '../../domain/roles.ts'
import {
  channelsBody,
  channelsInForce,
  reminderRulesBody,
  rulesInForce,
} from '../../reminders/reminder-rules.ts'
import { urgeIssue, urgeUnit } from '../../reminders/urge.ts'
import { writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { note } from './issue-actions.ts'

export const notificationsQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1, '至少为 1').max(200, '最多 200').default(50),
  })
  .strict()

export const markReadBody = z
  .object({ ids: z.array(z.number().int().min(1)).min(1).max(500).optional() })
  .strict()

export const deliveriesQuery = z
  .object({
    status: z.enum(['pending', 'sent', 'failed'], '状态须为 pending、sent 或 failed').optional(),
    limit: z.coerce.number().int().min(1, '至少为 1').max(500, '最多 500').default(100),
  })
  .strict()

export const urgeBody = z.object({ note }).strict()

export function notificationRoutes({ store, now, baseUrl }: AppContext): Router {
  return Router()
    .post('/api/issues/:id/urge', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(urgeBody, req)
      res.json(await urgeIssue(store, user, req.params.id, body.note, now(), baseUrl(req)))
    })
    .post('/api/units/:code/urge', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(urgeBody, req)
      res.json(await urgeUnit(store, user, req.params.code, body.note, now(), baseUrl(req)))
    })
    .get('/api/notifications', async (req, res) => {
      const { username } = writerOf(res)
      const { unread, limit } = parseApiQuery(notificationsQuery, req.query)
      const [items, unreadCount] = await Promise.all([
        store.notifications(username, { unreadOnly: unread === 'true', limit }),
        store.unreadCount(username),
      ])
      res.json({ items, unread: unreadCount })
    })
    .post('/api/notifications/read', async (req, res) => {
      const { username } = writerOf(res)
      const { ids } = parseJsonBody(markReadBody, req)
      const marked = await store.markRead(username, ids, now().toISOString())
      res.json({ marked, unread: await store.unreadCount(username) })
    })
    .get('/api/admin/reminder-rules', async (_req, res) => {
      const user = writerOf(res)
      if (!hasPermission(user, 'user_admin')) throw new Forbidden('仅管理员可查看催办规则')
      res.json(await rulesInForce(store))
    })
    .get('/api/admin/deliveries', async (req, res) => {
      const user = writerOf(res)
      if (!hasPermission(user, 'user_admin')) throw new Forbidden('仅管理员可查看消息发送记录')
      const options = parseApiQuery(deliveriesQuery, req.query)
      res.json({ items: await store.outbox(options) })
    })
    .get('/api/admin/reminder-channels', async (_req, res) => {
      const user = writerOf(res)
      if (!hasPermission(user, 'user_admin')) throw new Forbidden('仅管理员可查看发送渠道')
      res.json({ channels: await channelsInForce(store) })
    })
    .put('/api/admin/reminder-channels', async (req, res) => {
      writerOf(res)
      const { channels } = parseJsonBody(channelsBody, req)
      await store.saveReminderChannels(channels)
      res.json({ channels: await channelsInForce(store) })
    })
    .put('/api/admin/reminder-rules', async (req, res) => {
      const user = writerOf(res)
      const { rules } = parseJsonBody(reminderRulesBody, req)
      await store.saveReminderRules(rules, user.username, now().toISOString())
      res.json(await rulesInForce(store))
    })
}
