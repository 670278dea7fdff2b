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
import { bytesResponse, itemsOf, jsonResponse, pathParameter, t, tags } from './common.ts'
import { created, fileUpload, type Route, storedFile, toPart } from './route-table.ts'

const record = t.object(
  {
    id: t.string,
    targetKind: { type: 'string', enum: ['unit', 'township'] },
    targetCode: t.string,
    targetName: t.string,
    kind: { type: 'string', enum: [...accountabilityKinds] },
    decidedOn: t.date,
    decidedBy: t.string,
    note: t.string,
    issueIds: t.array(t.string),
    issueNos: {
      ...t.array(t.string),
      description: 'issueIds 各问题的问题编号（同序；尚无编号的问题为其 id），供显示',
    },
    recordedBy: t.string,
    recordedAt: t.dateTime,
    document: t.object(
      {
        contentType: t.string,
        bytes: t.integer,
        uploadedAt: t.dateTime,
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
  },
  {
    route: 'POST /api/accountability',
    operationId: 'recordAccountability',
    summary: '记录问责（管理员、指挥长）：提醒谈话、约谈、通报批评、曝光或移交纪检',
    who: 'write',
    body: { schema: accountabilityBody, example },
    ...created('问责记录', record),
  },
  {
    route: 'GET /api/accountability/export.xlsx',
    operationId: 'exportAccountability',
    summary: '问责台账 XLSX（筛选同列表）',
    who: 'read',
    query: accountabilityQuery,
    ok: bytesResponse('问责台账.xlsx', [xlsxType]),
  },
  {
    route: 'GET /api/accountability/summary',
    operationId: 'accountabilitySummary',
    summary: '问责起数（按方式、按责任单位），不含姓名：大屏红黑榜的脚注',
    who: 'read',
    query: summaryQuery,
    ok: jsonResponse(
      '问责起数',
      t.object(
        {
          total: t.integer,
          byKind: t.array(
            t.object(
              {
                kind: t.string,
                label: t.string,
                count: t.integer,
              },
              ['kind', 'label', 'count'],
            ),
          ),
          units: t.array(t.object({ code: t.string, count: t.integer }, ['code', 'count'])),
        },
        ['total', 'byKind', 'units'],
      ),
    ),
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
      t.object({ contentType: t.string, bytes: t.integer }, ['contentType', 'bytes']),
    ),
  },
  {
    route: 'GET /api/accountability/{id}/document',
    operationId: 'getAccountabilityDocument',
    summary: '问责文书文件',
    who: 'read',
    ...storedFile(pathParameter('id', '问责记录编号'), '文书', Object.keys(documentTypes)),
  },
]

export const accountabilityPart = toPart(tags.supervision, routes)
