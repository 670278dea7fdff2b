// Each unit's daily digest on a real store with a fake clock: at DIGEST_TIME Beijing time, once per
// unit and day across restarts and two processes, in the 消息中心 and through the channels' outbox
// (SMS through the provider interface: the test double records what would be sent).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { beijingDay, digestDue, parseDigestTime, unitDigests } from '../../server/domain/digest.ts'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import { RecordingSms } from '../../server/reminders/channels.ts'
import { sendOutbox } from '../../server/reminders/outbox-sender.ts'
import { channelsInForce } from '../../server/reminders/reminder-rules.ts'
import { ReminderScheduler } from '../../server/reminders/reminder-scheduler.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { issueAt, openLedgerStore } from '../http/ledger-app.ts'

const digestAt = 8 * 60 + 30 // 08:30 Beijing = 00:30 UTC
const morning = Date.parse('2026-11-25T00:30:00Z')
const minute = 60_000
const hour = 60 * minute
const at = (ms: number) => new Date(ms)

const dirs: string[] = []
const stores: Store[] = []
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'digest-'))
  dirs.push(dir)
  const path = join(dir, 'inspection.db')
  // loaded, they are numbered by 发现时间, then id: i-closed 2026-000001, i-overdue …02,
  // i-today …03, i-new (found last) …04; the digests name the numbers, not the ids
  const { store } = await openLedgerStore(
    [
      issueAt('seat', 'i-overdue', { status: 'fixing', deadlineAt: '2026-11-24T02:00:00Z' }),
      issueAt('seat', 'i-today', { status: 'fixing', deadlineAt: '2026-11-25T08:00:00Z' }),
      issueAt('seat', 'i-new', {
        status: 'pending',
        reportedAt: '2026-11-24T12:00:00Z',
        deadlineAt: '2026-11-30T02:00:00Z',
      }),
      issueAt('seat', 'i-closed', { status: 'closed', deadlineAt: '2026-11-20T02:00:00Z' }),
    ],
    path,
  )
  stores.push(store)
  return { path, store, scheduler: await schedulerOn(store) }
}

async function schedulerOn(store: Store) {
  const live = new LiveLedger(store)
  await live.ready
  // the default reminder rules stay out of the way: none of them
  return new ReminderScheduler(live, store, { rules: [], digestAt })
}

async function reopen(path: string) {
  const store = await openSqliteStore(path)
  stores.push(store)
  return { store, scheduler: await schedulerOn(store) }
}

const digests = async (store: Store, username: string) =>
  (await store.notifications(username, { limit: 100 })).filter((n) => n.kind === 'digest')

