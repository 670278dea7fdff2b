// The 催办 scheduler on a real store with a fake clock: each rule fires once at its moment, a
// restart or a second process sends nothing twice, a late start becomes one digest per person.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { DueReminder } from '../../server/domain/reminders.ts'
import type { User } from '../../server/domain/roles.ts'
import { transitionIssue } from '../../server/ledger/issue-writes.ts'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import type { ReminderChannel } from '../../server/reminders/reminder-rules.ts'
import {
  notificationsOf,
  outboxOf,
  ReminderScheduler,
  type SchedulerOptions,
} from '../../server/reminders/reminder-scheduler.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { turnsDuring } from '../event-loop.ts'
import { issueAt, openLedgerStore } from '../http/ledger-app.ts'

const deadline = Date.parse('2026-11-25T02:00:00Z') // 10:00 Beijing time
const hour = 3_600_000
const at = (ms: number) => new Date(ms)

const dirs: string[] = []
const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A store file with one issue being fixed by 县城市管理局 (unit-um), and a scheduler on it. */
async function setUp(
  deadlineAt = deadline,
  status: 'pending' | 'fixing' | 'closed' = 'fixing',
  reportedAt = '2026-11-20T02:00:00Z',
) {
  const dir = mkdtempSync(join(tmpdir(), 'reminders-'))
  dirs.push(dir)
  const path = join(dir, 'inspection.db')
  const { store } = await openLedgerStore(
    [
      issueAt('seat', 'i-fixing', {
        status,
        category: 'exposed-garbage',
        deadlineAt: new Date(deadlineAt).toISOString(),
        reportedAt,
      }),
    ],
    path,
  )
  stores.push(store)
  const live = new LiveLedger(store)
  await live.ready
  return { path, store, live, scheduler: new ReminderScheduler(live, store) }
}

async function schedulerOn(store: Store, options: Partial<SchedulerOptions> = {}) {
  const live = new LiveLedger(store)
  await live.ready
  return new ReminderScheduler(live, store, options)
}

async function reopen(path: string, options: Partial<SchedulerOptions> = {}) {
  const store = await openSqliteStore(path)
  stores.push(store)
  return { store, scheduler: await schedulerOn(store, options) }
}

const titles = async (store: Store, username: string) =>
  (await store.notifications(username, { limit: 100 })).map((n) => n.title)

