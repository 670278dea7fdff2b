// The ledger's writes: report an issue, transition it, add a note. Each checks the role and the
// issue's ownership, builds the event with the pure domain, and lets the store apply it in one
// transaction; a lost race surfaces as 409 with the issue as it is now.

import { Conflict, Forbidden, InvalidInput } from '../domain/errors.ts'
import {
  actionsFrom,
  deadlineHours,
  type IssueAction,
  type IssueCategory,
  type IssueEvent,
  type IssueProperties,
  type IssueState,
  issueTransitions,
  type LngLat,
  type NewIssueEvent,
  noteRequired,
  toTransitionEvent,
} from '../domain/issue.ts'
import { issueEventLabels, issueStatusLabels, roleLabels } from '../domain/labels-zh.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import {
  actionPermissions,
  allowedActions,
  hasPermission,
  owns,
  type User,
} from '../domain/roles.ts'
import { defaultSourceOf, type IssueSource, roundKindSource } from '../domain/supervision.ts'
import { townshipUnitCode } from '../domain/units.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { FirstEvent } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'
import { IssueNotFound } from '../storage/store-errors.ts'
import { type IssueView, toIssueView } from './issue-view.ts'
import { locateGrid } from './locate.ts'

const hourMs = 3_600_000

export interface ReportInput {
  lngLat: LngLat
  category: IssueCategory
  description: string
  checkpointId?: string
  source?: IssueSource
  roundId?: string
}

/** 发现: a new pending issue where the inspector stands; township, grid and proposed unit come from the position. */
export async function reportIssue(
  store: Store,
  user: User,
  input: ReportInput,
  now: Date,
): Promise<IssueView> {
  if (!hasPermission(user, 'issue_report')) throw forbiddenRole(user, '上报问题')
  const [created] = await store.createIssues([await reportEvent(store, user, input, now)])
  return toIssueView((created as { state: IssueState }).state, user, now)
}

/**
 * The first event of an issue reported where `input.lngLat` is: township, grid, proposed unit and
 * deadline from the position and category, as 发现 fills them. Checks everything but the role
 * (the caller's use case decides who may report: 上报 or a 点位测评's failed item).
 */
export async function reportEvent(
  store: Store,
  user: User,
  input: ReportInput,
  now: Date,
): Promise<FirstEvent> {
  const place = await locateGrid(store, input.lngLat)
  if (!place) {
    throw new InvalidInput([
      { field: 'lngLat', message: '该位置不在县域内（不在任何责任网格中），请在地图上重新选点' },
    ])
  }
  // a 网格员 reports what they find on their own round; elsewhere it is another grid's to report
  if (
    user.role === 'grid-member' &&
    !owns(user, { gridCode: place.gridCode, responsibleUnit: '' })
  ) {
    throw new Forbidden(`该位置在网格 ${place.gridCode}，不在您负责的网格内，不能上报`)
  }
  if (
    input.checkpointId !== undefined &&
    !(await store.feature('checkpoints', input.checkpointId))
  ) {
    throw new InvalidInput([
      { field: 'checkpointId', message: `没有编号为 ${input.checkpointId} 的测评点位` },
    ])
  }
  const round = input.roundId === undefined ? undefined : await store.round(input.roundId)
  if (input.roundId !== undefined && !round) {
    throw new InvalidInput([
      {
        field: 'roundId',
        message: `没有编号为 ${input.roundId} 的督查轮次，请先创建或选择已有轮次`,
      },
    ])
  }
  const source = input.source ?? (round ? roundKindSource[round.kind] : defaultSourceOf(user))
  const at = toIsoString(now.getTime())
  const properties: IssueProperties = {
    category: input.category,
    description: input.description,
    status: 'pending',
    statusNotes: '已发现，待交办责任单位',
    reportedAt: at,
    updatedAt: at,
    deadlineAt: toIsoString(now.getTime() + deadlineHours[input.category] * hourMs),
    responsibleUnit: place.responsibleUnit ?? townshipUnitCode(place.townshipCode),
    ...(input.checkpointId !== undefined ? { checkpointId: input.checkpointId } : {}),
    gridCode: place.gridCode,
    townshipCode: place.townshipCode,
    synthetic: false,
    source,
    ...(round ? { roundId: round.id } : {}),
  }
  return {
    ...actorOf(user),
    at,
    action: 'report',
    to: 'pending',
    changes: { ...properties, lngLat: input.lngLat },
  }
}

export interface TransitionInput {
  action: IssueAction
  version: number
  note?: string
  responsibleUnit?: string
  deadlineAt?: string
  attachmentIds?: string[]
}

/**
 * One transition with an optimistic version check, decided inside the store's transaction so the
 * checks and the write see the same state. Order: role 403, unknown 404, stale version or wrong
 * status 409, not the user's issue 403, bad fields 400.
 */