describe('daily digests per unit', () => {
  test('at DIGEST_TIME Beijing time each unit gets one digest of 今日到期、已逾期、新交办', async () => {
    const { store, scheduler } = await setUp()
    expect(await scheduler.tick(at(morning - minute))).toBe(0) // 08:29
    expect(await scheduler.tick(at(morning))).toBe(1)
    expect(await scheduler.tick(at(morning + hour))).toBe(0) // once a day
    const [digest, ...more] = await digests(store, 'unit-um')
    expect(more).toEqual([])
    expect(digest).toMatchObject({
      kind: 'digest',
      title: '每日汇总（2026-11-25）：县城市管理局',
      body: '今日到期 1 件：2026-000003\n已逾期 1 件：2026-000002\n新交办 1 件：2026-000004',
    })
    expect(digest?.issueId).toBeUndefined()
    expect(await digests(store, 'admin')).toEqual([]) // to the unit's operators only
    // the next morning: the next day's digest
    expect(await scheduler.tick(at(morning + 24 * hour - minute))).toBe(0)
    expect(await scheduler.tick(at(morning + 24 * hour))).toBe(1)
    expect((await digests(store, 'unit-um')).map((d) => d.title)).toEqual([
      '每日汇总（2026-11-26）：县城市管理局',
      '每日汇总（2026-11-25）：县城市管理局',
    ])
  })

  test('a restart and a second process on one file send the day’s digest once', async () => {
    const { path, store, scheduler } = await setUp()
    const other = await reopen(path)
    const sent = await Promise.all([scheduler.tick(at(morning)), other.scheduler.tick(at(morning))])
    expect(sent[0] + sent[1]).toBe(1)
    await store.close()
    stores.splice(stores.indexOf(store), 1)
    const again = await reopen(path)
    expect(await again.scheduler.tick(at(morning + 2 * hour))).toBe(0)
    expect(await digests(again.store, 'unit-um')).toHaveLength(1)
  })

  test('a server down all day does not send that day’s digest the next night; a late start the same day does', async () => {
    const { store, scheduler } = await setUp()
    // 2026-11-25 23:59 Beijing: still the 25th, sent late
    expect(await scheduler.tick(at(Date.parse('2026-11-25T15:59:00Z')))).toBe(1)
    // 2026-11-26 00:10 Beijing: the 26th's moment has not come; the 25th's is over
    expect(await scheduler.tick(at(Date.parse('2026-11-25T16:10:00Z')))).toBe(0)
    expect(await digests(store, 'unit-um')).toHaveLength(1)
  })

  test('the digest goes to each channel of the unit through the outbox; SMS through the provider', async () => {
    const { store, scheduler } = await setUp()
    await store.saveReminderChannels([
      { id: 'um-sms', name: '城管局值班手机', kind: 'sms', phones: ['13800000000'] },
      {
        id: 'other',
        name: '其他单位群',
        kind: 'json',
        url: 'http://127.0.0.1:9/x',
        unitCodes: ['nobody'],
      },
    ])
    expect(await scheduler.tick(at(morning))).toBe(1)
    const queued = await store.outbox({ limit: 10 })
    expect(queued.map((q) => q.channelId)).toEqual(['um-sms'])
    const sms = new RecordingSms()
    const sent = await sendOutbox(store, at(morning), {
      worker: 'a',
      channels: () => channelsInForce(store),
      sms,
    })
    expect(sent).toBe(1)
    expect(sms.sent).toEqual([
      {
        phone: '13800000000',
        text: '每日汇总（2026-11-25）：县城市管理局\n今日到期 1 件：2026-000003\n已逾期 1 件：2026-000002\n新交办 1 件：2026-000004',
      },
    ])
    expect((await store.outbox({ status: 'sent', limit: 5 })).map((q) => q.channelId)).toEqual([
      'um-sms',
    ])
  })

  test('an SMS channel without a provider fails at once, visible to administrators', async () => {
    const { store, scheduler } = await setUp()
    await store.saveReminderChannels([
      { id: 'um-sms', name: '城管局值班手机', kind: 'sms', phones: ['13800000000'] },
    ])
    await scheduler.tick(at(morning))
    await sendOutbox(store, at(morning), { worker: 'a', channels: () => channelsInForce(store) })
    expect((await store.outbox({ status: 'failed', limit: 5 }))[0]).toMatchObject({
      channelId: 'um-sms',
      attempts: 1,
      lastError: '未配置短信服务商',
    })
  })
})

describe('digest days (pure)', () => {
  test('a Beijing day runs from 16:00 UTC to 16:00 UTC', () => {
    expect(beijingDay(Date.parse('2026-11-24T16:00:00Z'))).toEqual({
      date: '2026-11-25',
      startMs: Date.parse('2026-11-24T16:00:00Z'),
    })
    expect(beijingDay(Date.parse('2026-11-24T15:59:59Z')).date).toBe('2026-11-24')
  })

  test('DIGEST_TIME parses HH:MM and nothing else', () => {
    expect(parseDigestTime('08:30')).toBe(510)
    expect(parseDigestTime('8:30')).toBeUndefined()
    expect(parseDigestTime('24:00')).toBeUndefined()
  })

  test('a digest is due from its moment to the end of its Beijing day', () => {
    expect(digestDue(Date.parse('2026-11-25T00:29:59Z'), digestAt)).toBeUndefined()
    expect(digestDue(Date.parse('2026-11-25T00:30:00Z'), digestAt)?.date).toBe('2026-11-25')
    expect(digestDue(Date.parse('2026-11-25T15:59:00Z'), digestAt)?.date).toBe('2026-11-25')
  })

  test('units with nothing to say get no digest; an issue without a deadline is not counted due', () => {
    const now = Date.parse('2026-11-25T00:30:00Z')
    const day = beijingDay(now).startMs
    const issue = (id: string, unitCode: string, deadlineAtMs: number, reportedAtMs = 0) => ({
      id,
      category: 'exposed-garbage',
      unitCode,
      townshipCode: 't',
      deadlineAtMs,
      reportedAtMs,
    })
    expect(
      unitDigests(
        [
          issue('a', 'u1', now + 30 * 24 * hour),
          issue('b', 'u2', Number.NaN),
          issue('c', 'u3', now - 1),
        ],
        now,
        day,
      ).map((d) => [d.unitCode, d.overdue.length, d.dueToday.length]),
    ).toEqual([['u3', 1, 0]])
  })
})
