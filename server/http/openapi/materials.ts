// 材料审核 Materials (台账材料: tasks by 倒排工期, files, 说明报告, review, completion, 签字移交, XLSX) and
// 问卷调查 Surveys (rounds, import, summary with Wilson intervals). Request schemas come from the
// routes' zod schemas; large responses are described loosely.
import {
  materialFileTypes,
  maxDocumentBytes,
  maxPhotoBytes,
} from '../../assessment/material-files.ts'
import { xlsxType } from '../../assessment/system-service.ts'
import {
  handoverQuery,
  handoverSchema,
  openMaterialSchema,
  reportSchema,
  reviewSchema,
  taskQuery,
} from '../routes/materials.ts'
import { surveyImportQuery, surveyRoundSchema, surveySummaryQuery } from '../routes/surveys.ts'
import { anyObject, fileResponse, itemsOf, jsonResponse, pathParameter, t, tags } from './common.ts'
import {
  created,
  fileUpload,
  noContentAnswer,
  type Route,
  storedFile,
  toPart,
} from './route-table.ts'

const items = itemsOf(anyObject)
const materialId = pathParameter('id', '台账材料编号，如 mat-0001')
const surveyId = pathParameter('id', '问卷调查编号，如 survey-0001')
const taskFilters = {
  unit: '责任单位编码（经办人只能查本单位）',
  standard: '测评标准编号，如 03-02-01',
  status: '未建立 missing、未上报 draft、待审核 submitted、合格 approved、退回 returned',
  overdue: '只看逾期 true / 未逾期 false',
}

export const reportExample = {
  responsibility: '县城市管理局为责任单位，局长为第一责任人，分管副局长具体负责',
  deployment: '《关于加强公益广告设置管理的通知》（城管〔2026〕12号）',
  measures: '主次干道每 500 米设置 1 处公益广告，每周巡查更换破损',
  dataExamples: '全县刊播公益广告 1280 处，其中主干道 420 处、农贸市场 36 处',
  results: '公益广告覆盖率 100%，群众知晓率 92%',
}

export const surveyExample = {
  name: '2026年下半年群众满意度自测',
  conductedOn: '2026-10-15',
  source: '第三方',
  cells: [
    {
      township: '南诏镇',
      group: '市民',
      sampleSize: 400,
      awareness: 368,
      support: 380,
      satisfaction: 352,
    },
    {
      township: '南诏镇',
      group: '商户',
      sampleSize: 120,
      awareness: 102,
      support: 104,
      satisfaction: 98,
    },
  ],
}