describe('the reminder scheduler', () => {
  test('each rule fires once, at its moment before, at and after the deadline', async () => {
    const { store, scheduler } = await setUp()
    expect(await scheduler.tick(at(deadline - 25 * hour))).toBe(0)
    expect(await scheduler.tick(at(deadline - 24 * hour))).toBe(1)
    expect(await scheduler.tick(at(deadline - 23 * hour))).toBe(0) // already sent
    expect(await scheduler.tick(at(deadline - 2 * hour + 60_000))).toBe(1)
    expect(await scheduler.tick(at(deadline))).toBe(1)
    expect(await titles(store, 'unit-um')).toEqual([
      '逾期催办：2026-000001',
      '到期前 2 小时提醒：2026-000001',
      '到期前 24 小时提醒：2026-000001',
    ])
    const [urge] = await store.notifications('unit-um', { limit: 1 })
    expect(urge).toMatchObject({ kind: 'urge', issueId: 'i-fixing' })
    expect(urge?.body).toBe('暴露垃圾 · 县城市管理局 · 已到整改期限')
    // three days late: raised to the township's grid manager, not to the unit again
    expect(await scheduler.tick(at(deadline + 72 * hour))).toBe(1)
    expect(await titles(store, 'grid-nanzhao')).toEqual(['逾期 3 天升级至乡镇：2026-000001'])
    expect(await titles(store, 'unit-um')).toHaveLength(3)
    expect(await store.unreadCount('unit-um')).toBe(3)
  })

  test('an issue found with 12 hours to go gets no 24-hour 提醒, and no 催办汇总 for it', async () => {
    const found = deadline - 12 * hour
    const { store, scheduler } = await setUp(deadline, 'fixing', new Date(found).toISOString())
    expect(await scheduler.tick(at(found + 60_000))).toBe(0)
    expect(await scheduler.tick(at(deadline - 2 * hour))).toBe(1)
    expect(await scheduler.tick(at(deadline))).toBe(1)
    expect(await titles(store, 'unit-um')).toEqual([
      '逾期催办：2026-000001',
      '到期前 2 小时提醒：2026-000001',
    ])
  })

  test('a tick asks the sent-log only about reminders this process has not logged yet', async () => {
    const { store, scheduler } = await setUp()
    const asked: number[] = []
    const deliver = store.deliverReminders.bind(store)
    store.deliverReminders = (reminders, notifications, sentAt) => {
      asked.push(reminders.length)
      return deliver(reminders, notifications, sentAt)
    }
    expect(await scheduler.tick(at(deadline))).toBe(1) // the 催办 (the 2 h 提醒 is stale by then)
    expect(await scheduler.tick(at(deadline + hour))).toBe(0)
    expect(await scheduler.tick(at(deadline + 72 * hour))).toBe(1) // raised to the township
    expect(asked).toEqual([1, 1])
    expect(await store.unreadCount('unit-um')).toBe(1)
  })

  test('a tick lets the event loop turn while it looks for due reminders and before it writes', async () => {
    const { scheduler } = await setUp()
    const ticking = scheduler.tick(at(deadline))
    expect(await turnsDuring(ticking)).toBeGreaterThanOrEqual(2)
    expect(await ticking).toBe(1)
  })

  test('a restart on the same file sends nothing twice', async () => {
    const { path, store, scheduler } = await setUp()
    // the 24 h 提醒 is 22 hours late: stale, left out; the 2 h one is on time
    expect(await scheduler.tick(at(deadline - 2 * hour))).toBe(1)
    await store.close()
    stores.splice(stores.indexOf(store), 1)
    const again = await reopen(path)
    expect(await again.scheduler.tick(at(deadline - hour))).toBe(0)
    expect(await again.scheduler.tick(at(deadline))).toBe(1)
    expect(await again.scheduler.tick(at(deadline + hour))).toBe(0)
    expect(await titles(again.store, 'unit-um')).toEqual([
      '逾期催办：2026-000001',
      '到期前 2 小时提醒：2026-000001',
    ])
  })

  test('a re-assignment with a new deadline gets no 提醒 from before it, and no 催办汇总 for one', async () => {
    const { store, live, scheduler } = await setUp(deadline + 30 * 24 * hour, 'pending')
    const admin = await store.user('admin')
    if (!admin) throw new Error('the demo accounts have an admin')
    // 交办 at 06:00 Beijing with 3 hours to go: the 24-hour 提醒's moment was 21 hours earlier
    const assignedAt = deadline - 7 * hour
    await transitionIssue(
      store,
      admin,
      'i-fixing',
      {
        action: 'assign',
        version: 1,
        responsibleUnit: 'urban-management',
        deadlineAt: new Date(assignedAt + 3 * hour).toISOString(),
      },
      at(assignedAt),
    )
    await live.catchUp()
    expect(await scheduler.tick(at(assignedAt + 60_000))).toBe(0)
    expect(await scheduler.tick(at(assignedAt + hour))).toBe(1) // 2 hours before the new deadline
    expect(await scheduler.tick(at(assignedAt + 3 * hour))).toBe(1)
    expect(await titles(store, 'unit-um')).toEqual([
      '逾期催办：2026-000001',
      '到期前 2 小时提醒：2026-000001',
    ])
  })

  test('two processes on one file send each reminder once', async () => {
    const { path, store, scheduler } = await setUp()
    const other = await reopen(path)
    const sent = await Promise.all([
      scheduler.tick(at(deadline + hour)),
      other.scheduler.tick(at(deadline + hour)),
    ])
    expect(sent[0] + sent[1]).toBe(1) // the 催办; the reminders before it are stale, not sent
    expect(await titles(store, 'unit-um')).toEqual(['逾期催办：2026-000001'])
  })

  test('a late start catches up with one digest per person, not a flood', async () => {
    const { store, scheduler } = await setUp(deadline - 10 * 24 * hour)
    // 催办, 3 and 7 days overdue are all due; each is more than an hour late
    expect(await scheduler.tick(at(deadline))).toBe(3)
    const unit = await store.notifications('unit-um', { limit: 10 })
    expect(unit).toHaveLength(1)
    expect(unit[0]).toMatchObject({ kind: 'digest', title: '催办汇总：1 件问题待办理' })
    expect(unit[0]?.body).toBe('2026-000001 暴露垃圾 · 县城市管理局 · 已逾期 10 天')
    expect(await titles(store, 'grid-nanzhao')).toEqual(['催办汇总：1 件问题待办理'])
    expect(await titles(store, 'admin')).toEqual(['催办汇总：1 件问题待办理'])
    expect(await titles(store, 'commander')).toEqual([]) // 14 days: not yet
  })

  test("the administrators' saved rules replace the defaults at the next tick, per category and unit", async () => {
    const { store, scheduler } = await setUp()
    await store.saveReminderRules(
      [
        {
          id: 'garbage-6h',
          name: '垃圾问题到期前 6 小时提醒',
          hoursFromDeadline: -6,
          to: 'unit',
          category: 'exposed-garbage',
        },
        {
          id: 'parking-6h',
          name: '停车问题到期前 6 小时提醒',
          hoursFromDeadline: -6,
          to: 'unit',
          category: 'illegal-parking',
        },
        {
          id: 'other-unit',
          name: '其他单位逾期催办',
          hoursFromDeadline: 0,
          to: 'unit',
          unitCode: 'market',
        },
      ],
      'admin',
      at(deadline - 48 * hour).toISOString(),
    )
    // 24 h before: no such rule any more
    expect(await scheduler.tick(at(deadline - 24 * hour))).toBe(0)
    expect(await scheduler.tick(at(deadline - 6 * hour))).toBe(1)
    expect(await scheduler.tick(at(deadline + hour))).toBe(0) // the unit has no 催办 rule
    expect(await titles(store, 'unit-um')).toEqual(['垃圾问题到期前 6 小时提醒：2026-000001'])
    expect(await store.reminderRules()).toMatchObject({ updatedBy: 'admin' })
  })

  test('a channel gets one outbox message per reminder, once across two processes; a late start one digest', async () => {
    const { path, store } = await setUp()
    const linked = { publicBaseUrl: 'https://example.gov.cn/inspection' }
    const scheduler = await schedulerOn(store, linked)
    await store.saveReminderChannels([
      {
        id: 'um',
        name: '城管局工作群',
        kind: 'wecom',
        url: 'http://127.0.0.1:9/x',
        unitCodes: ['urban-management'],
      },
      {
        id: 'other',
        name: '其他单位群',
        kind: 'json',
        url: 'http://127.0.0.1:9/y',
        unitCodes: ['market-regulation'],
      },
    ])
    const other = await reopen(path, linked)
    const sent = await Promise.all([
      scheduler.tick(at(deadline + hour)),
      other.scheduler.tick(at(deadline + hour)),
    ])
    expect(sent[0] + sent[1]).toBe(1)
    expect((await store.outbox({ limit: 10 })).map((o) => [o.channelId, o.message.title])).toEqual([
      ['um', '逾期催办：2026-000001'],
    ])
    // with the server's public address, the message links to the issue in the ledger
    expect((await store.outbox({ limit: 1 }))[0]?.message.link).toBe(
      'https://example.gov.cn/inspection/?panel=ledger&sel=issues/i-fixing',
    )
    // a week later with nothing running: 3 and 7 days overdue come as one digest to the channel
    expect(await scheduler.tick(at(deadline + 8 * 24 * hour))).toBe(2)
    const [digest] = await store.outbox({ limit: 1 })
    expect(digest?.message).toMatchObject({
      title: '催办汇总：1 件问题待办理',
      link: 'https://example.gov.cn/inspection/?panel=ledger',
    })
    expect(await store.outbox({ limit: 10 })).toHaveLength(2)
  })

  test('a closed issue gets nothing; read notifications leave the unread count', async () => {
    const closed = await setUp(deadline, 'closed')
    expect(await closed.scheduler.tick(at(deadline + 30 * 24 * hour))).toBe(0)
    const { store, scheduler } = await setUp()
    expect(await scheduler.tick(at(deadline))).toBe(1)
    expect(await store.unreadCount('unit-um')).toBe(1)
    expect(await store.markRead('unit-um', undefined, at(deadline).toISOString())).toBe(1)
    expect(await store.unreadCount('unit-um')).toBe(0)
    expect(await store.notifications('unit-um', { unreadOnly: true, limit: 10 })).toEqual([])
  })
})

