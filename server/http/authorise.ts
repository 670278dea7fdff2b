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

export const writeRules: Readonly<Record<string, WriteRule>> = {
  'POST /api/session': { who: 'anyone', scope: 'none', does: '登录' },
  'DELETE /api/session': { who: 'anyone', scope: 'none', does: '退出登录' },
  'POST /api/issues': { who: 'issue_report', scope: 'grid', does: '上报问题' },
  'POST /api/issues/import': { who: 'ledger_import', scope: 'county', does: '导入问题台账' },
  'POST /api/issues/:id/transitions': { who: issueActions, scope: 'issue', does: '办理问题' },
  'POST /api/issues/:id/notes': { who: 'issue_note', scope: 'issue', does: '添加备注' },
  'POST /api/issues/:id/attachments': { who: 'issue_note', scope: 'issue', does: '上传照片' },
  'POST /api/checkpoints/import': {
    who: 'checkpoint_import',
    scope: 'county',
    does: '导入测评点位',
  },
  'POST /api/units': { who: 'grid_admin', scope: 'township', does: '新增责任单位' },
  'PATCH /api/units/:code': { who: 'grid_admin', scope: 'township', does: '修改责任单位' },
  'POST /api/grid-managers': { who: 'grid_admin', scope: 'township', does: '新增网格长' },
  'PATCH /api/grid-managers/:id': { who: 'grid_admin', scope: 'township', does: '修改网格长' },
  'POST /api/grids/import': {
    who: 'layer_import',
    scope: 'county',
    does: '导入县域网格数据（替换全部网格）',
  },
  'POST /api/layers/townships/import': {
    who: 'layer_import',
    scope: 'county',
    does: '导入县域乡镇界（替换乡镇图层）',
  },
  'POST /api/layers/checkpoints/import': {
    who: 'layer_import',
    scope: 'county',
    does: '导入县域测评点位（替换点位图层）',
  },
  'POST /api/grids/rebalance': { who: 'grid_admin', scope: 'grid', does: '计算网格调整建议' },
  'POST /api/grids/assignments': { who: 'grid_admin', scope: 'grid', does: '调整网格分配' },
  'POST /api/grids/split': { who: 'grid_admin', scope: 'grid', does: '拆分网格' },
  'POST /api/grids/merge': { who: 'grid_admin', scope: 'grid', does: '合并网格' },
  'PUT /api/grids/:gridCode/geometry': { who: 'grid_admin', scope: 'grid', does: '重绘网格' },
  'POST /api/plans': { who: 'plan_edit', scope: 'county', does: '保存示范点方案' },
  'PUT /api/plans/:id': { who: 'plan_edit', scope: 'county', does: '修改示范点方案' },
  'DELETE /api/plans/:id': { who: 'plan_edit', scope: 'county', does: '删除示范点方案' },
  'POST /api/rounds': { who: 'round_edit', scope: 'county', does: '创建督查轮次' },
  'PATCH /api/rounds/:id': { who: 'round_edit', scope: 'county', does: '修改督查轮次' },
  'POST /api/rounds/:id/visits': { who: 'round_edit', scope: 'county', does: '登记到达' },
  'PUT /api/supervision/settings': { who: 'user_admin', scope: 'county', does: '修改督查文书设置' },
  'POST /api/supervision/bulletins': {
    who: 'document_draft',
    scope: 'county',
    does: '起草督查通报',
  },
  'POST /api/supervision/notices': {
    who: 'document_draft',
    scope: 'county',
    does: '起草整改通知书',
  },
  'PATCH /api/supervision/documents/:id': {
    who: 'document_draft',
    scope: 'county',
    does: '修改督查文书',
  },
  'POST /api/supervision/documents/:id/issue': {
    who: 'document_issue',
    scope: 'county',
    does: '印发督查文书',
  },
  // unit: a unit operator signs only the notices sent to their own unit
  'POST /api/supervision/documents/:id/receipt': {
    who: 'notice_receive',
    scope: 'unit',
    does: '签收整改通知书',
  },
  'POST /api/issues/:id/urge': { who: 'issue_urge', scope: 'county', does: '催办' },
  'POST /api/units/:code/urge': { who: 'issue_urge', scope: 'county', does: '催办' },
  'POST /api/notifications/read': { who: 'signed-in', scope: 'own', does: '标记消息已读' },
  'PUT /api/admin/reminder-rules': { who: 'user_admin', scope: 'county', does: '修改催办规则' },
  'PUT /api/admin/reminder-channels': {
    who: 'user_admin',
    scope: 'county',
    does: '修改催办发送渠道',
  },
  'POST /api/assessment/systems/import': {
    who: 'assessment_edit',
    scope: 'county',
    does: '导入测评体系',
  },
  // checkpoint: a 督查组 inspects any point, a unit operator (自查) only its own unit's points
  'POST /api/checkpoints/:id/inspections': {
    who: 'checkpoint_inspect',
    scope: 'checkpoint',
    does: '进行点位测评',
  },
  // 材料审核: a unit documents its own 标准; the 创建办 reviews and receives
  'POST /api/materials': { who: 'material_submit', scope: 'unit', does: '建立台账材料' },
  'PUT /api/materials/:id/report': {
    who: 'material_submit',
    scope: 'unit',
    does: '填写说明报告',
  },
  'POST /api/materials/:id/files': {
    who: 'material_submit',
    scope: 'unit',
    does: '上传台账材料',
  },
  'DELETE /api/materials/:id/files/:fileId': {
    who: 'material_submit',
    scope: 'unit',
    does: '删除台账材料文件',
  },
  'POST /api/materials/:id/submit': {
    who: 'material_submit',
    scope: 'unit',
    does: '上报台账材料',
  },
  'POST /api/materials/:id/review': {
    who: 'material_review',
    scope: 'county',
    does: '审核台账材料',
  },
  'POST /api/materials/handovers': {
    who: 'material_submit',
    scope: 'unit',
    does: '登记台账签字移交',
  },
  'POST /api/materials/handovers/:id/receipt': {
    who: 'material_review',
    scope: 'county',
    does: '接收移交的台账',
  },
  'POST /api/surveys': { who: 'survey_edit', scope: 'county', does: '录入问卷调查' },
  'POST /api/surveys/import': { who: 'survey_edit', scope: 'county', does: '导入问卷调查' },
  'DELETE /api/surveys/:id': { who: 'survey_edit', scope: 'county', does: '删除问卷调查' },
  'POST /api/assessment/department-evaluations': {
    who: 'department_evaluation_record',
    scope: 'county',
    does: '录入部门评价',
  },
  'POST /api/accountability': {
    who: 'accountability_record',
    scope: 'county',
    does: '记录问责',
  },
  'POST /api/accountability/:id/document': {
    who: 'accountability_record',
    scope: 'county',
    does: '上传问责文书',
  },
  // computations: POST only because their inputs are long; they write nothing
  'POST /api/planning/candidates': { who: 'anyone', scope: 'none', does: '计算候选点' },
  'POST /api/planning/optimise': { who: 'anyone', scope: 'none', does: '优化方案' },
  'POST /api/planning/rehearsal': { who: 'anyone', scope: 'none', does: '模拟抽样' },
  'POST /api/planning/forecast': { who: 'anyone', scope: 'none', does: '预测得分' },
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
  // literal paths first: /api/issues/import is not /api/issues/:id/…
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
