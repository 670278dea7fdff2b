// Notifications and the reminder sent-log on SQLite (migration 012). INSERT OR IGNORE on the log's
// primary key makes a reminder fresh for exactly one transaction, whichever process runs it.
import type { ReminderRule } from '../../domain/reminders.ts'
import {
  attemptValues,
  type Deliveries,
  type NewNotification,
  type NewOutboxItem,
  type NotificationRecord,
  type NotificationRow,
  type NotificationStore,
  notificationValues,
  type OutboxAttempt,
  type OutboxItem,
  type OutboxRow,
  type OutboxStatus,
  type ReminderDelivery,
  type SavedReminderRules,
  toNotificationRecord,
  toOutboxItem,
  toSavedReminderRules,
} from '../notification-store.ts'
import { SqlitePart } from './sqlite-part.ts'

export class SqliteNotifications extends SqlitePart implements NotificationStore {
  async deliverReminders(
    reminders: readonly ReminderDelivery[],
    notifications: (fresh: readonly ReminderDelivery[]) => Deliveries,
    sentAt: string,
  ): Promise<number> {
    return this.transaction(() => {
      const log = this.prepare(
        'INSERT OR IGNORE INTO reminder_log (rule_id, issue_id, deadline_at, sent_at) VALUES (?, ?, ?, ?)',
      )
      const fresh = reminders.filter(
        (r) => log.run(r.ruleId, r.issueId, r.deadlineAt, sentAt).changes === 1,
      )
      if (fresh.length) {
        const out = notifications(fresh)
        this.insert(out.notifications)
        this.insertOutbox(out.outbox, sentAt)
      }
      return fresh.length
    })
  }

  async addNotifications(notifications: readonly NewNotification[]): Promise<void> {
    this.transaction(() => this.insert(notifications))
  }

  private insert(notifications: readonly NewNotification[]): void {
    const insert = this.prepare(
      `INSERT INTO notifications (username, kind, title, body, issue_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    for (const n of notifications) {
      insert.run(...notificationValues(n))
    }
  }

  async notifications(
    username: string,
    { unreadOnly = false, limit }: { unreadOnly?: boolean; limit: number },
  ): Promise<NotificationRecord[]> {
    const rows = this.prepare(
      `SELECT * FROM notifications WHERE username = ? ${unreadOnly ? 'AND read_at IS NULL' : ''}
       ORDER BY id DESC LIMIT ?`,
    ).all(username, limit) as NotificationRow[]
    return rows.map(toNotificationRecord)
  }

  async unreadCount(username: string): Promise<number> {
    return this.prepare('SELECT count(*) FROM notifications WHERE username = ? AND read_at IS NULL')
      .pluck()
      .get(username) as number
  }

  async markRead(
    username: string,
    ids: readonly number[] | undefined,
    at: string,
  ): Promise<number> {
    if (ids === undefined) {
      return this.prepare(
        'UPDATE notifications SET read_at = ? WHERE username = ? AND read_at IS NULL',
      ).run(at, username).changes
    }
    return this.transaction(() => {
      const mark = this.prepare(
        'UPDATE notifications SET read_at = ? WHERE id = ? AND username = ? AND read_at IS NULL',
      )
      return ids.reduce((sum, id) => sum + mark.run(at, id, username).changes, 0)
    })
  }

  async reminderRules(): Promise<SavedReminderRules | undefined> {
    const row = this.prepare(
      'SELECT rules, updated_by, updated_at FROM reminder_rules WHERE id = 1',
    ).get() as { rules: string; updated_by: string; updated_at: string } | undefined
    return row && toSavedReminderRules(row)
  }

  async saveReminderRules(rules: readonly ReminderRule[], by: string, at: string): Promise<void> {
    this.prepare(
      `INSERT INTO reminder_rules (id, rules, updated_by, updated_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at`,
    ).run(JSON.stringify(rules), by, at)
  }

  async enqueueOutbox(items: readonly NewOutboxItem[], at: string): Promise<void> {
    this.transaction(() => this.insertOutbox(items, at))
  }

  private insertOutbox(items: readonly NewOutboxItem[], at: string): void {
    const add = this.prepare(
      'INSERT INTO outbox (channel_id, message, next_at, created_at) VALUES (?, ?, ?, ?)',
    )
    for (const item of items) add.run(item.channelId, JSON.stringify(item.message), at, at)
  }

  async reminderChannels(): Promise<unknown[]> {
    const text = this.prepare('SELECT channels FROM reminder_channels WHERE id = 1')
      .pluck()
      .get() as string | undefined
    return text === undefined ? [] : (JSON.parse(text) as unknown[])
  }

  async saveReminderChannels(channels: readonly unknown[]): Promise<void> {
    this.prepare(
      'INSERT INTO reminder_channels (id, channels) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET channels = excluded.channels',
    ).run(JSON.stringify(channels))
  }

  async claimOutbox(
    worker: string,
    at: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutboxItem[]> {
    // one writer at a time on SQLite: the UPDATE … RETURNING claims atomically
    const rows = this.prepare(
      `UPDATE outbox SET claimed_by = ?, claimed_until = ?
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_at <= ?
                    AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id LIMIT ?)
       RETURNING *`,
    ).all(worker, leaseUntil, at, at, limit) as OutboxRow[]
    return rows.map(toOutboxItem).sort((a, b) => a.id - b.id)
  }

  async finishOutbox(id: number, attempt: OutboxAttempt, at: string): Promise<void> {
    this.prepare(
      `UPDATE outbox SET status = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL,
       next_at = coalesce(?, next_at), last_error = coalesce(?, last_error),
       done_at = CASE WHEN ? = 'pending' THEN NULL ELSE ? END WHERE id = ?`,
    ).run(...attemptValues(attempt), attempt.status, at, id)
  }

  async outbox(options: { status?: OutboxStatus; limit: number }): Promise<OutboxItem[]> {
    const rows = (
      options.status
        ? this.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?').all(
            options.status,
            options.limit,
          )
        : this.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(options.limit)
    ) as OutboxRow[]
    return rows.map(toOutboxItem)
  }
}