const routes: Route[] = [
  {
    route: 'GET /api/materials/schedule',
    operationId: 'materialSchedule',
    summary: '倒排工期：测评日期与上报、审核、签字移交的截止日',
    who: 'signedInRead',
    ok: jsonResponse('工期', anyObject),
    errors: [403],
  },
  {
    route: 'GET /api/materials/tasks',
    operationId: 'listMaterialTasks',
    summary: '台账任务：每个需材料审核的测评标准 × 牵头/负责单位，含截止日、剩余天数、逾期',
    who: 'signedInRead',
    query: { schema: taskQuery, describe: taskFilters },
    ok: jsonResponse('任务', t.object({ schedule: anyObject, items: t.array(anyObject) })),
    errors: [403],
  },
  {
    route: 'GET /api/materials/completion',
    operationId: 'materialCompletion',
    summary: '完成情况：按单位、按测评标准的台账上报率、图片资料完成率、合格率与逾期数',
    who: 'signedInRead',
    ok: jsonResponse('完成情况', anyObject),
    errors: [403],
  },
  {
    route: 'GET /api/materials/export.xlsx',
    operationId: 'exportMaterials',
    summary: '导出台账任务（按筛选）与按单位、按标准的完成情况（XLSX）',
    who: 'signedInRead',
    query: { schema: taskQuery, describe: taskFilters },
    ok: fileResponse('XLSX', [xlsxType]),
    errors: [403],
  },
  {
    route: 'GET /api/materials/handovers',
    operationId: 'listHandovers',
    summary: '签字移交记录（经办人只见本单位）',
    who: 'signedInRead',
    query: { schema: handoverQuery, describe: { unit: '责任单位编码' } },
    ok: jsonResponse('移交记录', items),
    errors: [403],
  },
  {
    route: 'POST /api/materials/handovers',
    operationId: 'addHandover',
    summary:
      '登记签字移交：本单位审核合格的台账材料，由主要领导签字（经办人为本单位，管理员须指定单位）',
    who: 'write',
    body: {
      schema: handoverSchema,
      example: {
        signedByName: '张三',
        signedByTitle: '县城市管理局局长',
        signedOn: '2026-11-22',
      },
    },
    ...created('移交记录', anyObject),
  },
  {
    route: 'POST /api/materials/handovers/{id}/receipt',
    operationId: 'receiveHandover',
    summary: '创建办接收移交的台账（只记一次）',
    who: 'write',
    params: [pathParameter('id', '移交记录编号，如 handover-0001')],
    ok: jsonResponse('移交记录', anyObject),
    errors: [404],
  },
  {
    route: 'POST /api/materials',
    operationId: 'openMaterial',
    summary: '建立（或取回）本单位某测评标准的台账材料（草稿）',
    who: 'write',
    body: { schema: openMaterialSchema, example: { standardCode: '03-02-01' } },
    ...created('台账材料', anyObject),
  },
  {
    route: 'GET /api/materials/{id}',
    operationId: 'getMaterial',
    summary: '台账材料详情：文件、说明报告、状态、可执行操作与历史',
    who: 'signedInRead',
    params: [materialId],
    ok: jsonResponse('台账材料', anyObject),
    errors: [403, 404],
  },
  {
    route: 'PUT /api/materials/{id}/report',
    operationId: 'saveMaterialReport',
    summary: '填写说明报告的五大要素（主体责任、部署文件、具体措施、数据实例、取得成效）',
    who: 'write',
    params: [materialId],
    body: { schema: reportSchema, example: reportExample },
    ok: jsonResponse('台账材料', anyObject),
    errors: [404, 409],
  },
  {
    route: 'POST /api/materials/{id}/files',
    operationId: 'uploadMaterialFile',
    summary: '上传文件或照片（原始字节，X-File-Name 为百分号编码的文件名）',
    description: `PDF、Word（.docx）、Excel（.xlsx）不超过 ${maxDocumentBytes / 1024 / 1024} MB；JPEG、PNG、WebP 照片不超过 ${maxPhotoBytes / 1024 / 1024} MB。大小在读取时即检查，类型按文件内容（文件头、压缩包目录）校验，与声明的 Content-Type 不符即拒绝。可选请求头 X-File-Name：文件名（encodeURIComponent），仅用于显示。`,
    who: 'write',
    params: [materialId],
    ...fileUpload(Object.keys(materialFileTypes), [404, 409]),
    ok: jsonResponse('文件', anyObject),
  },
  {
    route: 'DELETE /api/materials/{id}/files/{fileId}',
    operationId: 'removeMaterialFile',
    summary: '删除未上报（或已退回）材料中的一个文件',
    who: 'write',
    params: [materialId, pathParameter('fileId', '文件编号，如 mf-…')],
    ...noContentAnswer,
    errors: [404, 409],
  },
  {
    route: 'POST /api/materials/{id}/submit',
    operationId: 'submitMaterial',
    summary: '上报台账材料（说明报告五要素齐全、至少一个文件）',
    who: 'write',
    params: [materialId],
    ok: jsonResponse('台账材料', anyObject),
    errors: [400, 404, 409],
  },
  {
    route: 'POST /api/materials/{id}/review',
    operationId: 'reviewMaterial',
    summary: '创建办审核：合格 approve，或退回 return（须写明原因）',
    who: 'write',
    params: [materialId],
    body: {
      schema: reviewSchema,
      example: {
        decision: 'return',
        reason: '缺少数据实例的佐证照片',
      },
    },
    ok: jsonResponse('台账材料', anyObject),
    errors: [404, 409],
  },
  {
    route: 'GET /api/material-files/{id}',
    operationId: 'getMaterialFile',
    summary: '台账材料文件（本单位或创建办可读）',
    who: 'signedInRead',
    ...storedFile(
      pathParameter('id', '文件编号，如 mf-…'),
      '文件（Cache-Control: private, immutable）',
      Object.keys(materialFileTypes),
      [403],
    ),
  },
  {
    route: 'GET /api/surveys',
    operationId: 'listSurveys',
    summary: '问卷调查轮次（按调查日期）',
    who: 'signedInRead',
    ok: jsonResponse('轮次', items),
    errors: [403],
  },
  {
    route: 'POST /api/surveys',
    operationId: 'addSurvey',
    summary: '录入一轮问卷调查：各乡镇 × 群体的样本量与知晓、支持、满意人数',
    who: 'write',
    body: { schema: surveyRoundSchema, example: surveyExample },
    ...created('轮次', anyObject),
  },
  {
    route: 'POST /api/surveys/import',
    operationId: 'importSurvey',
    summary: '导入一轮问卷调查（XLSX：乡镇、群体、样本量、知晓率/支持率/满意率或人数）',
    who: 'write',
    query: {
      schema: surveyImportQuery,
      describe: {
        name: '轮次名称',
        conductedOn: '调查日期 YYYY-MM-DD',
        source: '调查方：自测、第三方、上级测评',
      },
    },
    ...fileUpload([xlsxType]),
    ok: jsonResponse('轮次', anyObject),
  },
  {
    route: 'GET /api/surveys/summary',
    operationId: 'surveySummary',
    summary:
      '问卷趋势与最近一轮（或指定轮次）按乡镇、群体的分解，最弱者；各比率附 Wilson 95% 置信区间',
    who: 'signedInRead',
    query: { schema: surveySummaryQuery, describe: { round: '轮次编号；缺省为最近一轮' } },
    ok: jsonResponse('汇总', anyObject),
    errors: [403, 404],
  },
  {
    route: 'GET /api/surveys/{id}',
    operationId: 'getSurvey',
    summary: '一轮问卷调查',
    who: 'signedInRead',
    params: [surveyId],
    ok: jsonResponse('轮次', anyObject),
    errors: [403, 404],
  },
  {
    route: 'DELETE /api/surveys/{id}',
    operationId: 'deleteSurvey',
    summary: '删除一轮问卷调查',
    who: 'write',
    params: [surveyId],
    ...noContentAnswer,
    errors: [404],
  },
  {
    route: 'GET /api/surveys/{id}/export.xlsx',
    operationId: 'exportSurvey',
    summary: '导出一轮问卷调查（XLSX，可再导入）',
    who: 'signedInRead',
    params: [surveyId],
    ok: fileResponse('XLSX', [xlsxType]),
    errors: [403, 404],
  },
]

export const materialsPart = toPart(tags.materials, routes)
