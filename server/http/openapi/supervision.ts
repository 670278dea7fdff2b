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
import {
  arrayOf,
  errors,
  fileResponse,
  jsonBody,
  jsonResponse,
  type OpenApiPart,
  objectOf,
  operation,
  pathParameter,
  queryParameters,
  requestSchema,
  security,
  tags,
} from './common.ts'

const t = [tags.supervision]
const anyObject = { type: 'object' }
const roundId = pathParameter('id', '督查轮次编号，如 round-0001')
const documentId = pathParameter('id', '文书编号，如 doc-0001')
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

export const supervisionPart: OpenApiPart = {
  paths: {
    '/api/rounds': {
      get: operation('get', {
        tags: t,
        operationId: 'listRounds',
        summary: '督查轮次列表（督导员、指挥长、管理员）',
        security: security.signedInRead,
        responses: {
          '200': jsonResponse('轮次', objectOf({ items: arrayOf(anyObject) }, ['items'])),
          ...errors(401, 403),
        },
      }),
      post: operation('post', {
        tags: t,
        operationId: 'createRound',
        summary: '创建督查轮次（督导员、管理员）',
        security: security.write,
        requestBody: jsonBody(requestSchema(newRoundSchema), roundExample),
        responses: { '201': jsonResponse('新轮次', anyObject), ...errors(400, 401, 403, 415) },
      }),
    },
    '/api/rounds/{id}': {
      get: operation('get', {
        tags: t,
        operationId: 'getRound',
        summary: '轮次详情：发现（GeoJSON）、路线、覆盖（已到/未到对象）与统计',
        security: security.signedInRead,
        parameters: [roundId],
        responses: { '200': jsonResponse('轮次详情', anyObject), ...errors(401, 403, 404) },
      }),
      patch: operation('patch', {
        tags: t,
        operationId: 'updateRound',
        summary: '修改督查轮次（督导员、管理员）',
        security: security.write,
        parameters: [roundId],
        requestBody: jsonBody(requestSchema(roundChangesSchema), { name: '第16期督查（调整）' }),
        responses: { '200': jsonResponse('轮次', anyObject), ...errors(400, 401, 403, 404, 415) },
      }),
    },
    '/api/rounds/{id}/visits': {
      post: operation('post', {
        tags: t,
        operationId: 'registerRoundVisit',
        summary: '登记到达：本轮某一督查对象今日（北京时间）已到（督导员、管理员）',
        description: '只改这一个对象；已登记的保留首次日期。对象不属本轮为 400。',
        security: security.write,
        parameters: [roundId],
        requestBody: jsonBody(requestSchema(visitSchema), { kind: 'checkpoint', code: 'cp-0139' }),
        responses: { '200': jsonResponse('轮次', anyObject), ...errors(400, 401, 403, 404, 415) },
      }),
    },
    '/api/supervision/summary': {
      get: operation('get', {
        tags: t,
        operationId: 'supervisionSummary',
        summary: '时段统计：KPI、环比、单位完成情况、红黑榜、类别、逐日趋势',
        description: '时段按北京时间计，一周自周一 00:00 起；round 取轮次起止日期。',
        security: security.signedInRead,
        parameters: queryParameters(periodQuery, {
          period: '本周 this-week、上周 last-week、本月 this-month、上月 last-month、自定义 custom',
          from: '自定义首日 YYYY-MM-DD',
          to: '自定义末日 YYYY-MM-DD（含）',
          round: '督查轮次编号',
        }),
        responses: { '200': jsonResponse('时段统计', anyObject), ...errors(400, 401, 403, 404) },
      }),
    },
    '/api/supervision/settings': {
      get: operation('get', {
        tags: t,
        operationId: 'supervisionSettings',
        summary: '督查设置：发文机关、报/发、文号前缀、排名最少问题数',
        security: security.signedInRead,
        responses: {
          '200': jsonResponse('设置', requestSchema(settingsSchema)),
          ...errors(401, 403),
        },
      }),
      put: operation('put', {
        tags: t,
        operationId: 'saveSupervisionSettings',
        summary: '修改督查设置（管理员）',
        security: security.write,
        requestBody: jsonBody(requestSchema(settingsSchema), {
          mastheadName: '督促检查情况',
          issuerName: place.documents.issuerName,
          reportTo: '县委、县政府主要领导',
          sendTo: '各乡镇党委、政府，县级各有关部门',
          noticePrefix: place.documents.noticePrefix,
          noticeIssuer: place.documents.issuerName,
          minIssuesToRank: 3,
        }),
        responses: { '200': jsonResponse('设置', anyObject), ...errors(400, 401, 403, 415) },
      }),
    },
    '/api/supervision/documents': {
      get: operation('get', {
        tags: t,
        operationId: 'listSupervisionDocuments',
        summary: '督查文书列表；责任单位经办人只见发给本单位的已印发通知书',
        security: security.signedInRead,
        parameters: queryParameters(listSchema, { kind: '通报 bulletin 或通知书 notice' }),
        responses: {
          '200': jsonResponse('文书', objectOf({ items: arrayOf(anyObject) }, ['items'])),
          ...errors(400, 401, 403),
        },
      }),
    },
    '/api/supervision/documents/{id}': {
      get: operation('get', {
        tags: t,
        operationId: 'getSupervisionDocument',
        summary: '文书详情（内容、编号、印发与签收）',
        security: security.signedInRead,
        parameters: [documentId],
        responses: { '200': jsonResponse('文书', anyObject), ...errors(401, 404) },
      }),
      patch: operation('patch', {
        tags: t,
        operationId: 'editSupervisionDraft',
        summary: '修改草稿（标题、各段文字、下步工作建议、整改要求）；已印发的不能改',
        security: security.write,
        parameters: [documentId],
        requestBody: jsonBody(requestSchema(draftEditSchema), {
          suggestions: '（一）各单位要立即整改。',
        }),
        responses: { '200': jsonResponse('草稿', anyObject), ...errors(400, 401, 403, 404, 415) },
      }),
    },
    '/api/supervision/documents/{id}/file/{format}': {
      get: operation('get', {
        tags: t,
        operationId: 'downloadSupervisionDocument',
        summary: '下载 DOCX 或 PDF：已印发的为存档原件，草稿为即时预览',
        security: security.signedInRead,
        parameters: [
          documentId,
          pathParameter('format', '文件格式', { type: 'string', enum: ['docx', 'pdf'] }),
        ],
        responses: {
          '200': fileResponse('文书文件', [
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'application/pdf',
          ]),
          ...errors(401, 404),
        },
      }),
    },
    '/api/supervision/bulletins': {
      post: operation('post', {
        tags: t,
        operationId: 'draftBulletin',
        summary: '起草督查通报（时段或轮次）',
        security: security.write,
        requestBody: jsonBody(requestSchema(bulletinSchema), { period: 'last-week' }),
        responses: { '201': jsonResponse('草稿', anyObject), ...errors(400, 401, 403, 404, 415) },
      }),
    },
    '/api/supervision/notices': {
      post: operation('post', {
        tags: t,
        operationId: 'draftNotice',
        summary: '起草整改通知书（一个责任单位的若干问题）',
        security: security.write,
        requestBody: jsonBody(requestSchema(noticeSchema), {
          unitCode: 'urban-management',
          issueIds: ['issue-00001'],
        }),
        responses: { '201': jsonResponse('草稿', anyObject), ...errors(400, 401, 403, 415) },
      }),
    },
    '/api/supervision/documents/{id}/issue': {
      post: operation('post', {
        tags: t,
        operationId: 'issueSupervisionDocument',
        summary: '印发：按年编号、生成并存档 DOCX 与 PDF；通知书在所列问题上记一条事件',
        security: security.write,
        parameters: [documentId],
        responses: { '200': jsonResponse('已印发', anyObject), ...errors(400, 401, 403, 404) },
      }),
    },
    '/api/supervision/documents/{id}/receipt': {
      post: operation('post', {
        tags: t,
        operationId: 'receiveNotice',
        summary: '签收整改通知书（收文单位的经办人）',
        security: security.write,
        parameters: [documentId],
        responses: { '200': jsonResponse('已签收', anyObject), ...errors(400, 401, 403, 404) },
      }),
    },
  },
}
