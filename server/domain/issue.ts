// Issue lifecycle (问题台账 close-out loop). Pure: no I/O; the client imports it too.

export const issueStatuses = ['pending', 'fixing', 'reviewing', 'closed'] as const
export type IssueStatus = (typeof issueStatuses)[number]

export const issueCategories = [
  'street-vending',
  'illegal-parking',
  'exposed-garbage',
  'graffiti',
  'illegal-construction',
  'public-ads',
  'facility-damage',
  'dirty-toilet',
  'fumes-noise',
  'greenery-damage',
] as const
export type IssueCategory = (typeof issueCategories)[number]

/** Properties of an `issues` feature; field names follow Open311 in house style. */
export interface IssueProperties {
  category: IssueCategory
  description: string
  status: IssueStatus
  statusNotes?: string
  reportedAt: string // 发现时间, ISO 8601 UTC
  updatedAt: string
  deadlineAt: string // 整改期限
  closedAt?: string // present exactly when status is closed
  responsibleUnit: string // unit code, see units.ts
  checkpointId: string
  gridCode: string
  townshipCode: string
  synthetic: boolean
}

const nextStatuses: Record<IssueStatus, readonly IssueStatus[]> = {
  pending: ['fixing'],
  fixing: ['reviewing'],
  reviewing: ['closed', 'fixing'], // a failed review sends the issue back
  closed: [],
}

export function canTransition(from: IssueStatus, to: IssueStatus): boolean {
  return nextStatuses[from].includes(to)
}

export function allowedTransitions(from: IssueStatus): readonly IssueStatus[] {
  return nextStatuses[from]
}

// overdue is derived, never stored, so it cannot disagree with the clock
export function isOverdue(
  issue: Pick<IssueProperties, 'status' | 'deadlineAt'>,
  now: Date,
): boolean {
  return issue.status !== 'closed' && Date.parse(issue.deadlineAt) < now.getTime()
}
