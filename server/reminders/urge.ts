// 催办 by hand: a 督导员 or the 创建办 presses a unit on one open issue, or on all its overdue ones,
// with a note. Each issue gets a note event 「催办：…」 in its history, and the unit's operators one
// message (one per issue, or one for the whole unit) in the 消息中心 and through the unit's channels.

import { Forbidden, InvalidInput } from '../domain/errors.ts'
import type { IssueState } from '../domain/issue.ts'
import { issuePath, ledgerPath, linkTo } from '../domain/issue-link.ts'
import { issueLabel } from '../domain/issue-number.ts'
import { issueCategoryLabels, roleLabels } from '../domain/labels-zh.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { addNote, issueOr404 } from '../ledger/issue-writes.ts'
import type { NewNotification } from '../storage/notification-store.ts'
import type { Store } from '../storage/store.ts'
import { channelsInForce } from './reminder-rules.ts'

const urgeable = new Set(['pending', 'fixing'])

function assertMayUrge(user: User): void {
  if (!hasPermission(user, 'issue_urge')) throw new Forbidden(`${roleLabels[user.role]}无权催办`)
}

/** 催办 one open issue. */
export async function urgeIssue(
  store: Store,
  user: User,
  issueId: string,
  note: string,
  now: Date,
  baseUrl?: string,
): Promise<{ urged: string[]; notified: number }> {
  assertMayUrge(user)
  const issue = await issueOr404(store, issueId)
  if (!urgeable.has(issue.properties.status)) {
    throw new InvalidInput([{ field: 'id', message: '只能催办待交办或整改中的问题' }])
  }
  return urge(store, user, [issue], note, now, baseUrl, (issues) => ({
    title: `催办：${issues[0] ? issueLabel(issues[0]) : ''}`,
    issueId: issues[0]?.id,
  }))
}

/** 催办 every overdue open issue of a unit. */
export async function urgeUnit(
  store: Store,
  user: User,
  unitCode: string,
  note: string,
  now: Date,
  baseUrl?: string,
): Promise<{ urged: string[]; notified: number }> {
  assertMayUrge(user)
  const unit = (await store.units()).find((u) => u.code === unitCode)
  if (!unit)
    throw new InvalidInput([
      { field: 'code', message: `没有代码为 ${unitCode.slice(0, 64)} 的责任单位` },
    ])
  const page = await store.listIssues({
    responsibleUnit: unitCode,
    overdue: true,
    sort: { key: 'deadlineAt', descending: false },
    limit: 500,
    offset: 0,
    now,
  })
  const overdue = page.items.filter((i) => urgeable.has(i.properties.status))
  if (overdue.length === 0) {
    throw new InvalidInput([
      { field: 'code', message: `${unit.name}没有逾期未办结的问题，无需催办` },
    ])
  }
  return urge(store, user, overdue, note, now, baseUrl, (issues) => ({
    title: `催办：${unit.name}逾期问题 ${issues.length} 件`,
  }))
}

async function urge(
  store: Store,
  user: User,
  issues: readonly IssueState[],
  note: string,
  now: Date,
  baseUrl: string | undefined,
  heading: (issues: readonly IssueState[]) => { title: string; issueId?: string | undefined },
): Promise<{ urged: string[]; notified: number }> {
  for (const issue of issues) {
    await addNote(store, user, issue.id, { note: `催办：${note}` }, now)
  }
  const units = new Set(issues.map((i) => i.properties.responsibleUnit))
  const operators = (await store.users()).filter(
    (u) => u.active && u.role === 'unit-operator' && units.has(u.unitCode ?? ''),
  )
  const { title, issueId } = heading(issues)
  const lines = issues
    .slice(0, 10)
    .map(
      (i) =>
        `${issueLabel(i)} ${issueCategoryLabels[i.properties.category as keyof typeof issueCategoryLabels] ?? ''}`,
    )
  const body = [`${user.displayName}：${note}`, ...lines].join('\n')
  const notifications: NewNotification[] = operators.map((o) => ({
    username: o.username,
    kind: 'urge',
    title,
    body,
    ...(issueId ? { issueId } : {}),
    createdAt: now.toISOString(),
  }))
  await store.addNotifications(notifications)
  // and to the unit's 企业微信 / 钉钉 groups and SMS: one message per channel (outbox-sender.ts)
  const outbox = (await channelsInForce(store))
    .filter((c) => !c.unitCodes?.length || c.unitCodes.some((code) => units.has(code)))
    .map((c) => ({
      channelId: c.id,
      message: { title, body, ...linkTo(baseUrl, issueId ? issuePath(issueId) : ledgerPath) },
    }))
  if (outbox.length) await store.enqueueOutbox(outbox, now.toISOString())
  return { urged: issues.map((i) => i.id), notified: notifications.length }
}
