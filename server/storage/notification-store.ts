import type { ReminderRule } from '../domain/reminders.ts'
import { jsonColumn } from './json-column.ts'

// The notifications part of the Store: every user's 消息中心, and the reminder scheduler's sent-log.
// `deliver` is the one write of the scheduler: a reminder's log row and its notifications commit
// together, and a reminder already logged (by another process, or before a restart) writes nothing.

export interface NewNotification {
  username: string
  kind: 'reminder' | 'urge' | 'escalation' | 'digest'
  title: string
  body: string
  issueId?: string
  createdAt: string
}

export interface NotificationRecord extends NewNotification {
  id: number
  readAt?: string
}

/** One reminder to send: its sent-log key and what it writes. */
export interface ReminderDelivery {
  ruleId: string
  issueId: string
  deadlineAt: string
}

/** The sent-log key as one string. */
export const deliveryKey = (d: ReminderDelivery) => `${d.ruleId}|${d.issueId}|${d.deadlineAt}`

export interface NotificationStore {
  /**
   * Logs the reminders not logged yet and writes `notifications(fresh)` for those only, in one
   * transaction. Answers how many reminders were fresh.
   */
  deliverReminders(
    reminders: readonly ReminderDelivery[],
    notifications: (fresh: readonly ReminderDelivery[]) => Deliveries,
    sentAt: string,
  ): Promise<number>
  /** Newest first; `unreadOnly` leaves out the read ones. */
  notifications(
    username: string,
    options: { unreadOnly?: boolean; limit: number },
  ): Promise<NotificationRecord[]>
  /** Writes notifications that no sent-log guards (a 催办 by hand). */
  addNotifications(notifications: readonly NewNotification[]): Promise<void>
  unreadCount(username: string): Promise<number>
  /** Marks the user's notifications read: the given ids, or all when ids is undefined. */
  markRead(username: string, ids: readonly number[] | undefined, at: string): Promise<number>
  /** The administrators' 催办规则, or undefined when none were saved (the defaults apply). */
  reminderRules(): Promise<SavedReminderRules | undefined>
  /** Replaces the rule set as a whole. */
  saveReminderRules(rules: readonly ReminderRule[], by: string, at: string): Promise<void>
  /** The outgoing channels (reminders/channels.ts WebhookChannel), as saved. */
  reminderChannels(): Promise<unknown[]>
  saveReminderChannels(channels: readonly unknown[]): Promise<void>
  /** Queues channel messages (the outbox), due at `at`. */
  enqueueOutbox(items: readonly NewOutboxItem[], at: string): Promise<void>
  /**
   * Claims up to `limit` pending rows due at `at` and not leased by another sender, leasing them
   * to `worker` until `leaseUntil`. Two senders never claim the same row while a lease holds.
   */
  claimOutbox(worker: string, at: string, leaseUntil: string, limit: number): Promise<OutboxItem[]>
  /** Records an attempt: sent, retry at `nextAt`, or failed (given up). Ends the lease. */
  finishOutbox(id: number, attempt: OutboxAttempt, at: string): Promise<void>
  /** Newest first, for the administrators (GET /api/admin/deliveries). */
  outbox(options: { status?: OutboxStatus; limit: number }): Promise<OutboxItem[]>
}

/** What fresh reminders write, in the sent-log's transaction: inbox notifications and outbox rows. */
export interface Deliveries {
  notifications: NewNotification[]
  outbox: NewOutboxItem[]
}

export type OutboxStatus = 'pending' | 'sent' | 'failed'

export interface NewOutboxItem {
  channelId: string
  message: { title: string; body: string; link?: string }
}

export interface OutboxItem extends NewOutboxItem {
  id: number
  status: OutboxStatus
  attempts: number
  nextAt: string
  lastError?: string
  createdAt: string
  doneAt?: string
}

export type OutboxAttempt =
  | { status: 'sent' }
  | { status: 'pending'; nextAt: string; error: string }
  | { status: 'failed'; error: string }

/** An outbox row as both stores read it. */
export interface OutboxRow {
  id: string | number
  channel_id: string
  message: unknown
  status: OutboxStatus
  attempts: number
  next_at: string
  last_error: string | null
  created_at: string
  done_at: string | null
}

export function toOutboxItem(row: OutboxRow): OutboxItem {
  const message = typeof row.message === 'string' ? JSON.parse(row.message) : row.message
  return {
    id: Number(row.id),
    channelId: row.channel_id,
    message: message as OutboxItem['message'],
    status: row.status,
    attempts: Number(row.attempts),
    nextAt: row.next_at,
    ...(row.last_error ? { lastError: row.last_error } : {}),
    createdAt: row.created_at,
    ...(row.done_at ? { doneAt: row.done_at } : {}),
  }
}

export interface SavedReminderRules {
  rules: ReminderRule[]
  updatedBy: string
  updatedAt: string
}

/** A notifications row as both stores read it (snake_case columns; the id may come as a bigint string). */
export interface NotificationRow {
  id: string | number
  username: string
  kind: NewNotification['kind']
  title: string
  body: string
  issue_id: string | null
  created_at: string
  read_at: string | null
}

export function toNotificationRecord(row: NotificationRow): NotificationRecord {
  return {
    id: Number(row.id),
    username: row.username,
    kind: row.kind,
    title: row.title,
    body: row.body,
    ...(row.issue_id ? { issueId: row.issue_id } : {}),
    createdAt: row.created_at,
    ...(row.read_at ? { readAt: row.read_at } : {}),
  }
}

/** A new notification's values: username, kind, title, body, issue_id, created_at. */
export const notificationValues = (n: NewNotification): unknown[] => [
  n.username,
  n.kind,
  n.title,
  n.body,
  n.issueId ?? null,
  n.createdAt,
]

/** An attempt's status, next_at (only when pending) and last_error (none when sent). */
export const attemptValues = (attempt: OutboxAttempt): unknown[] => [
  attempt.status,
  attempt.status === 'pending' ? attempt.nextAt : null,
  attempt.status === 'sent' ? null : attempt.error,
]

export function toSavedReminderRules(row: {
  rules: unknown
  updated_by: string
  updated_at: string
}): SavedReminderRules {
  return {
    rules: jsonColumn<ReminderRule[]>(row.rules),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  }
}
