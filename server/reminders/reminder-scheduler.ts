// The 催办 scheduler. Every minute, in every process, the reminders due (domain/reminders.ts) are
// computed from the live ledger's columns and the rules in force (reminder-rules.ts: the
// administrators' set, read each tick, else the defaults) and delivered to the recipients' 消息中心
// through the store's sent-log, which lets each rule fire once per issue and deadline whatever the number of
// processes and restarts. A 催办 found more than `lateMs` after its moment (a late start, a stopped
// server) is not sent alone: each recipient gets one digest of all of them; such a 提醒 is stale.

import { setImmediate as nextTurn } from 'node:timers/promises'
import { type DigestIssue, digestDue, digestMessage, unitDigests } from '../domain/digest.ts'
import { issueCategories, issueStatuses } from '../domain/issue.ts'
import { issuePath, ledgerPath, linkTo } from '../domain/issue-link.ts'
import { issueLabel, issueNoOfCode } from '../domain/issue-number.ts'
import { issueCategoryLabels } from '../domain/labels-zh.ts'
import {
  type DueReminder,
  dueReminders,
  type OpenIssue,
  type RecipientKind,
  type ReminderRule,
} from '../domain/reminders.ts'
import type { User } from '../domain/roles.ts'
import type { LiveLedger } from '../live/live-ledger.ts'
import {
  deliveryKey,
  type NewNotification,
  type NewOutboxItem,
  type ReminderDelivery,
} from '../storage/notification-store.ts'
import type { Store } from '../storage/store.ts'
import { channelsInForce, type ReminderChannel, rulesInForce } from './reminder-rules.ts'

export interface SchedulerOptions {
  rules?: readonly ReminderRule[] // fixed rules (tests); by default the store's (reminder-rules.ts)
  periodMs: number // how often to look
  lateMs: number // past its moment by more than this, a 催办 goes into a digest and a 提醒 is stale
  digestAt?: number // minutes after Beijing midnight of each unit's daily digest; none: no digests
  publicBaseUrl?: string // PUBLIC_BASE_URL: messages to the channels link to the issue; none: no links
}

/** The sent-log key of a unit's daily digest: one per unit and Beijing day. */
export const digestRuleId = 'daily-digest'

export const schedulerDefaults: SchedulerOptions = {
  periodMs: 60_000, // ms
  lateMs: 3_600_000, // ms: an hour
}

const rowsPerTurn = 250_000 // rows of the live columns looked at between two turns of the event loop

// reminders go to issues someone still has to act on: not yet handed over, or being fixed
const remindable = new Set([issueStatuses.indexOf('pending'), issueStatuses.indexOf('fixing')])

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

export class ReminderScheduler {
  private readonly live: LiveLedger
  private readonly store: Store
  private readonly options: SchedulerOptions
  private running: Promise<number> | undefined
  /** Sent-log keys of reminders this process found due and had logged (by it or another process). */
  private logged = new Set<string>()

  constructor(live: LiveLedger, store: Store, options: Partial<SchedulerOptions> = {}) {
    this.live = live
    this.store = store
    this.options = { ...schedulerDefaults, ...options }
  }

  /** Ticks now (a late start catches up at once) and every periodMs until the returned function is called. */
  start(now: () => Date = () => new Date()): () => void {
    const tick = () => {
      this.tick(now()).catch((error: unknown) => console.error('催办提醒发送失败：', error))
    }
    tick()
    const timer = setInterval(tick, this.options.periodMs)
    timer.unref()
    return () => clearInterval(timer)
  }

