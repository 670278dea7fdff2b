// 督查 Supervision: rounds, period summaries, documents (督查通报, 整改通知书) and 签收. Request schemas
// come from the route's zod schemas; responses are described loosely (objects) where they are large.

import { place } from '../../config/place.ts'
import { settingsSchema } from '../../supervision/settings.ts'
import {
  bulletinSchema,
  draftEditSchema,
  listSchema,
  newRoundSchema,
  noticeSchema,
  periodQuery,
  roundChangesSchema,
  visitSchema,
} from '../routes/supervision.ts'
import { anyObject, itemsOf, jsonResponse, pathParameter, requestSchema, tags } from './common.ts'
import { created, formatDownload, type Route, toPart } from './route-table.ts'

const roundId = pathParameter('id', '督查轮次编号，如 round-0001')
const documentId = pathParameter('id', '文书编号，如 doc-0001')
const documentFormats = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}
const roundExample = {
  kind: 'inspection',
  number: 16,
  name: '2026年第16期文明城市创建督查',
  startsOn: '2026-11-16',
  endsOn: '2026-11-22',
  teams: [
    {
      name: '第一督查组',
      leader: { name: '李明', title: '县委督查室主任' },
      members: [{ name: '王芳' }],
    },
  ],
  targets: [{ kind: 'township', code: place.seatTownship.code, name: place.seatTownship.name }],
}

