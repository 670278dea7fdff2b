// 测评体系 Assessment: the system per year (项目 → 内容 → 标准) as JSON and XLSX, and its import.

import { xlsxType } from '../../assessment/system-service.ts'
import { assessmentMethods } from '../../domain/assessment-system.ts'
import { fileResponse, itemsOf, jsonResponse, pathParameter, t, tags } from './common.ts'
import { fileImport, type Route, toPart } from './route-table.ts'

const method = { type: 'string', enum: [...assessmentMethods] }
const unitCodes = t.array(t.string)
const totals = t.object(Object.fromEntries(assessmentMethods.map((m) => [m, t.number])), [
  ...assessmentMethods,
])
/** What a year's system says about itself, in the list and in full. */
const about = {
  year: t.integer,
  name: t.string,
  illustrative: t.boolean,
  updatedBy: t.string,
  updatedAt: t.dateTime,
}
const summary = t.object(
  {
    ...about,
    counts: t.object(
      {
        items: t.integer,
        contents: t.integer,
        standards: t.integer,
        veto: t.integer,
      },
      ['items', 'contents', 'standards', 'veto'],
    ),
    totals,
  },
  ['year', 'name', 'illustrative', 'counts', 'totals', 'updatedBy', 'updatedAt'],
)
const standard = t.object(
  {
    code: { type: 'string', pattern: '^\\d{2}-\\d{2}-\\d{2}$' },
    text: t.string,
    method,
    points: { type: 'number', minimum: 0 },
    veto: t.boolean,
    leadUnits: unitCodes,
    responsibleUnits: unitCodes,
    supportUnits: unitCodes,
  },
  ['code', 'text', 'method', 'points', 'veto', 'leadUnits', 'responsibleUnits', 'supportUnits'],
)
const system = t.object(
  {
    ...about,
    source: t.string,
    items: t.array(
      t.object(
        {
          code: t.string,
          name: t.string,
          contents: t.array(
            t.object({ code: t.string, name: t.string, standards: t.array(standard) }, [
              'code',
              'name',
              'standards',
            ]),
          ),
        },
        ['code', 'name', 'contents'],
      ),
    ),
  },
  ['year', 'name', 'source', 'illustrative', 'items', 'updatedBy', 'updatedAt'],
)
const year = pathParameter('year', '年度', { type: 'string', pattern: '^\\d{4}$' })

const routes: Route[] = [
  {
    route: 'GET /api/assessment/systems',
    operationId: 'listAssessmentSystems',
    summary: '各年度测评体系：项目、内容、标准数与各测评方式分值合计，新的在前',
    who: 'read',
    ok: jsonResponse('各年度测评体系', itemsOf(summary)),
    errors: [400],
  },
  {
    route: 'POST /api/assessment/systems/import',
    operationId: 'importAssessmentSystem',
    summary: '导入测评体系 Excel，整体替换文件所写年度（管理员，assessment_edit）',
    description:
      '格式同导出：前四行 年度、名称、来源、示意，空一行后为列标题，每行一条测评标准；单位按名称填写，多个用顿号分隔，「各乡镇人民政府」指全部乡镇。有任何错误则不导入（400，errors 列出）。',
    tags: [tags.assessment, tags.exchange],
    who: 'write',
    ...fileImport([xlsxType]),
    ok: jsonResponse('导入后的年度测评体系', summary),
  },
  {
    route: 'GET /api/assessment/systems/{year}',
    operationId: 'getAssessmentSystem',
    summary:
      '一个年度的测评体系：项目 → 内容 → 标准（编号、测评方式、分值、一票否决、牵头/负责/配合单位）',
    who: 'read',
    params: [year],
    ok: jsonResponse('测评体系', system),
    errors: [400, 404],
  },
  {
    route: 'GET /api/assessment/systems/{year}/export.xlsx',
    operationId: 'exportAssessmentSystem',
    summary: '导出一个年度的测评体系 Excel（可修改后再导入）',
    tags: [tags.assessment, tags.exchange],
    who: 'read',
    params: [year],
    ok: fileResponse('测评体系 Excel', [xlsxType]),
    errors: [400, 404],
  },
]

export const assessmentSystemPart = toPart(tags.assessment, routes)