  /** Delivers what is due at `now`; answers how many reminders were new. One tick at a time. */
  tick(now: Date): Promise<number> {
    this.running ??= this.deliver(now).finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async deliver(now: Date): Promise<number> {
    await this.live.ready
    return (await this.deliverReminders(now)) + (await this.deliverDigests(now))
  }

  /**
   * Each unit's daily digest, once per Beijing day: logged in the sent-log under (daily-digest,
   * unit:<code>, <date>) in the transaction of its notifications and outbox rows, like a reminder.
   */
  private async deliverDigests(now: Date): Promise<number> {
    if (this.options.digestAt === undefined) return 0
    const nowMs = now.getTime()
    const day = digestDue(nowMs, this.options.digestAt)
    if (!day) return 0
    const digests = unitDigests(this.openIssues(), nowMs, day.startMs)
    if (digests.length === 0) return 0
    const { active, unitNames, channels } = await this.recipients()
    const createdAt = now.toISOString()
    const byKey = new Map(digests.map((d) => [`unit:${d.unitCode}`, d]))
    return this.store.deliverReminders(
      digests.map((d) => ({
        ruleId: digestRuleId,
        issueId: `unit:${d.unitCode}`,
        deadlineAt: day.date,
      })),
      (fresh) => {
        const notifications: NewNotification[] = []
        const outbox: NewOutboxItem[] = []
        for (const { issueId } of fresh) {
          const digest = byKey.get(issueId)
          if (!digest) continue
          const message = digestMessage(
            digest,
            unitNames.get(digest.unitCode) ?? digest.unitCode,
            day.date,
          )
          for (const user of active) {
            if (user.role !== 'unit-operator' || user.unitCode !== digest.unitCode) continue
            notifications.push({ username: user.username, kind: 'digest', ...message, createdAt })
          }
          const linked = { ...message, ...linkTo(this.options.publicBaseUrl, ledgerPath) }
          for (const channel of channels) {
            if (channel.unitCodes?.length && !channel.unitCodes.includes(digest.unitCode)) continue
            outbox.push({ channelId: channel.id, message: linked })
          }
        }
        return { notifications, outbox }
      },
      createdAt,
    )
  }

  /** Who may be told (the active users), the units' names and the channels in force. */
  private async recipients() {
    const [users, units, channels] = await Promise.all([
      this.store.users(),
      this.store.units(),
      channelsInForce(this.store),
    ])
    return {
      active: users.filter((u) => u.active),
      unitNames: new Map(units.map((u) => [u.code, u.name])),
      channels,
    }
  }

  private async deliverReminders(now: Date): Promise<number> {
    const nowMs = now.getTime()
    const rules = this.options.rules ?? (await rulesInForce(this.store)).rules
    // in slices of rows with a turn between, so requests are answered meanwhile (5M issues: seconds
    // in one go); a row moved by a removal meanwhile may be missed, and is found a minute later
    const due = new Map<string, DueReminder>()
    for (let from = 0; from < this.live.columns.size; from += rowsPerTurn) {
      const open = this.openIssues(from, from + rowsPerTurn)
      for (const d of dueReminders(open, rules, nowMs, this.options.lateMs)) due.set(keyOf(d), d)
      await nextTurn()
    }
    // what this process logged stays logged: the store is asked only about the rest (at 5M issues
    // the 14-day catch-up holds ≈ 700,000 reminders, offered again every minute otherwise)
    const unknown = [...due].filter(([key]) => !this.logged.has(key)).map(([, d]) => d)
    if (unknown.length === 0) return this.remember(due, 0)
    const { active, unitNames, channels } = await this.recipients()
    const deliveries = new Map(unknown.map((d) => [deliveryKey(toDelivery(d)), d]))
    await nextTurn()
    const fresh = await this.store.deliverReminders(
      unknown.map(toDelivery),
      (logged) => {
        const reminders = logged.map((f) => deliveries.get(deliveryKey(f)) as DueReminder)
        return {
          notifications: notificationsOf(reminders, active, unitNames, nowMs, this.options.lateMs),
          outbox: outboxOf(reminders, channels, unitNames, nowMs, this.options),
        }
      },
      now.toISOString(),
    )
    return this.remember(due, fresh)
  }

  /** Keeps the keys of the reminders due now, all in the sent-log; answers `fresh`. */
  private remember(due: ReadonlyMap<string, DueReminder>, fresh: number): number {
    this.logged = new Set(due.keys()) // no longer due: never asked about again, so forgotten
    return fresh
  }

  /** The remindable issues among rows [from, to) (all of them by default). */
  private *openIssues(from = 0, to = Number.POSITIVE_INFINITY): Generator<DigestIssue> {
    const c = this.live.columns
    for (let row = from; row < Math.min(to, c.size); row++) {
      if (!remindable.has(c.status[row] as number)) continue
      const issueNo = issueNoOfCode(c.issueNo[row] as number)
      yield {
        id: c.ids[row] as string,
        ...(issueNo ? { issueNo } : {}),
        category: issueCategoryOf(c.category[row] as number),
        unitCode: c.units.codes[c.unit[row] as number] ?? '',
        townshipCode: c.townships.codes[c.township[row] as number] ?? '',
        deadlineAtMs: c.deadlineAt[row] as number,
        reportedAtMs: c.reportedAt[row] as number,
      }
    }
  }
}

const issueCategoryOf = (index: number): string => issueCategories[index] ?? ''

/** A reminder's identity, as the sent-log's key but cheaper to make (no ISO date). */
const keyOf = ({ rule, issue }: DueReminder) => `${rule.id}|${issue.id}|${issue.deadlineAtMs}`

const toDelivery = ({ rule, issue }: DueReminder): ReminderDelivery => ({
  ruleId: rule.id,
  issueId: issue.id,
  deadlineAt: new Date(issue.deadlineAtMs).toISOString(),
})

/** Accounts that receive a rule's reminders about an issue. */
export function recipientsOf(to: RecipientKind, issue: OpenIssue, users: readonly User[]): User[] {
  switch (to) {
    case 'unit':
      return users.filter((u) => u.role === 'unit-operator' && u.unitCode === issue.unitCode)
    case 'township': // grid codes begin with their township's code
      return users.filter(
        (u) =>
          u.role === 'grid-manager' &&
          (u.gridCodes ?? []).some((g) => g.startsWith(issue.townshipCode)),
      )
    case 'office':
      return users.filter((u) => u.role === 'admin')
    case 'commander':
      return users.filter((u) => u.role === 'commander')
  }
}

/** One notification per recipient and reminder; a recipient's late reminders become one digest. */
export function notificationsOf(
  reminders: readonly DueReminder[],
  users: readonly User[],
  unitNames: ReadonlyMap<string, string>,
  nowMs: number,
  lateMs: number,
): NewNotification[] {
  const createdAt = new Date(nowMs).toISOString()
  const out: NewNotification[] = []
  const late = new Map<string, DueReminder[]>()
  // a start after an import catches up on hundreds of thousands: each lookup and push is O(1)
  const recipients = new Map<string, User[]>()
  for (const reminder of reminders) {
    const { to } = reminder.rule
    const key = `${to}|${to === 'township' ? reminder.issue.townshipCode : reminder.issue.unitCode}`
    let told = recipients.get(key)
    if (!told) {
      told = recipientsOf(to, reminder.issue, users)
      recipients.set(key, told)
    }
    for (const user of told) {
      if (nowMs - reminder.atMs > lateMs) {
        const list = late.get(user.username)
        if (list) list.push(reminder)
        else late.set(user.username, [reminder])
        continue
      }
      out.push({
        username: user.username,
        kind: kindOf(reminder.rule),
        title: `${reminder.rule.name}：${issueLabel(reminder.issue)}`,
        body: describe(reminder, unitNames, nowMs),
        issueId: reminder.issue.id,
        createdAt,
      })
    }
  }
  for (const [username, list] of late) {
    out.push({ username, kind: 'digest', ...lateDigest(list, unitNames, nowMs), createdAt })
  }
  return out
}

/** One outbox message per channel and reminder about the channel's units; late ones: one digest per channel. */
export function outboxOf(
  reminders: readonly DueReminder[],
  channels: readonly ReminderChannel[],
  unitNames: ReadonlyMap<string, string>,
  nowMs: number,
  { lateMs, publicBaseUrl }: Pick<SchedulerOptions, 'lateMs' | 'publicBaseUrl'>,
): NewOutboxItem[] {
  const out: NewOutboxItem[] = []
  for (const channel of channels) {
    const units = channel.unitCodes?.length ? new Set(channel.unitCodes) : undefined
    const late: DueReminder[] = []
    for (const r of reminders) {
      if (units && !units.has(r.issue.unitCode)) continue
      if (nowMs - r.atMs > lateMs) {
        late.push(r)
        continue
      }
      out.push({
        channelId: channel.id,
        message: {
          title: `${r.rule.name}：${issueLabel(r.issue)}`,
          body: describe(r, unitNames, nowMs),
          ...linkTo(publicBaseUrl, issuePath(r.issue.id)),
        },
      })
    }
    if (late.length) {
      out.push({
        channelId: channel.id,
        message: { ...lateDigest(late, unitNames, nowMs), ...linkTo(publicBaseUrl, ledgerPath) },
      })
    }
  }
  return out
}

/** 催办汇总 of late reminders: how many issues, the first ten lines and how many in all. */
function lateDigest(
  late: readonly DueReminder[],
  unitNames: ReadonlyMap<string, string>,
  nowMs: number,
) {
  const issues = new Set(late.map((r) => r.issue.id))
  const lines = late
    .slice(0, 10)
    .map((r) => `${issueLabel(r.issue)} ${describe(r, unitNames, nowMs)}`)
  if (late.length > 10) lines.push(`等共 ${late.length} 条`)
  return { title: `催办汇总：${issues.size} 件问题待办理`, body: lines.join('\n') }
}

function kindOf(rule: ReminderRule): NewNotification['kind'] {
  if (rule.hoursFromDeadline < 0) return 'reminder'
  return rule.hoursFromDeadline === 0 ? 'urge' : 'escalation'
}

function describe({ issue }: DueReminder, unitNames: ReadonlyMap<string, string>, nowMs: number) {
  const category = issueCategoryLabels[issue.category as keyof typeof issueCategoryLabels] ?? '问题'
  const unit = unitNames.get(issue.unitCode) ?? issue.unitCode
  const days = Math.floor((nowMs - issue.deadlineAtMs) / 86_400_000)
  const when =
    nowMs < issue.deadlineAtMs
      ? `整改期限 ${beijing.format(issue.deadlineAtMs)}`
      : days >= 1
        ? `已逾期 ${days} 天`
        : '已到整改期限'
  return `${category} · ${unit} · ${when}`
}
