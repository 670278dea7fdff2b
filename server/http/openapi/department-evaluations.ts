// 部门评价 (征求上级主管部门意见) per assessment year: the entries, newest in force, and recording one.
import {
  departmentEvaluationQuery,
  departmentEvaluationSchema,
} from '../routes/department-evaluations.ts'
import { jsonResponse, t, tags } from './common.ts'
import { created, type Route, toPart } from './route-table.ts'

const entryProperties = {
  id: { type: 'string', example: 'deval-0001' },
  year: t.integer,
  score: { type: 'number', minimum: 0 },
  points: { type: 'number', description: '录入时该年度测评体系的部门评价满分' },
  department: t.string,
  document: t.string,
  evaluatedOn: t.date,
  note: t.string,
  enteredBy: t.string,
  enteredAt: t.dateTime,
}
const entryRequired = Object.keys(entryProperties)
const entry = t.object(entryProperties, entryRequired)
const listed = t.object({ ...entryProperties, current: t.boolean }, [...entryRequired, 'current'])

export const departmentEvaluationExample = {
  year: 2026,
  score: 8.5,
  department: '省文明办',
  document: '关于反馈2026年度文明城市创建征求上级主管部门意见结果的函',
  evaluatedOn: '2026-11-20',
  note: '未成年人思想道德建设工作扣 1.5 分',
}

const routes: Route[] = [
  {
    route: 'GET /api/assessment/department-evaluations',
    operationId: 'listDepartmentEvaluations',
    summary: '一个年度的部门评价录入记录，新的在前（current 为生效的一条，其余为历史）',
    who: 'signedInRead',
    query: {
      schema: departmentEvaluationQuery,
      describe: {
        year: '测评体系年度；缺省为最新年度',
      },
    },
    ok: jsonResponse(
      '部门评价',
      t.object({ year: t.integer, points: t.number, items: t.array(listed) }, [
        'year',
        'points',
        'items',
      ]),
    ),
    errors: [403, 404],
  },
  {
    route: 'POST /api/assessment/department-evaluations',
    operationId: 'recordDepartmentEvaluation',
    summary:
      '录入部门评价（征求上级主管部门意见）结果：得分在 0 至该年度部门评价满分之间；新录入的取代旧的，旧的保留可查（创建办）',
    who: 'write',
    body: { schema: departmentEvaluationSchema, example: departmentEvaluationExample },
    ...created('录入的部门评价', entry),
  },
]

export const departmentEvaluationsPart = toPart(tags.assessment, routes)
