// 问责 Accountability: records of steps taken against units and townships, their documents, the list
// and its XLSX export, and the counts the wall shows.
import {
  accountabilityBody,
  accountabilityQuery,
  documentTypes,
} from '../../accountability/accountability-service.ts'
import { xlsxType } from '../../assessment/system-service.ts'
import { accountabilityKinds } from '../../domain/accountability.ts'
import { maxAttachmentBytes } from '../../ledger/attachments.ts'
import { summaryQuery } from '../routes/accountability.ts'
import {
  arrayOf,
  bytesResponse,
  date,
  dateTime,
  itemsOf,
  jsonResponse,
  objectOf,
  pathParameter,
  tags,
} from './common.ts'
import { fileUpload, type Route, toPart } from './route-table.ts'

const record = objectOf(
  {
    id: { type: 'string' },
    targetKind: { type: 'string', enum: ['unit', 'township'] },
    targetCode: { type: 'string' },
    targetName: { type: 'string' },
    kind: { type: 'string', enum: [...accountabilityKinds] },
    decidedOn: date,
    decidedBy: { type: 'string' },
    note: { type: 'string' },
    issueIds: arrayOf({ type: 'string' }),
    issueNos: {
      ...arrayOf({ type: 'string' }),
      description: 'issueIds 各问题的问题编号（同序；尚无编号的问题为其 id），供显示',
    },
    recordedBy: { type: 'string' },
    recordedAt: dateTime,
    document: objectOf(
      {
        contentType: { type: 'string' },
        bytes: { type: 'integer' },
        uploadedAt: dateTime,
      },
      ['contentType', 'bytes', 'uploadedAt'],
    ),
  },
  ['id', 'targetKind', 'targetCode', 'targetName', 'kind', 'decidedOn', 'decidedBy', 'issueIds'],
)
const example = {
  targetKind: 'unit',
  targetCode: 'urban-management',
  kind: 'interview',
  decidedOn: '2026-11-24',
  decidedBy: '县创建办',
  note: '逾期问题整改不力',
  issueIds: ['issue-00001'], // a 问题编号 such as 2026-000001 is taken too
}

const routes: Route[] = [
  {
    route: 'GET /api/accountability',
    operationId: 'listAccountability',
    summary: '问责记录（登录后可看），按决定日期新的在前；可按对象、方式、日期筛选',
    who: 'read',
    query: accountabilityQuery,
    ok: jsonResponse('问责记录', itemsOf(record)),
    errors: [400, 401],
  },
  {
    route: 'POST /api/accountability',
    operationId: 'recordAccountability',
    summary: '记录问责（管理员、指挥长）：提醒谈话、约谈、通报批评、曝光或移交纪检',
    who: 'write',
    body: { schema: accountabilityBody, example },
    status: 201,
    ok: jsonResponse('问责记录', record),
    errors: [400, 401, 403],
  },
  {
    route: 'GET /api/accountability/export.xlsx',
    operationId: 'exportAccountability',
    summary: '问责台账 XLSX（筛选同列表）',
    who: 'read',
    query: accountabilityQuery,
    ok: bytesResponse('问责台账.xlsx', [xlsxType]),
    errors: [400, 401],
  },
  {
    route: 'GET /api/accountability/summary',
    operationId: 'accountabilitySummary',
    summary: '问责起数（按方式、按责任单位），不含姓名：大屏红黑榜的脚注',
    who: 'read',
    query: summaryQuery,
    ok: jsonResponse(
      '问责起数',
      objectOf(
        {
          total: { type: 'integer' },
          byKind: arrayOf(
            objectOf(
              {
                kind: { type: 'string' },
                label: { type: 'string' },
                count: { type: 'integer' },
              },
              ['kind', 'label', 'count'],
            ),
          ),
          units: arrayOf(
            objectOf({ code: { type: 'string' }, count: { type: 'integer' } }, ['code', 'count']),
          ),
        },
        ['total', 'byKind', 'units'],
      ),
    ),
    errors: [400, 401],
  },
  {
    route: 'POST /api/accountability/{id}/document',
    operationId: 'uploadAccountabilityDocument',
    summary: '上传问责文书（原始字节）',
    description: `PDF 或 JPEG、PNG、WebP 扫描件，不超过 ${maxAttachmentBytes / 1024 / 1024} MB，按文件头校验；再次上传替换。`,
    who: 'write',
    params: [pathParameter('id', '问责记录编号')],
    ...fileUpload(Object.keys(documentTypes), [404]),
    ok: jsonResponse(
      '文书',
      objectOf({ contentType: { type: 'string' }, bytes: { type: 'integer' } }, [
        'contentType',
        'bytes',
      ]),
    ),
  },
  {
    route: 'GET /api/accountability/{id}/document',
    operationId: 'getAccountabilityDocument',
    summary: '问责文书文件',
    who: 'read',
    params: [pathParameter('id', '问责记录编号')],
    ok: bytesResponse('文书', Object.keys(documentTypes)),
    errors: [401, 404],
  },
]

export const accountabilityPart = toPart(tags.supervision, routes)
