// Notifications and the reminder sent-log on SQLite (migration 012). INSERT OR IGNORE on the log's
// primary key makes a reminder fresh for exactly one transaction, whichever process runs it.
import type { ReminderRule } from '../../domain/reminders.ts'
import {
  type NewNotification,
  type NotificationRecord,
  type NotificationRow,
  type NotificationStore,
  type ReminderDelivery,
  type SavedReminderRules,
  toNotificationRecord,
} from '../notification-store.ts'
import type { Prepare } from './feature-table.ts'

export class SqliteNotifications implements NotificationStore {
  private readonly prepare: Prepare
  private readonly transaction: <T>(fn: () => T) => T

  constructor(prepare: Prepare, transaction: <T>(fn: () => T) => T) {
    this.prepare = prepare
    this.transaction = transaction
  }

  async deliverReminders(
    reminders: readonly ReminderDelivery[],
    notifications: (fresh: readonly ReminderDelivery[]) => NewNotification[],
    sentAt: string,
  ): Promise<number> {
    return this.transaction(() => {
      const log = this.prepare(
        'INSERT OR IGNORE INTO reminder_log (rule_id, issue_id, deadline_at, sent_at) VALUES (?, ?, ?, ?)',
      )
      const fresh = reminders.filter(
        (r) => log.run(r.ruleId, r.issueId, r.deadlineAt, sentAt).changes === 1,
      )
      if (fresh.length) this.insert(notifications(fresh))
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
      insert.run(n.username, n.kind, n.title, n.body, n.issueId ?? null, n.createdAt)
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
    return (
      row && {
        rules: JSON.parse(row.rules) as ReminderRule[],
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      }
    )
  }

  async saveReminderRules(rules: readonly ReminderRule[], by: string, at: string): Promise<void> {
    this.prepare(
      `INSERT INTO reminder_rules (id, rules, updated_by, updated_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at`,
    ).run(JSON.stringify(rules), by, at)
  }
}
