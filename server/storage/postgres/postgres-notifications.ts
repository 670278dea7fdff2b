// Notifications and the reminder sent-log on PostGIS (migration 006). INSERT … ON CONFLICT DO
// NOTHING on the log's key makes a reminder fresh for exactly one transaction, whichever process.
import type { ReminderRule } from '../../domain/reminders.ts'
import {
  attemptValues,
  type Deliveries,
  deliveryKey,
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
import { fromJson, type Queryable, query, queryOne } from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

const batchRows = 5000 // rows per INSERT … SELECT FROM unnest(…)

export class PostgresNotifications extends PostgresPart implements NotificationStore {
  async deliverReminders(
    reminders: readonly ReminderDelivery[],
    notifications: (fresh: readonly ReminderDelivery[]) => Deliveries,
    sentAt: string,
  ): Promise<number> {
    return this.write(async (w) => {
      // a start after an import logs hundreds of thousands: a round trip per batch, not per row
      const fresh: ReminderDelivery[] = []
      for (let start = 0; start < reminders.length; start += batchRows) {
        const batch = reminders.slice(start, start + batchRows)
        const logged = await query<{ k: string }>(
          w.tx,
          `INSERT INTO reminder_log (rule_id, issue_id, deadline_at, sent_at)
           SELECT r, i, d, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(r, i, d)
           ON CONFLICT DO NOTHING
           RETURNING rule_id || '|' || issue_id || '|' || deadline_at AS k`,
          [
            batch.map((r) => r.ruleId),
            batch.map((r) => r.issueId),
            batch.map((r) => r.deadlineAt),
            sentAt,
          ],
        )
        const keys = new Set(logged.map((row) => row.k))
        for (const r of batch) if (keys.delete(deliveryKey(r))) fresh.push(r)
      }
      if (fresh.length) {
        const out = notifications(fresh)
        await insert(w.tx, out.notifications)
        await insertOutbox(w.tx, out.outbox, sentAt)
      }
      return fresh.length
    }, true)
  }

  async addNotifications(notifications: readonly NewNotification[]): Promise<void> {
    await this.write((w) => insert(w.tx, notifications), true)
  }

  async notifications(
    username: string,
    { unreadOnly = false, limit }: { unreadOnly?: boolean; limit: number },
  ): Promise<NotificationRecord[]> {
    const rows = await query<NotificationRow>(
      this.db,
      `SELECT * FROM notifications WHERE username = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''}
       ORDER BY id DESC LIMIT $2`,
      [username, limit],
    )
    return rows.map(toNotificationRecord)
  }

  async unreadCount(username: string): Promise<number> {
    const row = await queryOne<{ n: number }>(
      this.db,
      'SELECT count(*)::int AS n FROM notifications WHERE username = $1 AND read_at IS NULL',
      [username],
    )
    return row?.n ?? 0
  }

  async markRead(
    username: string,
    ids: readonly number[] | undefined,
    at: string,
  ): Promise<number> {
    const rows = await query(
      this.db,
      ids === undefined
        ? 'UPDATE notifications SET read_at = $1 WHERE username = $2 AND read_at IS NULL RETURNING id'
        : 'UPDATE notifications SET read_at = $1 WHERE username = $2 AND read_at IS NULL AND id = ANY($3::bigint[]) RETURNING id',
      ids === undefined ? [at, username] : [at, username, ids],
    )
    return rows.length
  }

  async reminderRules(): Promise<SavedReminderRules | undefined> {
    const row = await queryOne<{ rules: unknown; updated_by: string; updated_at: string }>(
      this.db,
      'SELECT rules, updated_by, updated_at FROM reminder_rules WHERE id = 1',
    )
    return row && toSavedReminderRules(row)
  }

  async saveReminderRules(rules: readonly ReminderRule[], by: string, at: string): Promise<void> {
    await this.write(async (w) => {
      await query(
        w.tx,
        `INSERT INTO reminder_rules (id, rules, updated_by, updated_at) VALUES (1, $1::text::jsonb, $2, $3)
         ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
        [JSON.stringify(rules), by, at],
      )
    })
  }

  async enqueueOutbox(items: readonly NewOutboxItem[], at: string): Promise<void> {
    await this.write((w) => insertOutbox(w.tx, items, at), true)
  }

  async reminderChannels(): Promise<unknown[]> {
    const row = await queryOne<{ channels: unknown }>(
      this.db,
      'SELECT channels FROM reminder_channels WHERE id = 1',
    )
    return row ? fromJson<unknown[]>(row.channels) : []
  }

  async saveReminderChannels(channels: readonly unknown[]): Promise<void> {
    await this.write(async (w) => {
      await query(
        w.tx,
        'INSERT INTO reminder_channels (id, channels) VALUES (1, $1::text::jsonb) ON CONFLICT (id) DO UPDATE SET channels = excluded.channels',
        [JSON.stringify(channels)],
      )
    })
  }

  async claimOutbox(
    worker: string,
    at: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutboxItem[]> {
    // SKIP LOCKED: two senders claiming at once take different rows
    const rows = await query<OutboxRow>(
      this.db,
      `UPDATE outbox SET claimed_by = $1, claimed_until = $2
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_at <= $3
                    AND (claimed_until IS NULL OR claimed_until <= $3)
                    ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [worker, leaseUntil, at, limit],
    )
    return rows.map(toOutboxItem).sort((a, b) => a.id - b.id)
  }

  async finishOutbox(id: number, attempt: OutboxAttempt, at: string): Promise<void> {
    await query(
      this.db,
      `UPDATE outbox SET status = $1, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL,
       next_at = coalesce($2, next_at), last_error = coalesce($3, last_error),
       done_at = CASE WHEN $1 = 'pending' THEN NULL ELSE $4 END WHERE id = $5`,
      [...attemptValues(attempt), at, id],
    )
  }

  async outbox(options: { status?: OutboxStatus; limit: number }): Promise<OutboxItem[]> {
    const rows = await query<OutboxRow>(
      this.db,
      options.status
        ? 'SELECT * FROM outbox WHERE status = $2 ORDER BY id DESC LIMIT $1'
        : 'SELECT * FROM outbox ORDER BY id DESC LIMIT $1',
      options.status ? [options.limit, options.status] : [options.limit],
    )
    return rows.map(toOutboxItem)
  }
}

async function insert(db: Queryable, notifications: readonly NewNotification[]): Promise<void> {
  for (let start = 0; start < notifications.length; start += batchRows) {
    const rows = notifications.slice(start, start + batchRows).map(notificationValues)
    await query(
      db,
      `INSERT INTO notifications (username, kind, title, body, issue_id, created_at)
       SELECT u, k, t, b, i, c
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS r(u, k, t, b, i, c, n)
       ORDER BY n`,
      [0, 1, 2, 3, 4, 5].map((column) => rows.map((row) => row[column])),
    )
  }
}

async function insertOutbox(
  db: Queryable,
  items: readonly NewOutboxItem[],
  at: string,
): Promise<void> {
  for (let start = 0; start < items.length; start += batchRows) {
    const batch = items.slice(start, start + batchRows)
    await query(
      db,
      `INSERT INTO outbox (channel_id, message, next_at, created_at)
       SELECT c, m::jsonb, $3, $3 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(c, m, n)
       ORDER BY n`,
      [batch.map((item) => item.channelId), batch.map((item) => JSON.stringify(item.message)), at],
    )
  }
}
