// 催办 rules as data and which reminders are due (pure). A rule fires once per issue at a moment set
// by the issue's deadline — before it (提醒), at it (催办) or days after it (升级) — while the issue
// is still open. Who receives it is a kind of recipient the scheduler resolves to accounts.
import type { IssueCategory } from './issue.ts'

export const recipientKinds = ['unit', 'township', 'office', 'commander'] as const
/** unit: the unit's operators; township: the grid managers of the issue's township; office: 创建办
 *  (administrators); commander: 指挥长. */
export type RecipientKind = (typeof recipientKinds)[number]

export interface ReminderRule {
  id: string // stable: the sent-log is keyed by rule id and issue id
  name: string // 到期前 24 小时提醒
  hoursFromDeadline: number // negative: before the deadline; 0: at it; positive: after it
  to: RecipientKind
  category?: IssueCategory // only issues of this category
  unitCode?: string // only issues of this unit
}

const day = 24
/** Defaults for a campaign: remind the day before and two hours before, 催办 at the deadline, then
 *  raise it to the township after 3 days, the 创建办 after 7 and the 指挥长 after 14. */
export const defaultReminderRules: readonly ReminderRule[] = [
  { id: 'before-24h', name: '到期前 24 小时提醒', hoursFromDeadline: -24, to: 'unit' },
  { id: 'before-2h', name: '到期前 2 小时提醒', hoursFromDeadline: -2, to: 'unit' },
  { id: 'overdue', name: '逾期催办', hoursFromDeadline: 0, to: 'unit' },
  { id: 'overdue-3d', name: '逾期 3 天升级至乡镇', hoursFromDeadline: 3 * day, to: 'township' },
  { id: 'overdue-7d', name: '逾期 7 天升级至创建办', hoursFromDeadline: 7 * day, to: 'office' },
  {
    id: 'overdue-14d',
    name: '逾期 14 天升级至指挥长',
    hoursFromDeadline: 14 * day,
    to: 'commander',
  },
]

/** An open issue as the scheduler sees it. */
export interface OpenIssue {
  id: string
  issueNo?: string // 问题编号, what the messages name; absent while the issue has none
  category: string
  unitCode: string
  townshipCode: string
  deadlineAtMs: number
  reportedAtMs?: number // when it was found: a 提醒 whose moment came before it never applies
}

export interface DueReminder {
  rule: ReminderRule
  issue: OpenIssue
  atMs: number // when it became due
}

const hourMs = 3_600_000

/**
 * How far back a start catches up: a reminder whose moment passed longer ago than this is history,
 * not news (the ledger and the wall show the issue as overdue). Without it, the first start on an
 * imported ledger of years would log and send every rule of every old issue at once (200,000 open
 * issues: over a million sent-log rows in one transaction before the server could answer).
 */
export const catchUpMs = 14 * 24 * 3_600_000

/**
 * The reminders due at `nowMs`: the rule's moment has come, at most `catchUpMs` ago; for a reminder
 * before the deadline, the deadline has not passed yet (an issue found already overdue gets the
 * 催办, not a stale 提醒) and its moment did not come before the issue was found (one found with 12
 * hours to go gets the 2-hour 提醒, not a 24-hour one that was never on time and, being "late",
 * would go out as a 催办汇总). A 提醒 more than `staleMs` past its moment is stale and left out: it
 * could not go out on time (the deadline was set or moved after it, as on a re-assignment with a new
 * deadline, or the scheduler was down), and the next 提醒 and the 催办 still come on time, so a
 * digest of it would only repeat what the ledger shows. Whether one was sent already is the
 * sent-log's business.
 */
export function dueReminders(
  issues: Iterable<OpenIssue>,
  rules: readonly ReminderRule[],
  nowMs: number,
  staleMs = Number.POSITIVE_INFINITY,
): DueReminder[] {
  const due: DueReminder[] = []
  for (const issue of issues) {
    if (!Number.isFinite(issue.deadlineAtMs)) continue
    for (const rule of rules) {
      if (rule.category && rule.category !== issue.category) continue
      if (rule.unitCode && rule.unitCode !== issue.unitCode) continue
      const atMs = issue.deadlineAtMs + rule.hoursFromDeadline * hourMs
      if (atMs > nowMs || nowMs - atMs > catchUpMs) continue
      if (rule.hoursFromDeadline < 0) {
        if (nowMs >= issue.deadlineAtMs || nowMs - atMs > staleMs) continue
        if (issue.reportedAtMs !== undefined && atMs < issue.reportedAtMs) continue
      }
      due.push({ rule, issue, atMs })
    }
  }
  return due
}