describe('a catch-up on a large ledger', () => {
  // the first start after an import: tens of thousands of reminders in one tick
  const now = Date.parse('2026-12-01T02:00:00Z')
  const rules = {
    overdue: { id: 'overdue', name: '逾期催办', hoursFromDeadline: 0, to: 'unit' },
    office: {
      id: 'overdue-7d',
      name: '逾期 7 天升级至创建办',
      hoursFromDeadline: 168,
      to: 'office',
    },
    township: {
      id: 'overdue-3d',
      name: '逾期 3 天升级至乡镇',
      hoursFromDeadline: 72,
      to: 'township',
    },
  } as const
  const users: User[] = [
    { username: 'office', displayName: '创建办', role: 'admin' },
    { username: 'um', displayName: '城管', role: 'unit-operator', unitCode: 'unit-um' },
    { username: 'edu', displayName: '教育', role: 'unit-operator', unitCode: 'unit-edu' },
    { username: 'seat', displayName: '网格长', role: 'grid-manager', gridCodes: ['532927101-01'] },
  ]
  const count = 40_000
  // every other issue unit-um's, every fourth in township 532927101; three in four late, one on time
  const reminders: DueReminder[] = Array.from({ length: count }, (_, i) => {
    const rule = [rules.overdue, rules.office, rules.township][i % 3] as DueReminder['rule']
    const late = i % 4 !== 0
    return {
      rule,
      issue: {
        id: `i-${i}`,
        category: 'exposed-garbage',
        unitCode: i % 2 ? 'unit-um' : 'unit-edu',
        townshipCode: i % 4 === 1 ? '532927101' : '532927102',
        deadlineAtMs: now - 10 * 86_400_000,
      },
      atMs: late ? now - 2 * hour : now - 60_000,
    }
  })
  const expected = (pick: (r: DueReminder, i: number) => boolean) => {
    const all = reminders.filter(pick)
    const late = all.filter((r) => now - r.atMs > hour)
    return { onTime: all.length - late.length, late: late.length }
  }

  test('each recipient gets its on-time reminders and one digest counting all its late ones', () => {
    const out = notificationsOf(reminders, users, new Map(), now, hour)
    const of = (username: string) => out.filter((n) => n.username === username)
    const want = {
      office: expected((r) => r.rule.to === 'office'),
      um: expected((r) => r.rule.to === 'unit' && r.issue.unitCode === 'unit-um'),
      edu: expected((r) => r.rule.to === 'unit' && r.issue.unitCode === 'unit-edu'),
      seat: expected((r) => r.rule.to === 'township' && r.issue.townshipCode === '532927101'),
    }
    for (const [username, { onTime, late }] of Object.entries(want)) {
      const mine = of(username)
      expect(mine.filter((n) => n.kind !== 'digest')).toHaveLength(onTime)
      const digests = mine.filter((n) => n.kind === 'digest')
      expect(digests).toHaveLength(1)
      expect(digests[0]?.body).toContain(`等共 ${late} 条`)
    }
  })

  test('a channel gets its units’ on-time reminders and one digest of its late ones', () => {
    const channel = {
      id: 'um',
      name: '城管群',
      kind: 'json',
      url: 'http://x.test/',
      unitCodes: ['unit-um'],
    }
    const out = outboxOf(reminders, [channel as ReminderChannel], new Map(), now, { lateMs: hour })
    const want = expected((r) => r.issue.unitCode === 'unit-um')
    expect(out).toHaveLength(want.onTime + 1)
    expect(out.at(-1)?.message.body).toContain(`等共 ${want.late} 条`)
  })
})
