// The 消息中心 over HTTP: the scheduler's 催办 reaches the unit operator's inbox, who reads and marks
// it; nobody can read or mark another's notifications; tokens have no inbox.

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import { sendOutbox } from '../../server/reminders/outbox-sender.ts'
import { ReminderScheduler } from '../../server/reminders/reminder-scheduler.ts'
import { type Client, type LedgerApp, startLedgerApp } from './ledger-app.ts'

describe('/api/notifications', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
    const live = new LiveLedger(ledger.store)
    // i-market (县市场监督管理局) was due 2026-11-21 08:00 Beijing time: 催办 at that moment
    const sent = await new ReminderScheduler(live, ledger.store).tick(
      new Date('2026-11-21T00:30:00Z'),
    )
    expect(sent).toBeGreaterThan(0)
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('the unit operator reads the 催办 with its issue and the unread count', async () => {
    const operator = await ledger.login('unit-market')
    const reply = await operator.get('/api/notifications')
    expect(reply.status).toBe(200)
    expect(reply.body.unread).toBe(1)
    expect(reply.body.items).toEqual([
      expect.objectContaining({
        kind: 'urge',
        title: '逾期催办：2026-000003',
        issueId: 'i-market',
      }),
    ])
  })

  test('marks read only its own; another user cannot mark them', async () => {
    const operator = await ledger.login('unit-market')
    const [mine] = (await operator.get('/api/notifications')).body.items
    const other = await ledger.login('unit-um')
    const foreign = await other.post('/api/notifications/read', { ids: [mine.id] })
    expect(foreign.body).toEqual({ marked: 0, unread: 0 })
    expect((await operator.get('/api/notifications?unread=true')).body.items).toHaveLength(1)
    const read = await operator.post('/api/notifications/read', { ids: [mine.id] })
    expect(read.body).toEqual({ marked: 1, unread: 0 })
    expect((await operator.get('/api/notifications?unread=true')).body.items).toEqual([])
  })

  test('bad input is a 400 naming the field; tokens and nobody have no inbox', async () => {
    const operator = await ledger.login('unit-market')
    const bad = await operator.post('/api/notifications/read', { ids: ['x'] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].field).toBe('ids.0')
    expect((await ledger.anonymous.get('/api/notifications')).status).toBe(401)
    expect((await ledger.display.get('/api/notifications')).status).toBe(403)
  })
})

describe('催办 by hand', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('the inspector presses one issue: a note in its history and a message to the unit', async () => {
    const inspector = await ledger.login('inspector')
    const reply = await inspector.post('/api/issues/i-fixing/urge', { note: '请于明日前完成整改' })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ urged: ['i-fixing'], notified: 1 })
    const detail = await inspector.get('/api/issues/i-fixing')
    expect(detail.body.events.at(-1)).toMatchObject({
      action: 'note',
      note: '催办：请于明日前完成整改',
    })
    const inbox = (await (await ledger.login('unit-um')).get('/api/notifications')).body
    expect(inbox.items[0]).toMatchObject({ kind: 'urge', issueId: 'i-fixing' })
    expect(inbox.items[0].title).toMatch(/^催办：\d{4}-\d{6}$/) // the issue's 问题编号
    expect(inbox.items[0].body).toMatch(/^县督导组督导员：请于明日前完成整改\n\d{4}-\d{6} /)
  })

  test("an administrator presses all of a unit's overdue issues at once: one message", async () => {
    const admin = await ledger.login('admin')
    await ledger.store.saveReminderChannels([
      {
        id: 'market',
        name: '市场局工作群',
        kind: 'json',
        url: 'http://127.0.0.1:9/x',
        unitCodes: ['market-regulation'],
      },
      {
        id: 'um',
        name: '城管局工作群',
        kind: 'json',
        url: 'http://127.0.0.1:9/y',
        unitCodes: ['urban-management'],
      },
    ])
    const reply = await admin.post('/api/units/market-regulation/urge', {
      note: '逾期问题限期销号',
    })
    expect(reply.body).toEqual({ urged: ['i-market'], notified: 1 })
    const inbox = (await (await ledger.login('unit-market')).get('/api/notifications')).body
    expect(inbox.items[0].title).toBe('催办：县市场监督管理局逾期问题 1 件')
    // and one message to the unit's own group, through the outbox
    const queued = await ledger.store.outbox({ limit: 10 })
    expect(queued.map((q) => [q.channelId, q.message.title])).toEqual([
      ['market', '催办：县市场监督管理局逾期问题 1 件'],
    ])
    // linked to the ledger at the address the 督导员 used (PUBLIC_BASE_URL when it is set)
    expect(queued[0]?.message.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?panel=ledger$/)
    await ledger.store.saveReminderChannels([])
  })

  test('who may: not a planner, not a unit; nothing closed and no unit without overdue issues', async () => {
    const planner = await ledger.login('planner')
    const refused = await planner.post('/api/issues/i-fixing/urge', { note: '催一下' })
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toMatch(/无权催办/)
    const inspector = await ledger.login('inspector')
    const closed = await inspector.post('/api/issues/i-closed/urge', { note: '催一下' })
    expect(closed.status).toBe(400)
    expect(closed.body.errors[0]).toMatchObject({ field: 'id' })
    const none = await inspector.post('/api/units/township-532927102/urge', { note: '催一下' })
    expect(none.status).toBe(400)
    expect(none.body.errors[0].message).toMatch(/无需催办/)
    const empty = await inspector.post('/api/issues/i-fixing/urge', { note: ' ' })
    expect(empty.status).toBe(400)
  })
})