export async function transitionIssue(
  store: Store,
  user: User,
  issueId: string,
  input: TransitionInput,
  now: Date,
): Promise<IssueView> {
  const label = issueEventLabels[input.action]
  if (!hasPermission(user, actionPermissions[input.action])) throw forbiddenRole(user, label)
  const units = input.action === 'assign' ? await store.units() : []
  const attachments = await attachmentIdsOf(store, issueId, input.attachmentIds)
  const { state } = await decideOr404(store, issueId, (current) => {
    if (current.version !== input.version) throw staleVersion(current, user, now, input.version)
    if (current.properties.status !== issueTransitions[input.action].from) {
      const possible = actionsFrom(current.properties.status).map((a) => issueEventLabels[a])
      throw new Conflict(
        `问题当前状态为“${issueStatusLabels[current.properties.status]}”，不能${label}` +
          `（此状态可执行：${possible.join('、') || '无'}）；请刷新后重试`,
        allowedActions(user, current.properties),
        toIssueView(current, user, now),
      )
    }
    if (!owns(user, current.properties)) throw forbiddenScope(user, label)
    checkTransitionFields(input, units, now)
    checkAttachments(attachments, input.attachmentIds)
    return toTransitionEvent(current, input, user, toIsoString(now.getTime()))
  })
  return toIssueView(state, user, now)
}

/** A remark on the issue's timeline (with photos, optionally); the version stays. */
export async function addNote(
  store: Store,
  user: User,
  issueId: string,
  input: { note: string; attachmentIds?: string[] },
  now: Date,
): Promise<IssueEvent> {
  if (!hasPermission(user, 'issue_note')) throw forbiddenRole(user, '添加备注')
  const attachments = await attachmentIdsOf(store, issueId, input.attachmentIds)
  const { event } = await decideOr404(store, issueId, (current) => {
    if (!owns(user, current.properties)) throw forbiddenScope(user, '添加备注')
    checkAttachments(attachments, input.attachmentIds)
    const note: NewIssueEvent = {
      issueId,
      ...actorOf(user),
      at: toIsoString(now.getTime()),
      action: 'note',
      note: input.note,
    }
    if (input.attachmentIds?.length) note.attachmentIds = [...input.attachmentIds]
    return note
  })
  return event
}

export async function issueOr404(store: Store, issueId: string): Promise<IssueState> {
  const issue = await store.issue(issueId)
  if (!issue) throw new RecordNotFound(`没有编号为 ${JSON.stringify(issueId.slice(0, 100))} 的问题`)
  return issue
}

export function actorOf(user: User): { actor: string; actorName: string; role: string } {
  return { actor: user.username, actorName: user.displayName, role: user.role }
}

function checkTransitionFields(
  input: TransitionInput,
  units: readonly { code: string; active: boolean }[],
  now: Date,
): void {
  if (noteRequired[input.action] && !input.note?.trim()) {
    throw new InvalidInput([
      { field: 'note', message: `${issueEventLabels[input.action]}须填写说明` },
    ])
  }
  if (input.action !== 'assign') return
  if (!units.some((u) => u.code === input.responsibleUnit && u.active)) {
    throw new InvalidInput([
      {
        field: 'responsibleUnit',
        message: `没有代码为 ${JSON.stringify(input.responsibleUnit)} 的在用责任单位`,
      },
    ])
  }
  if (!input.deadlineAt || Date.parse(input.deadlineAt) <= now.getTime()) {
    throw new InvalidInput([{ field: 'deadlineAt', message: '整改期限须晚于当前时间' }])
  }
}

/** The ids of the issue's photos, fetched only when the request names some. */
async function attachmentIdsOf(
  store: Store,
  issueId: string,
  wanted: readonly string[] | undefined,
): Promise<ReadonlySet<string>> {
  if (!wanted?.length) return new Set()
  return new Set((await store.issueAttachments(issueId)).map((a) => a.id))
}

function checkAttachments(own: ReadonlySet<string>, wanted: readonly string[] | undefined): void {
  const stranger = wanted?.find((id) => !own.has(id))
  if (stranger !== undefined) {
    throw new InvalidInput([
      {
        field: 'attachmentIds',
        message: `照片 ${JSON.stringify(stranger.slice(0, 60))} 不属于此问题，请先上传`,
      },
    ])
  }
}

async function decideOr404(
  store: Store,
  issueId: string,
  decide: (current: IssueState) => NewIssueEvent,
): Promise<{ state: IssueState; event: IssueEvent }> {
  try {
    return await store.transactIssue(issueId, undefined, decide)
  } catch (error) {
    if (error instanceof IssueNotFound) {
      throw new RecordNotFound(`没有编号为 ${JSON.stringify(issueId.slice(0, 100))} 的问题`)
    }
    throw error
  }
}

function staleVersion(
  current: IssueState,
  user: User,
  now: Date,
  sent: number | undefined,
): Conflict {
  return new Conflict(
    `问题已被他人更新（您提交的版本 ${sent}，当前版本 ${current.version}），请刷新后重试`,
    allowedActions(user, current.properties),
    toIssueView(current, user, now),
  )
}

function forbiddenRole(user: User, what: string): Forbidden {
  return new Forbidden(`${roleLabels[user.role]}无权${what}`)
}

function forbiddenScope(user: User, what: string): Forbidden {
  const whose = user.role === 'unit-operator' ? '本单位' : '您负责的网格' // 网格长 and 网格员
  return new Forbidden(`此问题不属于${whose}，不能${what}`)
}
