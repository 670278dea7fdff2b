// Authorisation as data: every write route (method + Express path) has one line saying who may call
// it and on what scope. `authorise` enforces the "who" before a body is read; the scope is checked by
// the route's domain function against the data it touches (issue, grid, township), which the table
// names so the authorisation test can walk every route × every role × in/out of scope.
// A new write route: add ONE line to `writeRules`; test/http/authorisation.test.ts fails until you do.
import type { RequestHandler } from 'express'
import { Forbidden } from '../domain/errors.ts'
import { roleLabels } from '../domain/labels-zh.ts'
import { hasPermission, type Permission } from '../domain/roles.ts'
import { writerOf } from './auth.ts'

/**
 * - none: not about a place (sign in, computations that write nothing);
 * - county: the whole county, for whoever holds the permission;
 * - issue: unit operators their unit's issues, grid managers and grid members their grids' issues
 *   (domain/roles `owns`);
 * - grid: grid managers only the grids they are given; grid members report only inside theirs;
 * - township: grid managers only units and managers of their own townships; county departments and
 *   new units: administrators only;
 * - unit: unit operators only what is addressed to their own unit (a 整改通知书) or is their own
 *   unit's (台账材料 and their 签字移交); administrators any unit;
 * - own: only the caller's own things (their notifications), whoever they are;
 * - checkpoint: unit operators only the check points of their own unit (the point's grid's unit).
 */
export type Scope =
  | 'none'
  | 'county'
  | 'issue'
  | 'grid'
  | 'township'
  | 'unit'
  | 'own'
  | 'checkpoint'

export interface WriteRule {
  // 'anyone': no session needed; 'signed-in': any person signed in; else any one of these
  who: 'anyone' | 'signed-in' | Permission | readonly Permission[]
  scope: Scope
  does: string // what the route does, for the 403 message: 「督导员无权调整网格」
}

const issueActions = ['issue_assign', 'issue_rectify', 'issue_review', 'issue_reopen'] as const

/** Routes that share who may call them and on what scope: route → what it does. */
function rules(
  who: WriteRule['who'],
  scope: Scope,
  routes: Readonly<Record<string, string>>,
): Record<string, WriteRule> {
  return Object.fromEntries(
    Object.entries(routes).map(([route, does]) => [route, { who, scope, does }]),
  )
}

