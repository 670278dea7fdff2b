// Issue lifecycle (问题台账 close-out loop): statuses, the actions that move between them, and the
// append-only events whose replay gives an issue's current state. Pure: no I/O; the client imports it too.
import type { IssueSource } from './supervision.ts'

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
  issueNo?: string // 问题编号 YYYY-NNNNNN (issue-number.ts); on every stored issue, set by the store
  category: IssueCategory
  description: string
  status: IssueStatus
  statusNotes?: string
  reportedAt: string // 发现时间, ISO 8601 UTC
  updatedAt: string
  deadlineAt: string // 整改期限; before 交办 the proposed one
  closedAt?: string // present exactly when status is closed
  responsibleUnit: string // unit code, see units.ts; before 交办 the proposed one (the grid's)
  checkpointId?: string // absent for issues found away from a check point
  gridCode: string
  townshipCode: string
  synthetic: boolean
  source?: IssueSource // 问题来源; absent on issues recorded before sources existed
  roundId?: string // 督查轮次 the issue was recorded in
}

/** The transitions (交办, 整改上报, 复查通过, 复查不通过, 重新打开), each from one status to one status. */
export const issueActions = ['assign', 'rectify', 'approve', 'reject', 'reopen'] as const
export type IssueAction = (typeof issueActions)[number]

export const issueTransitions: Readonly<
  Record<IssueAction, { readonly from: IssueStatus; readonly to: IssueStatus }>
> = {
  assign: { from: 'pending', to: 'fixing' },
  rectify: { from: 'fixing', to: 'reviewing' },
  approve: { from: 'reviewing', to: 'closed' },
  reject: { from: 'reviewing', to: 'fixing' }, // a failed review sends the issue back
  reopen: { from: 'closed', to: 'fixing' }, // administrators only, with a reason
}

/** Actions whose note is required: the reason or what was done. */
export const noteRequired: Readonly<Record<IssueAction, boolean>> = {
  assign: false,
  rectify: true,
  approve: false,
  reject: true,
  reopen: true,
}

export function canTransition(from: IssueStatus, to: IssueStatus): boolean {
  return issueActions.some(
    (a) => issueTransitions[a].from === from && issueTransitions[a].to === to,
  )
}

export function allowedTransitions(from: IssueStatus): readonly IssueStatus[] {
  return actionsFrom(from).map((a) => issueTransitions[a].to)
}

/** The actions an issue in this status allows, whoever asks. */
export function actionsFrom(status: IssueStatus): IssueAction[] {
  return issueActions.filter((a) => issueTransitions[a].from === status)
}

// overdue is derived, never stored, so it cannot disagree with the clock
export function isOverdue(
  issue: Pick<IssueProperties, 'status' | 'deadlineAt'>,
  now: Date,
): boolean {
  return issue.status !== 'closed' && Date.parse(issue.deadlineAt) < now.getTime()
}

// 整改期限 proposed when an issue is found: hours from discovery, by category (as in the demo data)
export const deadlineHours: Readonly<Record<IssueCategory, number>> = {
  'street-vending': 24,
  'illegal-parking': 12,
  'exposed-garbage': 24,
  graffiti: 72,
  'illegal-construction': 360,
  'public-ads': 168,
  'facility-damage': 120,
  'dirty-toilet': 24,
  'fumes-noise': 168,
  'greenery-damage': 240,
}

// ---- events ---------------------------------------------------------------------------------

/**
 * report: found by an inspector; import: loaded from a file or the demo data; note: a remark;
 * transfer: the grid changed hands and the open issue followed to the new unit; regrid: the grid was
 * split, merged or redrawn and the issue now lies in another grid. Neither changes the status.
 */
export const eventActions = [
  'report',
  'import',
  ...issueActions,
  'note',
  'transfer',
  'regrid',
] as const
/** Issue events caused by grid edits (a unit transfer, a regrid): they change the issue without moving
 * it along the close-out loop; the version stays. Not the grid store's own event actions. */
export const issueActionsFromGridEdits = ['transfer', 'regrid'] as const
export type EventAction = (typeof eventActions)[number]

export type LngLat = [lng: number, lat: number]

/** What an event sets: the whole issue for report/import, the new unit and deadline for assign. */
export type IssueChanges = Partial<IssueProperties> & { lngLat?: LngLat }

/** One entry of an issue's append-only history. `seq` orders all events of the store. */
export interface IssueEvent {
  seq: number
  issueId: string
  at: string // ISO 8601 UTC
  actor: string // username; 'system' for the demo data
  actorName: string
  role: string // the actor's role at the time
  action: EventAction
  from?: IssueStatus
  to?: IssueStatus
  note?: string
  attachmentIds?: string[]
  changes?: IssueChanges
}

export type NewIssueEvent = Omit<IssueEvent, 'seq'>

