// 问题台账 Ledger: the issue list, one issue, reporting, transitions, notes and photos; the units.

import { place } from '../../config/place.ts'
import { maxAttachmentBytes } from '../../ledger/attachments.ts'
import { noteSchema, transitionSchema } from '../routes/issue-actions.ts'
import { issueListSchema } from '../routes/issue-query.ts'
import { nearbySchema, reportSchema } from '../routes/issues.ts'
import {
  filterDescriptions,
  itemsOf,
  jsonResponse,
  pathParameter,
  schemaRef,
  t,
  tags,
} from './common.ts'
import { created, fileUpload, type Route, storedFile, toPart } from './route-table.ts'

export const issueFilterDescriptions: Record<string, string> = {
  status: '状态',
  category: '问题类别',
  township: filterDescriptions.township,
  grid: filterDescriptions.grid,
  unit: filterDescriptions.unit,
  overdue: '是否逾期（true/false，也接受 1/0）',
  q: '按编号或描述的一部分查找',
  source: '问题来源',
  round: '督查轮次编号，如 round-0001',
  period: '发现时间所在时段（北京时间，周一 00:00 起算一周）；custom 须同时给出 from 和 to',
  from: '自定义时段的首日 YYYY-MM-DD（北京时间）',
  to: '自定义时段的末日 YYYY-MM-DD（含当日）',
  sort: '排序，- 表示倒序',
}

const issueId = pathParameter('id', '问题编号，如 issue-00001')
const imageTypes = ['image/jpeg', 'image/png', 'image/webp']

const routes: Route[] = [
  {
    route: 'GET /api/issues',
    operationId: 'listIssues',
    summary: '问题列表（筛选、排序、分页）',
    description:
      '未知或重复的参数 → 400。allowedActions 是调用者现在可做的流转（可备注时另含 note）；匿名与大屏为 []。',
    who: 'read',
    query: {
      schema: issueListSchema,
      describe: {
        ...issueFilterDescriptions,
        mine: '我的任务（true 或 1）：只看调用者的问题：单位操作员为本单位负责的问题，网格长和网格员为所负责网格内的问题，其他角色不受限；需登录，未登录 → 401',
        limit: '每页条数',
        offset: filterDescriptions.offset,
      },
      overrides: { limit: { maximum: 500 } },
    },
    ok: jsonResponse(
      '一页问题',
      itemsOf(schemaRef('issueView'), {
        total: t.integer,
        limit: t.integer,
        offset: t.integer,
      }),
    ),
  },
  {
    route: 'POST /api/issues',
    operationId: 'reportIssue',
    summary: '上报问题（督导员、管理员）',
    description:
      '服务器按位置填写乡镇和网格（县域外 → 400），建议的责任单位为网格的单位，建议期限按类别计算。',
    who: 'write',
    body: {
      schema: reportSchema,
      example: {
        lngLat: place.defaultView.center,
        category: 'street-vending',
        description: `${place.seatTownship.name}路口占道经营，摊位占用人行道`,
      },
    },
    ...created('新问题', schemaRef('issueView')),
  },
  {
    route: 'GET /api/issues/nearby',
    operationId: 'nearbyIssues',
    summary: '附近的未销号问题（上报前的重复检查）',
    description:
      '位置周围 radius 米内、未销号的问题，由近及远，每条带 distanceMeters（四舍五入到米）。只读；不含个人信息。',
    who: 'read',
    query: {
      schema: nearbySchema,
      describe: {
        lngLat: '位置：经度,纬度（WGS84）',
        category: '只看这一问题类别',
        radius: '半径（米）',
        limit: '最多返回条数（由近及远）',
      },
    },
    ok: jsonResponse(
      '附近的问题',
      itemsOf(
        {
          allOf: [
            schemaRef('issueView'),
            t.object({ distanceMeters: t.integer }, ['distanceMeters']),
          ],
        },
        { radiusMeters: t.integer },
      ),
    ),
  },
  {
    route: 'GET /api/issues/{id}',
    operationId: 'getIssue',
    summary: '问题详情：流转记录与照片',
    who: 'read',
    params: [issueId],
    ok: jsonResponse('问题', {
      allOf: [
        schemaRef('issueView'),
        t.object(
          {
            events: t.array(schemaRef('issueEvent')),
            attachments: t.array(schemaRef('attachment')),
          },
          ['events', 'attachments'],
        ),
      ],
    }),
    errors: [404],
  },
  {
    route: 'POST /api/issues/{id}/transitions',
    operationId: 'transitionIssue',
    summary: '流转：交办、整改上报、复查通过/不通过、重新打开',
    description:
      '每个 action 有自己的字段（多余字段 → 400）。检查顺序：401 → 400 请求体 → 403 角色 → 404 → 409 版本过期/状态不符 → 403 非本人范围 → 400 字段值。',
    who: 'write',
    params: [issueId],
    body: {
      schema: transitionSchema,
      example: {
        action: 'assign',
        version: 1,
        responsibleUnit: 'urban-management',
        deadlineAt: '2026-11-25T02:00:00Z',
        note: '请三日内整改',
      },
    },
    ok: jsonResponse('流转后的问题', schemaRef('issueView')),
    errors: [404, 409],
  },
  {
    route: 'POST /api/issues/{id}/notes',
    operationId: 'addIssueNote',
    summary: '添加备注（可附照片）',
    who: 'write',
    params: [issueId],
    body: { schema: noteSchema, example: { note: '已电话联系责任单位' } },
    ...created('新事件', schemaRef('issueEvent')),
    errors: [404],
  },
  {
    route: 'POST /api/issues/{id}/attachments',
    operationId: 'uploadIssuePhoto',
    summary: '上传照片（原始字节）',
    description: `JPEG、PNG 或 WebP，不超过 ${maxAttachmentBytes / 1024 / 1024} MB，按文件头校验。上传本身不写事件：在整改、复查或备注的 attachmentIds 中引用它。`,
    who: 'write',
    params: [issueId],
    ...fileUpload(imageTypes, [404]),
    ok: jsonResponse('照片', schemaRef('attachment')),
  },
  {
    route: 'GET /api/attachments/{id}',
    operationId: 'getPhoto',
    summary: '照片文件',
    who: 'read',
    ...storedFile(
      pathParameter('id', '照片编号'),
      '图片（Cache-Control: private, immutable）',
      imageTypes,
    ),
  },
  {
    route: 'GET /api/units',
    operationId: 'listUnits',
    summary: '责任单位',
    who: 'read',
    ok: jsonResponse('所有责任单位（含停用的）', t.array(schemaRef('unit'))),
  },
]

export const ledgerPart = toPart(tags.ledger, routes)