const put = (client: Client, path: string, json: unknown) =>
  client.send(path, {
    method: 'PUT',
    body: JSON.stringify(json),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' },
  })

describe('/api/admin/reminder-rules', () => {
  let ledger: LedgerApp
  beforeAll(async () => {
    ledger = await startLedgerApp()
  })
  afterAll(async () => {
    await ledger.close()
  })

  test('the defaults until an administrator saves a set; then the saved set and who saved it', async () => {
    const admin = await ledger.login('admin')
    const before = await admin.get('/api/admin/reminder-rules')
    expect(before.status).toBe(200)
    expect(before.body.source).toBe('default')
    expect(before.body.rules.map((r: { id: string }) => r.id)).toEqual([
      'before-24h',
      'before-2h',
      'overdue',
      'overdue-3d',
      'overdue-7d',
      'overdue-14d',
    ])
    const rules = [{ id: 'overdue', name: '逾期催办', hoursFromDeadline: 0, to: 'unit' }]
    const saved = await put(admin, '/api/admin/reminder-rules', { rules })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ source: 'saved', rules, updatedBy: 'admin' })
    expect((await admin.get('/api/admin/reminder-rules')).body.rules).toEqual(rules)
  })

  test('a bad rule is a 400 in Chinese naming the field; only administrators', async () => {
    const admin = await ledger.login('admin')
    const bad = await put(admin, '/api/admin/reminder-rules', {
      rules: [
        { id: 'a', name: '提醒', hoursFromDeadline: 0, to: 'unit' },
        { id: 'a', name: '提醒', hoursFromDeadline: 1.5, to: 'mayor' },
      ],
    })
    expect(bad.status).toBe(400)
    const fields = Object.fromEntries(
      bad.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    )
    expect(fields['rules.1.hoursFromDeadline']).toBe('须为整数小时')
    expect(fields['rules.1.to']).toBe('接收人须为 unit、township、office 或 commander')
    const twice = { id: 'a', name: '提醒', hoursFromDeadline: 0, to: 'unit' }
    const duplicate = await put(admin, '/api/admin/reminder-rules', { rules: [twice, twice] })
    expect(duplicate.body.errors).toEqual([{ field: 'rules.1.id', message: '规则编号重复' }])
    // an unknown kind: the kind is named (which other fields apply depends on it)
    const channel = await put(admin, '/api/admin/reminder-channels', {
      channels: [{ id: 'g', name: '工作群', kind: 'weixin', url: 'ftp://x' }],
    })
    expect(channel.status).toBe(400)
    expect(channel.body.errors).toEqual([
      { field: 'channels.0.kind', message: '渠道类型须为 wecom、dingtalk、json 或 sms' },
    ])
    const badUrl = await put(admin, '/api/admin/reminder-channels', {
      channels: [{ id: 'g', name: '工作群', kind: 'wecom', url: 'ftp://x' }],
    })
    expect(badUrl.body.errors).toEqual([{ field: 'channels.0.url', message: '须为 http(s) 网址' }])
    const badPhone = await put(admin, '/api/admin/reminder-channels', {
      channels: [{ id: 's', name: '值班手机', kind: 'sms', phones: ['110'] }],
    })
    expect(badPhone.body.errors).toEqual([
      { field: 'channels.0.phones.0', message: '手机号须为 11 位数字' },
    ])
    const good = {
      id: 'g',
      name: '工作群',
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=t',
      secret: 'SEC1',
    }
    expect((await put(admin, '/api/admin/reminder-channels', { channels: [good] })).body).toEqual({
      channels: [good],
    })
    const inspector = await ledger.login('inspector')
    expect((await inspector.get('/api/admin/reminder-channels')).status).toBe(403)
    expect((await inspector.get('/api/admin/reminder-rules')).status).toBe(403)
    expect((await put(inspector, '/api/admin/reminder-rules', { rules: [] })).status).toBe(403)
  })
})