const routes: Route[] = [
  {
    route: 'GET /api/rounds',
    operationId: 'listRounds',
    summary: '督查轮次列表（督导员、指挥长、管理员）',
    who: 'signedInRead',
    ok: jsonResponse('轮次', itemsOf(anyObject)),
    errors: [403],
  },
  {
    route: 'POST /api/rounds',
    operationId: 'createRound',
    summary: '创建督查轮次（督导员、管理员）',
    who: 'write',
    body: { schema: newRoundSchema, example: roundExample },
    ...created('新轮次', anyObject),
  },
  {
    route: 'GET /api/rounds/{id}',
    operationId: 'getRound',
    summary: '轮次详情：发现（GeoJSON）、路线、覆盖（已到/未到对象）与统计',
    who: 'signedInRead',
    params: [roundId],
    ok: jsonResponse('轮次详情', anyObject),
    errors: [403, 404],
  },
  {
    route: 'PATCH /api/rounds/{id}',
    operationId: 'updateRound',
    summary: '修改督查轮次（督导员、管理员）',
    who: 'write',
    params: [roundId],
    body: { schema: roundChangesSchema, example: { name: '第16期督查（调整）' } },
    ok: jsonResponse('轮次', anyObject),
    errors: [404],
  },
  {
    route: 'POST /api/rounds/{id}/visits',
    operationId: 'registerRoundVisit',
    summary: '登记到达：本轮某一督查对象今日（北京时间）已到（督导员、管理员）',
    description: '只改这一个对象；已登记的保留首次日期。对象不属本轮为 400。',
    who: 'write',
    params: [roundId],
    body: { schema: visitSchema, example: { kind: 'checkpoint', code: 'cp-0139' } },
    ok: jsonResponse('轮次', anyObject),
    errors: [404],
  },
  {
    route: 'GET /api/supervision/summary',
    operationId: 'supervisionSummary',
    summary: '时段统计：KPI、环比、单位完成情况、红黑榜、类别、逐日趋势',
    description: '时段按北京时间计，一周自周一 00:00 起；round 取轮次起止日期。',
    who: 'signedInRead',
    query: {
      schema: periodQuery,
      describe: {
        period: '本周 this-week、上周 last-week、本月 this-month、上月 last-month、自定义 custom',
        from: '自定义首日 YYYY-MM-DD',
        to: '自定义末日 YYYY-MM-DD（含）',
        round: '督查轮次编号',
      },
    },
    ok: jsonResponse('时段统计', anyObject),
    errors: [403, 404],
  },
  {
    route: 'GET /api/supervision/settings',
    operationId: 'supervisionSettings',
    summary: '督查设置：发文机关、报/发、文号前缀、排名最少问题数',
    who: 'signedInRead',
    ok: jsonResponse('设置', requestSchema(settingsSchema)),
    errors: [403],
  },
  {
    route: 'PUT /api/supervision/settings',
    operationId: 'saveSupervisionSettings',
    summary: '修改督查设置（管理员）',
    who: 'write',
    body: {
      schema: settingsSchema,
      example: {
        mastheadName: '督促检查情况',
        issuerName: place.documents.issuerName,
        reportTo: '县委、县政府主要领导',
        sendTo: '各乡镇党委、政府，县级各有关部门',
        noticePrefix: place.documents.noticePrefix,
        noticeIssuer: place.documents.issuerName,
        minIssuesToRank: 3,
      },
    },
    ok: jsonResponse('设置', anyObject),
  },
  {
    route: 'GET /api/supervision/documents',
    operationId: 'listSupervisionDocuments',
    summary: '督查文书列表；责任单位经办人只见发给本单位的已印发通知书',
    who: 'signedInRead',
    query: { schema: listSchema, describe: { kind: '通报 bulletin 或通知书 notice' } },
    ok: jsonResponse('文书', itemsOf(anyObject)),
    errors: [403],
  },
  {
    route: 'GET /api/supervision/documents/{id}',
    operationId: 'getSupervisionDocument',
    summary: '文书详情（内容、编号、印发与签收）',
    who: 'signedInRead',
    params: [documentId],
    ok: jsonResponse('文书', anyObject),
    errors: [404],
  },
  {
    route: 'PATCH /api/supervision/documents/{id}',
    operationId: 'editSupervisionDraft',
    summary: '修改草稿（标题、各段文字、下步工作建议、整改要求）；已印发的不能改',
    who: 'write',
    params: [documentId],
    body: {
      schema: draftEditSchema,
      example: {
        suggestions: '（一）各单位要立即整改。',
      },
    },
    ok: jsonResponse('草稿', anyObject),
    errors: [404],
  },
  {
    route: 'GET /api/supervision/documents/{id}/file/{format}',
    operationId: 'downloadSupervisionDocument',
    summary: '下载 DOCX 或 PDF：已印发的为存档原件，草稿为即时预览',
    who: 'signedInRead',
    ...formatDownload('文书文件', documentFormats, [documentId]),
  },
  {
    route: 'POST /api/supervision/bulletins',
    operationId: 'draftBulletin',
    summary: '起草督查通报（时段或轮次）',
    who: 'write',
    body: { schema: bulletinSchema, example: { period: 'last-week' } },
    ...created('草稿', anyObject),
    errors: [404],
  },
  {
    route: 'POST /api/supervision/notices',
    operationId: 'draftNotice',
    summary: '起草整改通知书（一个责任单位的若干问题）',
    who: 'write',
    body: {
      schema: noticeSchema,
      example: {
        unitCode: 'urban-management',
        issueIds: ['issue-00001'],
      },
    },
    ...created('草稿', anyObject),
  },
  {
    route: 'POST /api/supervision/documents/{id}/issue',
    operationId: 'issueSupervisionDocument',
    summary: '印发：按年编号、生成并存档 DOCX 与 PDF；通知书在所列问题上记一条事件',
    who: 'write',
    params: [documentId],
    ok: jsonResponse('已印发', anyObject),
    errors: [400, 404],
  },
  {
    route: 'POST /api/supervision/documents/{id}/receipt',
    operationId: 'receiveNotice',
    summary: '签收整改通知书（收文单位的经办人）',
    who: 'write',
    params: [documentId],
    ok: jsonResponse('已签收', anyObject),
    errors: [400, 404],
  },
]

export const supervisionPart = toPart(tags.supervision, routes)
