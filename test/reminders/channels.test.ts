// Webhook channels against a local receiver started here: the 企业微信 and 钉钉 robot payloads as
// their documentation gives them, 钉钉's 加签 verified the way 钉钉 verifies it, retries with backoff
// on 5xx and network errors, and a give-up after the last attempt.
import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  backoffMs,
  type ChannelMessage,
  deliver,
  RecordingSms,
  sendOnce,
  type WebhookChannel,
} from '../../server/reminders/channels.ts'

interface Received {
  path: string
  query: URLSearchParams
  body: unknown
}

let server: Server
let base = ''
const received: Received[] = []
let replies: { status: number; body: unknown }[] = [] // answered in turn; then 200 errcode 0

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = ''
    req.on('data', (chunk) => {
      data += chunk
    })
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(data) })
      const reply = replies.shift() ?? { status: 200, body: { errcode: 0, errmsg: 'ok' } }
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  received.length = 0
  replies = []
})

const message: ChannelMessage = {
  title: '逾期催办：i-00012',
  body: '暴露垃圾 · 县城市管理局 · 已到整改期限',
  link: 'https://inspection.example/ledger/i-00012',
}
const nowMs = Date.parse('2026-11-25T02:00:00Z')

describe('webhook payloads', () => {
  test('企业微信 group robot: text and markdown messages', async () => {
    const channel: WebhookChannel = {
      id: 'wecom',
      name: '城管局工作群',
      kind: 'wecom',
      url: `${base}/cgi-bin/webhook/send?key=k1`,
    }
    expect(await sendOnce(channel, message, nowMs)).toEqual({ outcome: 'sent' })
    expect(await sendOnce({ ...channel, format: 'markdown' }, message, nowMs)).toEqual({
      outcome: 'sent',
    })
    expect(received[0]?.query.get('key')).toBe('k1')
    expect(received[0]?.body).toEqual({
      msgtype: 'text',
      text: {
        content:
          '逾期催办：i-00012\n暴露垃圾 · 县城市管理局 · 已到整改期限\nhttps://inspection.example/ledger/i-00012',
      },
    })
    expect(received[1]?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content:
          '### 逾期催办：i-00012\n\n暴露垃圾 · 县城市管理局 · 已到整改期限\n\n[查看问题](https://inspection.example/ledger/i-00012)',
      },
    })
  })

  test('钉钉 robot: the 加签 timestamp and sign verify with the secret; text and markdown', async () => {
    const secret = 'SEC0123456789abcdef'
    const channel: WebhookChannel = {
      id: 'ding',
      name: '创建办钉钉群',
      kind: 'dingtalk',
      url: `${base}/robot/send?access_token=t1`,
      secret,
      format: 'markdown',
    }
    expect(await sendOnce(channel, message, nowMs)).toEqual({ outcome: 'sent' })
    const [got] = received
    expect(got?.query.get('access_token')).toBe('t1')
    const timestamp = got?.query.get('timestamp') ?? ''
    expect(Number(timestamp)).toBe(nowMs)
    // 钉钉's check: HmacSHA256(secret, timestamp + "\n" + secret), base64
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
    expect(got?.query.get('sign')).toBe(expected)
    expect(got?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '逾期催办：i-00012',
        text: '### 逾期催办：i-00012\n\n暴露垃圾 · 县城市管理局 · 已到整改期限\n\n[查看问题](https://inspection.example/ledger/i-00012)',
      },
    })
    await sendOnce({ ...channel, format: 'text' }, message, nowMs)
    expect(received[1]?.body).toMatchObject({
      msgtype: 'text',
      text: { content: expect.any(String) },
    })
  })

  test('generic JSON webhook: the message as it is', async () => {
    const channel: WebhookChannel = { id: 'j', name: '县平台', kind: 'json', url: `${base}/hook` }
    expect(await sendOnce(channel, message, nowMs)).toEqual({ outcome: 'sent' })
    expect(received[0]?.body).toEqual(message)
  })

  test('a robot errcode or a 4xx is a failure not worth retrying; a 5xx is worth it', async () => {
    const channel: WebhookChannel = { id: 'w', name: '群', kind: 'wecom', url: `${base}/send` }
    replies = [
      { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } },
      { status: 404, body: {} },
      { status: 503, body: {} },
    ]
    expect(await sendOnce(channel, message, nowMs)).toEqual({
      outcome: 'fail',
      error: '机器人拒收：invalid webhook url',
    })
    expect((await sendOnce(channel, message, nowMs)).outcome).toBe('fail')
    expect(await sendOnce(channel, message, nowMs)).toEqual({ outcome: 'retry', error: 'HTTP 503' })
  })

  test('a network error is worth retrying', async () => {
    const channel: WebhookChannel = {
      id: 'w',
      name: '群',
      kind: 'json',
      url: 'http://127.0.0.1:9/x',
    }
    expect((await sendOnce(channel, message, nowMs, 2000)).outcome).toBe('retry')
  })
})

describe('retries', () => {
  const channel = (): WebhookChannel => ({
    id: 'w',
    name: '群',
    kind: 'wecom',
    url: `${base}/send`,
  })
  const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 }
  const noSleep = async () => {}

  test('backs off exponentially on 5xx, then sends; the receiver got one message accepted', async () => {
    replies = [
      { status: 502, body: {} },
      { status: 500, body: {} },
    ]
    const result = await deliver(() => sendOnce(channel(), message, nowMs), noSleep, policy)
    expect(result).toEqual({ status: 'sent', attempts: 3, waitedMs: [1000, 2000] })
    expect(received).toHaveLength(3)
  })

  test('gives up after maxAttempts with the last error; waits are capped', async () => {
    replies = Array.from({ length: 10 }, () => ({ status: 500, body: {} }))
    const result = await deliver(() => sendOnce(channel(), message, nowMs), noSleep, policy)
    expect(result).toEqual({
      status: 'failed',
      attempts: 4,
      waitedMs: [1000, 2000, 3000],
      lastError: 'HTTP 500',
    })
    expect(backoffMs(1)).toBe(30_000)
    expect(backoffMs(20)).toBe(3_600_000)
  })

  test('SMS goes through the provider interface; the test double records it', async () => {
    const sms = new RecordingSms()
    const result = await deliver(() => sms.send('13800000000', message.title), noSleep, policy)
    expect(result.status).toBe('sent')
    expect(sms.sent).toEqual([{ phone: '13800000000', text: '逾期催办：i-00012' }])
  })
})
