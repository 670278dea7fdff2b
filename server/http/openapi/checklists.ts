// 测评体系 Assessment, 点位测评: checklists per check-point category, inspections of a point (failed
// items become ledger issues) and every point's status for the map.

import { checklistItemKinds, checkResults, checkStatuses } from '../../domain/checklist.ts'
import { checkpointCategories } from '../../domain/checkpoint.ts'
import { issueCategories } from '../../domain/issue.ts'
import { inspectionBody, inspectionsQuery } from '../routes/checklists.ts'
import { itemsOf, jsonResponse, pathParameter, t, tags } from './common.ts'
import { created, type Route, toPart } from './route-table.ts'

const checklistItem = t.object(
  {
    code: t.string,
    category: { type: 'string', enum: [...checkpointCategories] },
    kind: { type: 'string', enum: [...checklistItemKinds] },
    text: t.string,
    standardCode: t.string,
    issueCategory: { type: 'string', enum: [...issueCategories] },
  },
  ['code', 'category', 'kind', 'text', 'standardCode', 'issueCategory'],
)
const latest = t.object(
  {
    checkpointId: t.string,
    inspectionId: t.string,
    at: t.dateTime,
    score: t.number,
    failed: t.integer,
  },
  ['checkpointId', 'inspectionId', 'at', 'score', 'failed'],
)
const status = { type: 'string', enum: [...checkStatuses] }
const inspection = t.object(
  {
    id: t.string,
    checkpointId: t.string,
    kind: { type: 'string', enum: ['supervision', 'self'] },
    inspector: t.string,
    inspectorName: t.string,
    unitCode: t.string,
    at: t.dateTime,
    score: { type: 'number', minimum: 0, maximum: 1 },
    passed: t.integer,
    failed: t.integer,
    notApplicable: t.integer,
    results: t.array(
      t.object(
        {
          itemCode: t.string,
          result: { type: 'string', enum: [...checkResults] },
          note: t.string,
          issueId: t.string,
        },
        ['itemCode', 'result'],
      ),
    ),
  },
  [
    'id',
    'checkpointId',
    'kind',
    'inspector',
    'inspectorName',
    'at',
    'score',
    'passed',
    'failed',
    'notApplicable',
    'results',
  ],
)
const checkpointId = pathParameter('id', '测评点位编号', t.string)
const example = {
  results: [
    { itemCode: 'market-s01', result: 'pass' },
    { itemCode: 'market-d02', result: 'fail', note: '东门外 3 处占道' },
    { itemCode: 'market-d04', result: 'na' },
  ],
}

const routes: Route[] = [
  {
    route: 'GET /api/checklists',
    operationId: 'listChecklistItems',
    summary: '各类点位的测评清单（静态指标、动态指标），每项对应一条测评标准',
    who: 'read',
    ok: jsonResponse('检查项', itemsOf(checklistItem)),
    errors: [400],
  },
  {
    route: 'GET /api/inspections/status',
    operationId: 'listCheckpointStatuses',
    summary:
      '测评过的点位的最新结果与时效（地图着色）：passing 全部合格、failing 有不合格项、stale 超过 14 天未测评；未列出的为从未测评',
    who: 'read',
    ok: jsonResponse(
      '点位状态',
      itemsOf(
        t.object(
          {
            checkpointId: t.string,
            status,
            at: t.dateTime,
            score: t.number,
            failed: t.integer,
          },
          ['checkpointId', 'status'],
        ),
      ),
    ),
    errors: [400],
  },
  {
    route: 'GET /api/checkpoints/own',
    operationId: 'listOwnCheckpoints',
    summary:
      '本单位自查点位（责任单位经办人）：点位自身的责任单位（点长制）为本单位的，及无自身责任单位而位于本单位网格的；附测评状态',
    who: 'signedInRead',
    ok: jsonResponse(
      '本单位点位',
      itemsOf(
        t.object(
          {
            id: t.string,
            name: t.string,
            kind: t.string,
            category: t.string,
            status,
            at: t.dateTime,
          },
          ['id', 'name', 'kind', 'category', 'status'],
        ),
      ),
    ),
    errors: [400, 403],
  },
  {
    route: 'GET /api/checkpoints/{id}/checklist',
    operationId: 'getCheckpointChecklist',
    summary: '一个点位的测评清单、所属单位、最近一次测评与状态',
    who: 'read',
    params: [checkpointId],
    ok: jsonResponse(
      '点位测评清单',
      t.object(
        {
          checkpoint: t.object(
            {
              id: t.string,
              name: t.string,
              kind: t.string,
              category: t.string,
              lngLat: t.array(t.number),
              townshipCode: t.string,
              gridCode: t.string,
              unitCode: t.string,
            },
            ['id', 'name', 'kind', 'category', 'lngLat', 'townshipCode', 'unitCode'],
          ),
          items: t.array(checklistItem),
          latest,
          status,
        },
        ['checkpoint', 'items', 'status'],
      ),
    ),
    errors: [400, 404],
  },
  {
    route: 'GET /api/checkpoints/{id}/inspections',
    operationId: 'listInspections',
    summary: '一个点位的测评记录（含测评人，须登录），新的在前',
    who: 'signedInRead',
    params: [checkpointId],
    query: inspectionsQuery,
    ok: jsonResponse('测评记录', itemsOf(inspection)),
    errors: [404],
  },
  {
    route: 'POST /api/checkpoints/{id}/inspections',
    operationId: 'recordInspection',
    summary:
      '记录一次点位测评（督导员：督查组测评；责任单位经办人：本单位点位的每周自查）；每个不合格项在同一事务中生成一条问题（待交办）',
    description:
      '结果须逐项覆盖该点位的测评清单。生成的问题按位置填写乡镇、网格、责任单位与整改期限，结果中的 issueId 指向它；现场照片用 POST /api/issues/{id}/attachments 上传到该问题。',
    who: 'write',
    params: [checkpointId],
    body: { schema: inspectionBody, example },
    ...created('测评记录', inspection),
    errors: [404],
  },
]

export const checklistsPart = toPart(tags.assessment, routes)
