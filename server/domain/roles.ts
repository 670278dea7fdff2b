// Roles, their `verb_object` permissions (FixMyStreet style) and who may act on which issue.
// The server enforces these; the client only hides buttons. Pure.
import { actionsFrom, type IssueAction, type IssueProperties, type IssueStatus } from './issue.ts'

export const roles = [
  'commander', // 指挥长: reads everything; issues 督查 documents, writes nothing in the ledger
  'inspector', // 督导员: reports issues, reviews fixes
  'unit-operator', // 责任单位经办人: rectifies the issues of their unit
  'grid-manager', // 网格长: assigns the issues in their grids
  'grid-member', // 网格员: walks their grids daily; reports and rectifies there only
  'planner', // 规划人员: reads; imports check points
  'admin', // 管理员: everything, including reopening closed issues
  'display', // 指挥部大屏 token: read only, never a person
] as const
export type Role = (typeof roles)[number]

export const permissions = [
  'issue_report',
  'issue_assign',
  'issue_rectify',
  'issue_review',
  'issue_reopen',
  'issue_note',
  'ledger_import',
  'checkpoint_import',
  'user_admin',
  'layer_import', // replace a whole layer (grids) with the county's own data: administrators only
  'grid_admin', // assign, rebalance and edit grids; manage grid managers and units
  'plan_edit', // save, change and delete demonstration-point plans
  'round_edit', // create and change 督查 rounds
  'document_draft', // draft and edit a 督查通报 or 整改通知书
  'document_issue', // issue (number and archive) a document
  'notice_receive', // 签收 a 整改通知书 sent to one's own unit
  'issue_urge', // 催办: press a unit on open issues, with a message to it
  'assessment_edit', // replace a year's 测评体系 (import its XLSX)
  'checkpoint_inspect', // record a 点位测评 (督查组 anywhere; a unit's 自查 on its own points)
  'material_submit', // 台账材料: upload, write the 说明报告, submit, record the 签字移交 (own unit)
  'material_review', // 创建办: review 台账材料 (合格 / 退回) and receive the 签字移交
  'survey_edit', // record, import and delete 问卷调查 rounds
  'department_evaluation_record', // 创建办: record the 部门评价 (征求上级主管部门意见) result
  'accountability_record', // 问责: record an accountability step against a unit or township
] as const
export type Permission = (typeof permissions)[number]

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  commander: ['document_draft', 'document_issue', 'accountability_record'],
  inspector: [
    'issue_report',
    'issue_review',
    'issue_note',
    'ledger_import',
    'round_edit',
    'document_draft',
    'document_issue',
    'issue_urge',
    'material_review',
    'survey_edit',
    'checkpoint_inspect',
    'department_evaluation_record',
  ],
  'unit-operator': [
    'issue_rectify',
    'issue_note',
    'notice_receive',
    'checkpoint_inspect',
    'material_submit',
  ],
  'grid-manager': ['issue_assign', 'issue_note', 'grid_admin'],
  'grid-member': ['issue_report', 'issue_rectify', 'issue_note'],
  planner: ['checkpoint_import', 'plan_edit'],
  admin: permissions.filter((p) => p !== 'notice_receive'), // a notice is signed by its own unit
  display: [],
}

export const actionPermissions: Readonly<Record<IssueAction | 'note', Permission>> = {
  assign: 'issue_assign',
  rectify: 'issue_rectify',
  approve: 'issue_review',
  reject: 'issue_review',
  reopen: 'issue_reopen',
  note: 'issue_note', // notes and photos
}

/** Who is asking. unitCode for unit operators, gridCodes (15-digit) for grid managers and members. */
export interface User {
  username: string
  displayName: string
  role: Role
  unitCode?: string
  gridCodes?: readonly string[]
}

/** The parts of an issue that decide ownership. */
export type IssueScope = Pick<IssueProperties, 'responsibleUnit' | 'gridCode'>

/** Roles whose scope is a list of grids (User.gridCodes). */
export const gridRoles: readonly Role[] = ['grid-manager', 'grid-member']

export function hasPermission(
  user: Pick<User, 'role'> | undefined,
  permission: Permission,
): boolean {
  return user !== undefined && rolePermissions[user.role].includes(permission)
}

/** A new responsible unit is county-wide: grid administrators add one, but not a 网格长, whose
 *  scope is their townships (grids/grid-edit-scope.ts; the people panel offers the form to the same). */
export function mayCreateUnit(user: Pick<User, 'role'> | null | undefined): boolean {
  return Boolean(user && hasPermission(user, 'grid_admin') && user.role !== 'grid-manager')
}

/** Whether the issue is the user's to act on: their unit's, their grids', or anyone's. */
export function owns(user: User, issue: IssueScope): boolean {
  switch (user.role) {
    case 'unit-operator':
      return user.unitCode !== undefined && issue.responsibleUnit === user.unitCode
    case 'grid-manager':
    case 'grid-member':
      return user.gridCodes?.includes(issue.gridCode) ?? false
    default:
      return true
  }
}

/** 我的任务's filter: a unit operator's unit, a grid member's or manager's grids; others have none. */
export function ownIssueFilter(
  user: User,
): { responsibleUnit: string } | { gridCodes: readonly string[] } | undefined {
  if (user.role === 'unit-operator') return { responsibleUnit: user.unitCode ?? '' }
  if (gridRoles.includes(user.role)) return { gridCodes: user.gridCodes ?? [] }
  return undefined
}

/** Whether the user's role allows the action and the issue is theirs. The status is not checked. */
export function can(
  user: User | undefined,
  action: IssueAction | 'note',
  issue: IssueScope,
): boolean {
  return user !== undefined && hasPermission(user, actionPermissions[action]) && owns(user, issue)
}

/** What the user may do to the issue now: the transitions its status allows, then 'note'. */
export function allowedActions(
  user: User | undefined,
  issue: IssueScope & { status: IssueStatus },
): (IssueAction | 'note' | 'urge')[] {
  const actions: (IssueAction | 'note' | 'urge')[] = actionsFrom(issue.status).filter((a) =>
    can(user, a, issue),
  )
  if (can(user, 'note', issue)) actions.push('note')
  // 催办: pressing the unit makes sense while someone still has to act
  if (
    hasPermission(user, 'issue_urge') &&
    (issue.status === 'pending' || issue.status === 'fixing')
  ) {
    actions.push('urge')
  }
  return actions
}
