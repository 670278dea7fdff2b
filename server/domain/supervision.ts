// 督查 (supervision): where each problem came from, inspection rounds (督查轮次) and their teams and
// targets, and who may write what. Pure: no I/O; the client imports it too.

/** 问题来源. An issue without one predates this field and counts as unknown. */
export const issueSources = [
  'inspection-team', // 督查组
  'undercover', // 明察暗访
  'mock-evaluation', // 模拟测评
  'grid-patrol', // 网格员巡查
  'public-report', // 群众举报/12345
  'higher-assigned', // 上级交办
  'self-check', // 自查
] as const
export type IssueSource = (typeof issueSources)[number]

export const issueSourceLabels: Readonly<Record<IssueSource, string>> = {
  'inspection-team': '督查组',
  undercover: '明察暗访',
  'mock-evaluation': '模拟测评',
  'grid-patrol': '网格员巡查',
  'public-report': '群众举报/12345',
  'higher-assigned': '上级交办',
  'self-check': '自查',
}

/** The source of an issue reported outside any round: 督导员 → 督查组, 网格长/网格员 → 网格员巡查, others 自查. */
export function defaultSourceOf(user: { role: string }): IssueSource {
  if (user.role === 'inspector') return 'inspection-team'
  if (user.role === 'grid-manager' || user.role === 'grid-member') return 'grid-patrol'
  return 'self-check'
}

/** 督查轮次的类型. */
export const roundKinds = [
  'inspection',
  'undercover',
  'mock-evaluation',
  'special-campaign',
] as const
export type RoundKind = (typeof roundKinds)[number]

export const roundKindLabels: Readonly<Record<RoundKind, string>> = {
  inspection: '督查',
  undercover: '明察暗访',
  'mock-evaluation': '模拟测评',
  'special-campaign': '专项整治',
}

/** The source an issue recorded into a round of this kind gets when the reporter names none. */
export const roundKindSource: Readonly<Record<RoundKind, IssueSource>> = {
  inspection: 'inspection-team',
  undercover: 'undercover',
  'mock-evaluation': 'mock-evaluation',
  'special-campaign': 'inspection-team',
}

/** A person on a team: a people record, not necessarily an account. */
export interface Person {
  name: string
  title?: string // 职务, e.g. 县委督查室主任
  username?: string // when the person also has an account
}

export interface RoundTeam {
  name: string // 第一督查组
  leader: Person
  members: Person[]
}

export const targetKinds = ['township', 'unit', 'checkpoint'] as const
export type TargetKind = (typeof targetKinds)[number]

/** What a round sets out to visit: a township (9-digit code), a unit (unit code) or a check point. */
export interface RoundTarget {
  kind: TargetKind
  code: string
  name: string
  visitedOn?: string // YYYY-MM-DD, Beijing: the team registered its visit (登记到达), found or not
}

export interface Round {
  id: string // round-0001
  kind: RoundKind
  number: number // 期次 within its year, e.g. 16 for 2026年第16期
  name: string
  startsOn: string // YYYY-MM-DD, Beijing calendar day, inclusive
  endsOn: string // YYYY-MM-DD, inclusive
  teams: RoundTeam[]
  targets: RoundTarget[]
  createdBy: string // username
  createdAt: string // ISO 8601 UTC
  updatedAt: string
}

export type NewRound = Omit<Round, 'id' | 'createdAt' | 'updatedAt'>

/** Whether an issue visits a target: same township, same responsible unit, or same check point. */
export function visitsTarget(
  issue: { townshipCode: string; responsibleUnit: string; checkpointId?: string },
  target: RoundTarget,
): boolean {
  switch (target.kind) {
    case 'township':
      return issue.townshipCode === target.code
    case 'unit':
      return issue.responsibleUnit === target.code
    case 'checkpoint':
      return issue.checkpointId === target.code
  }
}

// ---- who may write ----------------------------------------------------------------------------
// The 督查 permissions (round_edit, document_draft, document_issue, notice_receive) live in
// domain/roles.ts with the others; http/authorise.ts names the route of each.
/** Roles that see the 督查 tab (rounds and documents); unit operators see their own notices. */
export const supervisionReaders = ['inspector', 'commander', 'admin'] as const