/** An issue as the ledger keeps it: the feature's position and properties, and its version. */
export interface IssueState {
  id: string
  version: number // 1 after report/import, +1 per transition; notes leave it
  lngLat: LngLat
  properties: IssueProperties
}

export interface Actor {
  username: string
  displayName: string
  role: string
}

/** 409: the action does not apply to the issue's status (or the issue's history is broken). */
export class InvalidTransition extends Error {
  override name = 'InvalidTransition'
  readonly from: IssueStatus | undefined
  readonly action: EventAction
  constructor(from: IssueStatus | undefined, action: EventAction, message?: string) {
    super(message ?? `状态为 ${from ?? '（无）'} 的问题不能执行 ${action}`)
    this.from = from
    this.action = action
  }
}

const defaultStatusNotes: Readonly<Record<IssueAction, string>> = {
  assign: '已交办，责任单位整改中',
  rectify: '责任单位已反馈整改，待复查',
  approve: '复查合格，已销号',
  reject: '复查未通过，退回整改',
  reopen: '已重新打开，退回整改',
}

/** The state after one event. Throws InvalidTransition when the event does not fit the state. */
export function applyEvent(state: IssueState | undefined, event: NewIssueEvent): IssueState {
  if (event.action === 'report' || event.action === 'import') {
    if (state) throw new InvalidTransition(state.properties.status, event.action, '问题已存在')
    const { lngLat, ...properties } = event.changes ?? {}
    if (!lngLat || !properties.status) {
      throw new InvalidTransition(undefined, event.action, '首个事件须包含位置和全部属性')
    }
    return {
      id: event.issueId,
      version: 1,
      lngLat,
      properties: properties as IssueProperties,
    }
  }
  if (!state || state.id !== event.issueId) {
    throw new InvalidTransition(undefined, event.action, `问题 ${event.issueId} 尚无上报事件`)
  }
  if (event.action === 'note') {
    return { ...state, properties: { ...state.properties, updatedAt: event.at } }
  }
  if (event.action === 'transfer' || event.action === 'regrid') {
    const properties = { ...state.properties, updatedAt: event.at }
    if (event.action === 'transfer' && event.changes?.responsibleUnit) {
      properties.responsibleUnit = event.changes.responsibleUnit
    }
    if (event.action === 'regrid' && event.changes?.gridCode) {
      properties.gridCode = event.changes.gridCode
    }
    if (event.action === 'regrid' && event.changes?.townshipCode) {
      properties.townshipCode = event.changes.townshipCode
    }
    return { ...state, properties }
  }
  const { from, to } = issueTransitions[event.action]
  if (state.properties.status !== from || event.from !== from || event.to !== to) {
    throw new InvalidTransition(state.properties.status, event.action)
  }
  const { closedAt: _closedAt, ...open } = state.properties
  const properties: IssueProperties = {
    ...open,
    status: to,
    statusNotes: event.note ?? defaultStatusNotes[event.action],
    updatedAt: event.at,
    ...(to === 'closed' ? { closedAt: event.at } : {}),
  }
  if (event.action === 'assign') {
    if (event.changes?.responsibleUnit) properties.responsibleUnit = event.changes.responsibleUnit
    if (event.changes?.deadlineAt) properties.deadlineAt = event.changes.deadlineAt
  }
  return { ...state, version: state.version + 1, properties }
}

/** The state an issue's history leads to. Throws InvalidTransition on an empty or broken history. */
export function replay(events: readonly NewIssueEvent[]): IssueState {
  let state: IssueState | undefined
  for (const event of events) state = applyEvent(state, event)
  if (!state) throw new InvalidTransition(undefined, 'report', '没有任何事件')
  return state
}

export interface TransitionCommand {
  action: IssueAction
  note?: string
  responsibleUnit?: string // assign
  deadlineAt?: string // assign
  attachmentIds?: string[]
}

/** The event a transition writes. Throws InvalidTransition when the status does not allow it. */
export function toTransitionEvent(
  state: IssueState,
  command: TransitionCommand,
  actor: Actor,
  at: string,
): NewIssueEvent {
  const { from, to } = issueTransitions[command.action]
  if (state.properties.status !== from) {
    throw new InvalidTransition(state.properties.status, command.action)
  }
  const event: NewIssueEvent = {
    issueId: state.id,
    at,
    actor: actor.username,
    actorName: actor.displayName,
    role: actor.role,
    action: command.action,
    from,
    to,
  }
  if (command.note !== undefined) event.note = command.note
  if (command.attachmentIds?.length) event.attachmentIds = [...command.attachmentIds]
  if (command.action === 'assign') {
    event.changes = {}
    if (command.responsibleUnit) event.changes.responsibleUnit = command.responsibleUnit
    if (command.deadlineAt) event.changes.deadlineAt = command.deadlineAt
  }
  return event
}