export const writeRules: Readonly<Record<string, WriteRule>> = {
  // sign in and out; the computations are POST only because their inputs are long: they write nothing
  ...rules('anyone', 'none', {
    'POST /api/session': '登录',
    'DELETE /api/session': '退出登录',
    'POST /api/planning/candidates': '计算候选点',
    'POST /api/planning/optimise': '优化方案',
    'POST /api/planning/rehearsal': '模拟抽样',
    'POST /api/planning/forecast': '预测得分',
  }),
  ...rules('issue_report', 'grid', { 'POST /api/issues': '上报问题' }),
  ...rules('ledger_import', 'county', { 'POST /api/issues/import': '导入问题台账' }),
  ...rules(issueActions, 'issue', { 'POST /api/issues/:id/transitions': '办理问题' }),
  ...rules('issue_note', 'issue', {
    'POST /api/issues/:id/notes': '添加备注',
    'POST /api/issues/:id/attachments': '上传照片',
  }),
  ...rules('checkpoint_import', 'county', { 'POST /api/checkpoints/import': '导入测评点位' }),
  ...rules('grid_admin', 'township', {
    'POST /api/units': '新增责任单位',
    'PATCH /api/units/:code': '修改责任单位',
    'POST /api/grid-managers': '新增网格长',
    'PATCH /api/grid-managers/:id': '修改网格长',
  }),
  ...rules('layer_import', 'county', {
    'POST /api/grids/import': '导入县域网格数据（替换全部网格）',
    'POST /api/layers/townships/import': '导入县域乡镇界（替换乡镇图层）',
    'POST /api/layers/checkpoints/import': '导入县域测评点位（替换点位图层）',
  }),
  ...rules('grid_admin', 'grid', {
    'POST /api/grids/rebalance': '计算网格调整建议',
    'POST /api/grids/assignments': '调整网格分配',
    'POST /api/grids/split': '拆分网格',
    'POST /api/grids/merge': '合并网格',
    'PUT /api/grids/:gridCode/geometry': '重绘网格',
  }),
  ...rules('plan_edit', 'county', {
    'POST /api/plans': '保存示范点方案',
    'PUT /api/plans/:id': '修改示范点方案',
    'DELETE /api/plans/:id': '删除示范点方案',
  }),
  ...rules('round_edit', 'county', {
    'POST /api/rounds': '创建督查轮次',
    'PATCH /api/rounds/:id': '修改督查轮次',
    'POST /api/rounds/:id/visits': '登记到达',
  }),
  ...rules('user_admin', 'county', {
    'PUT /api/supervision/settings': '修改督查文书设置',
    'PUT /api/admin/reminder-rules': '修改催办规则',
    'PUT /api/admin/reminder-channels': '修改催办发送渠道',
  }),
  ...rules('document_draft', 'county', {
    'POST /api/supervision/bulletins': '起草督查通报',
    'POST /api/supervision/notices': '起草整改通知书',
    'PATCH /api/supervision/documents/:id': '修改督查文书',
  }),
  ...rules('document_issue', 'county', {
    'POST /api/supervision/documents/:id/issue': '印发督查文书',
  }),
  // unit: a unit operator signs only the notices sent to their own unit
  ...rules('notice_receive', 'unit', {
    'POST /api/supervision/documents/:id/receipt': '签收整改通知书',
  }),
  ...rules('issue_urge', 'county', {
    'POST /api/issues/:id/urge': '催办',
    'POST /api/units/:code/urge': '催办',
  }),
  ...rules('signed-in', 'own', { 'POST /api/notifications/read': '标记消息已读' }),
  ...rules('assessment_edit', 'county', { 'POST /api/assessment/systems/import': '导入测评体系' }),
  // checkpoint: a 督查组 inspects any point, a unit operator (自查) only its own unit's points
  ...rules('checkpoint_inspect', 'checkpoint', {
    'POST /api/checkpoints/:id/inspections': '进行点位测评',
  }),
  // 材料审核: a unit documents its own 标准; the 创建办 reviews and receives
  ...rules('material_submit', 'unit', {
    'POST /api/materials': '建立台账材料',
    'PUT /api/materials/:id/report': '填写说明报告',
    'POST /api/materials/:id/files': '上传台账材料',
    'DELETE /api/materials/:id/files/:fileId': '删除台账材料文件',
    'POST /api/materials/:id/submit': '上报台账材料',
    'POST /api/materials/handovers': '登记台账签字移交',
  }),
  ...rules('material_review', 'county', {
    'POST /api/materials/:id/review': '审核台账材料',
    'POST /api/materials/handovers/:id/receipt': '接收移交的台账',
  }),
  ...rules('survey_edit', 'county', {
    'POST /api/surveys': '录入问卷调查',
    'POST /api/surveys/import': '导入问卷调查',
    'DELETE /api/surveys/:id': '删除问卷调查',
  }),
  ...rules('department_evaluation_record', 'county', {
    'POST /api/assessment/department-evaluations': '录入部门评价',
  }),
  ...rules('accountability_record', 'county', {
    'POST /api/accountability': '记录问责',
    'POST /api/accountability/:id/document': '上传问责文书',
  }),
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function toMatcher(key: string): { method: string; pattern: RegExp } {
  const [method = '', path = ''] = key.split(' ')
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return { method, pattern: new RegExp(`^${source}/?$`) }
}

const matchers = Object.entries(writeRules).map(([key, rule]) => ({ ...toMatcher(key), rule }))

/** The rule for a request, if its method and path match a registered write route. */
export function ruleFor(method: string, path: string): WriteRule | undefined {
  // no two lines match one request: /api/issues/import is not /api/issues/:id/… (one segment fewer)
  return matchers.find((m) => m.method === method && m.pattern.test(path))?.rule
}

/** Whether the role's permissions satisfy the rule's "who" (the scope is the route's to check). */
export function permits(rule: WriteRule, permissions: (p: Permission) => boolean): boolean {
  if (rule.who === 'anyone' || rule.who === 'signed-in') return true
  const needed: readonly Permission[] = typeof rule.who === 'string' ? [rule.who] : rule.who
  return needed.some(permissions)
}

/** Enforces `writeRules`' "who" on every write: 401 without a session, 403 for the wrong role. */
export function authorise(): RequestHandler {
  return (req, res, next) => {
    if (!writeMethods.has(req.method)) return next()
    const rule = ruleFor(req.method, req.path)
    if (!rule || rule.who === 'anyone') return next()
    const user = writerOf(res) // 401 without a session, 403 for a token
    if (!permits(rule, (p) => hasPermission(user, p))) {
      throw new Forbidden(`${roleLabels[user.role]}无权${rule.does}`)
    }
    next()
  }
}
