// The reminder sent-log and the 消息中心 of every Store: a reminder is fresh exactly once, its
// notifications and outbox rows are written in the log's transaction (a failure logs nothing), and a
// catch-up of tens of thousands goes through whole.
import { describe, expect, test } from 'vitest'
import type { ReminderDelivery } from '../../server/storage/notification-store.ts'
import type { Store } from '../../server/storage/store.ts'

const sentAt = '2026-12-01T02:00:00.000Z'
const deliveries = (from: number, count: number): ReminderDelivery[] =>
  Array.from({ length: count }, (_, i) => ({
    ruleId: 'overdue',
    issueId: `i-${from + i}`,
    deadlineAt: '2026-11-30T02:00:00.000Z',
  }))

async function withRecipient(store: Store): Promise<void> {
  await store.createUser({
    username: 'um',
    displayName: '创建办',
    role: 'admin',
    passwordHash: 'scrypt$1024$8$1$c2FsdA$aGFzaA',
    active: true,
    createdAt: sentAt,
  })
}

/** Delivers `list`, writing one notification and one outbox row per fresh reminder; answers what was fresh. */
async function deliver(store: Store, list: readonly ReminderDelivery[]) {
  let seen: readonly ReminderDelivery[] = []
  const count = await store.deliverReminders(
    list,
    (fresh) => {
      seen = fresh
      return {
        notifications: fresh.map((f) => ({
          username: 'um',
          kind: 'urge' as const,
          title: `逾期催办：${f.issueId}`,
          body: '已到整改期限',
          issueId: f.issueId,
          createdAt: sentAt,
        })),
        outbox: fresh.map((f) => ({
          channelId: 'um-robot',
          message: { title: `逾期催办：${f.issueId}`, body: '已到整改期限' },
        })),
      }
    },
    sentAt,
  )
  return { count, fresh: seen.map((f) => f.issueId) }
}

export function describeNotificationStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} reminder sent-log and notifications`, () => {
    test('a catch-up of 12,345 reminders is fresh once, in order, with its notifications and outbox rows', async () => {
      const store = await open()
      await withRecipient(store)
      const first = await deliver(store, deliveries(0, 12_345))
      expect(first.count).toBe(12_345)
      expect(first.fresh).toEqual(deliveries(0, 12_345).map((d) => d.issueId))
      expect(await store.unreadCount('um')).toBe(12_345)
      const newest = await store.notifications('um', { limit: 2 })
      expect(newest.map((n) => n.issueId)).toEqual(['i-12344', 'i-12343'])
      expect(await store.outbox({ status: 'pending', limit: 20_000 })).toHaveLength(12_345)

      // 100 more, of which the last 55 are new, and 3 of the first: only the new ones are fresh
      const again = await deliver(store, [...deliveries(12_300, 100), ...deliveries(0, 3)])
      expect(again).toEqual({ count: 55, fresh: deliveries(12_345, 55).map((d) => d.issueId) })
      expect(await store.unreadCount('um')).toBe(12_400)
      await store.close()
    })

    test('a failure while writing the notifications logs nothing: the next tick finds them fresh', async () => {
      const store = await open()
      await withRecipient(store)
      await expect(
        store.deliverReminders(
          deliveries(0, 10),
          () => {
            throw new Error('磁盘已满')
          },
          sentAt,
        ),
      ).rejects.toThrow('磁盘已满')
      expect((await deliver(store, deliveries(0, 10))).count).toBe(10)
      expect(await store.unreadCount('um')).toBe(10)
      await store.close()
    })

    test('reading marks them: some by id, then all', async () => {
      const store = await open()
      await withRecipient(store)
      await deliver(store, deliveries(0, 5))
      const [a, b] = await store.notifications('um', { limit: 2 })
      expect(await store.markRead('um', [a?.id as number, b?.id as number], sentAt)).toBe(2)
      expect(await store.unreadCount('um')).toBe(3)
      expect(await store.notifications('um', { unreadOnly: true, limit: 10 })).toHaveLength(3)
      expect(await store.markRead('um', undefined, sentAt)).toBe(3)
      expect(await store.unreadCount('um')).toBe(0)
      await store.close()
    })
  })
}
