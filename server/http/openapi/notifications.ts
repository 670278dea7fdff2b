// 消息中心 Notifications: the caller's inbox, marking read, and 催办 by hand.
import { channelsBody, reminderRulesBody } from '../../reminders/reminder-rules.ts'
import {
  deliveriesQuery,
  markReadBody,
  notificationsQuery,
  urgeBody,
} from '../routes/notifications.ts'
import { itemsOf, jsonResponse, pathParameter, requestSchema, t, tags } from './common.ts'
import { type Route, toPart } from './route-table.ts'

const notification = t.object(
  {
    id: t.integer,
    kind: { type: 'string', enum: ['reminder', 'urge', 'escalation', 'digest'] },
    title: t.string,
    body: t.string,
    issueId: t.string,
    createdAt: t.dateTime,
    readAt: t.dateTime,
  },
  ['id', 'kind', 'title', 'body', 'createdAt'],
)
const urged = t.object({ urged: t.array(t.string), notified: t.integer }, ['urged', 'notified'])
const reminderRule = t.object(
  {
    id: t.string,
    name: t.string,
    hoursFromDeadline: t.integer,
    to: { type: 'string', enum: ['unit', 'township', 'office', 'commander'] },
    category: t.string,
    unitCode: t.string,
  },
  ['id', 'name', 'hoursFromDeadline', 'to'],
)
const rulesInForce = t.object(
  {
    rules: t.array(reminderRule),
    source: { type: 'string', enum: ['default', 'saved'] },
    updatedBy: t.string,
    updatedAt: t.dateTime,
  },
  ['rules', 'source'],
)
const delivery = t.object(
  {
    id: t.integer,
    channelId: t.string,
    message: t.object({ title: t.string, body: t.string, link: t.string }, ['title', 'body']),
    status: { type: 'string', enum: ['pending', 'sent', 'failed'] },
    attempts: t.integer,
    nextAt: t.dateTime,
    lastError: t.string,
    createdAt: t.dateTime,
    doneAt: t.dateTime,
  },
  ['id', 'channelId', 'message', 'status', 'attempts', 'nextAt', 'createdAt'],
)
const channelsExample = {
  channels: [
    {
      id: 'um-wecom',
      name: '城管局工作群',
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
      format: 'markdown',
      unitCodes: ['urban-management'],
    },
  ],
}
const responseSchemaOf = requestSchema
const rulesExample = {
  rules: [
    { id: 'before-24h', name: '到期前 24 小时提醒', hoursFromDeadline: -24, to: 'unit' },
    { id: 'overdue', name: '逾期催办', hoursFromDeadline: 0, to: 'unit' },
    { id: 'overdue-3d', name: '逾期 3 天升级至乡镇', hoursFromDeadline: 72, to: 'township' },
  ],
}
const urgeExample = { note: '请于明日 12 时前完成整改并上传照片' }

const routes: Route[] = [
  {
    route: 'GET /api/admin/deliveries',
    operationId: 'listDeliveries',
    summary: '群机器人与短信的发送记录（管理员），新的在前；failed 为重试用尽或被拒收',
    who: 'signedInRead',
    query: deliveriesQuery,
    ok: jsonResponse('发送记录', itemsOf(delivery)),
    errors: [403],
  },
  {
    route: 'GET /api/admin/reminder-channels',
    operationId: 'getReminderChannels',
    summary: '催办消息的发送渠道（管理员）：企业微信、钉钉群机器人与通用 JSON 网络钩子',
    who: 'signedInRead',
    ok: jsonResponse('发送渠道', responseSchemaOf(channelsBody)),
    errors: [403],
  },
  {
    route: 'PUT /api/admin/reminder-channels',
    operationId: 'saveReminderChannels',
    summary: '整体替换发送渠道（管理员）；钉钉加签填 secret；unitCodes 限定只转发这些单位的问题',
    who: 'write',
    body: { schema: channelsBody, example: channelsExample },
    ok: jsonResponse('保存后的发送渠道', responseSchemaOf(channelsBody)),
  },
  {
    route: 'GET /api/admin/reminder-rules',
    operationId: 'getReminderRules',
    summary: '现行催办规则（管理员）：保存过的规则，否则为默认规则',
    who: 'signedInRead',
    ok: jsonResponse('现行催办规则', rulesInForce),
    errors: [403],
  },
  {
    route: 'PUT /api/admin/reminder-rules',
    operationId: 'saveReminderRules',
    summary:
      '整体替换催办规则（管理员）：到期前提醒为负小时数，到期催办为 0，逾期升级为正小时数；可限定问题类别或责任单位',
    who: 'write',
    body: { schema: reminderRulesBody, example: rulesExample },
    ok: jsonResponse('保存后的现行催办规则', rulesInForce),
  },
  {
    route: 'GET /api/notifications',
    operationId: 'listNotifications',
    summary: '我的消息（到期提醒、逾期催办、升级、汇总），新的在前',
    who: 'signedInRead',
    query: notificationsQuery,
    ok: jsonResponse('消息与未读数', itemsOf(notification, { unread: t.integer })),
    errors: [403],
  },
  {
    route: 'POST /api/notifications/read',
    operationId: 'markNotificationsRead',
    summary: '标记已读（给出 ids 只标这些，否则全部）；只能标自己的消息',
    who: 'write',
    body: { schema: markReadBody, example: { ids: [1] } },
    ok: jsonResponse(
      '标记的条数与剩余未读数',
      t.object({ marked: t.integer, unread: t.integer }, ['marked', 'unread']),
    ),
  },
  {
    route: 'POST /api/issues/{id}/urge',
    operationId: 'urgeIssue',
    summary:
      '催办一个问题（督导员、管理员）：问题记录中加一条「催办：…」，并给责任单位经办人发消息',
    who: 'write',
    params: [pathParameter('id', '问题编号，如 issue-00001')],
    body: { schema: urgeBody, example: urgeExample },
    ok: jsonResponse('已催办的问题与收到消息的人数', urged),
    errors: [404],
  },
  {
    route: 'POST /api/units/{code}/urge',
    operationId: 'urgeUnit',
    summary: '催办一个责任单位的全部逾期问题（督导员、管理员）：一条消息',
    who: 'write',
    params: [pathParameter('code', '责任单位代码，如 urban-management')],
    body: { schema: urgeBody, example: urgeExample },
    ok: jsonResponse('已催办的问题与收到消息的人数', urged),
  },
]

export const notificationsPart = toPart(tags.notifications, routes)