describe('the outbox and GET /api/admin/deliveries', () => {
  let ledger: LedgerApp
  let receiver: Server
  let base = ''
  let statuses: number[] = [] // answered in turn, then 200
  let received = 0
  beforeAll(async () => {
    ledger = await startLedgerApp()
    receiver = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        received++
        const status = statuses.shift() ?? 200
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve))
    await ledger.close()
  })

  const t0 = Date.parse('2026-11-25T02:00:00Z')
  const iso = (ms: number) => new Date(ms).toISOString()
  const retry = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 }
  const options = (worker: string) => ({
    worker,
    retry,
    channels: async () => [
      { id: 'wecom', name: '城管局工作群', kind: 'wecom' as const, url: `${base}/send?key=k` },
    ],
  })

  test('two senders claiming at once take different rows', async () => {
    const { store } = ledger
    await store.enqueueOutbox(
      [1, 2, 3, 4].map((n) => ({ channelId: 'x', message: { title: `t${n}`, body: 'b' } })),
      iso(t0),
    )
    const lease = iso(t0 + 60_000)
    const [a, b] = await Promise.all([
      store.claimOutbox('a', iso(t0), lease, 3),
      store.claimOutbox('b', iso(t0), lease, 3),
    ])
    const ids = [...(a ?? []), ...(b ?? [])].map((i) => i.id)
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(4)
    // a lease held: nothing; the lease over (a crashed sender): the rows come back
    expect(await store.claimOutbox('c', iso(t0 + 1000), lease, 10)).toEqual([])
    expect(await store.claimOutbox('c', iso(t0 + 60_000), iso(t0 + 120_000), 10)).toHaveLength(4)
    for (const id of ids) await store.finishOutbox(id, { status: 'failed', error: '测试' }, iso(t0))
  })

  test('a 5xx is retried after the backoff; after the last attempt it is failed and listed for administrators', async () => {
    const { store } = ledger
    await store.enqueueOutbox(
      [{ channelId: 'wecom', message: { title: '逾期催办：i-um', body: '县城市管理局' } }],
      iso(t0),
    )
    statuses = [503, 502, 500]
    expect(await sendOutbox(store, new Date(t0), options('a'))).toBe(1)
    const [first] = await store.outbox({ status: 'pending', limit: 1 })
    expect(first).toMatchObject({ attempts: 1, nextAt: iso(t0 + 60_000), lastError: 'HTTP 503' })
    expect(await sendOutbox(store, new Date(t0 + 30_000), options('a'))).toBe(0) // not yet
    expect(await sendOutbox(store, new Date(t0 + 60_000), options('a'))).toBe(1)
    expect((await store.outbox({ status: 'pending', limit: 1 }))[0]?.nextAt).toBe(
      iso(t0 + 60_000 + 120_000),
    )
    expect(await sendOutbox(store, new Date(t0 + 180_000), options('a'))).toBe(1)
    expect(received).toBe(3)
    const admin = await ledger.login('admin')
    const failed = await admin.get('/api/admin/deliveries?status=failed')
    expect(failed.status).toBe(200)
    expect(failed.body.items[0]).toMatchObject({
      channelId: 'wecom',
      status: 'failed',
      attempts: 3,
      lastError: 'HTTP 500',
    })
    expect((await (await ledger.login('unit-um')).get('/api/admin/deliveries')).status).toBe(403)
  })

  test('a message sent is sent once, whichever sender passes', async () => {
    const { store } = ledger
    await store.enqueueOutbox(
      [{ channelId: 'wecom', message: { title: '到期前 2 小时提醒：i-um', body: '' } }],
      iso(t0),
    )
    received = 0
    const sent = await Promise.all([
      sendOutbox(store, new Date(t0), options('a')),
      sendOutbox(store, new Date(t0), options('b')),
    ])
    expect(sent[0] + sent[1]).toBe(1)
    expect(received).toBe(1)
    expect((await store.outbox({ status: 'sent', limit: 5 }))[0]).toMatchObject({ attempts: 1 })
  })
})
