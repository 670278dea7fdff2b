// Outgoing channels for 催办 messages: 企业微信 and 钉钉 group robots (text or markdown, as their
// documentation specifies), a generic JSON webhook, and SMS through a provider interface (none is
// bundled; RecordingSms records what would be sent). One attempt answers sent, retry (a 5xx or a
// network error: worth trying again later) or fail (a 4xx or the robot's errcode: trying again will
// not help); `deliver` retries with exponential backoff and gives up after maxAttempts.
import { createHmac } from 'node:crypto'

export type ChannelKind = 'wecom' | 'dingtalk' | 'json'

export interface WebhookChannel {
  id: string
  name: string // 城管局工作群
  kind: ChannelKind
  url: string // the robot's webhook address (with its key / access_token)
  secret?: string // 钉钉 加签 secret (SEC…)
  format?: 'text' | 'markdown'
}

/** SMS to fixed numbers through the configured SmsProvider (outbox-sender.ts). */
export interface SmsChannel {
  id: string
  name: string // 城管局值班手机
  kind: 'sms'
  phones: string[] // mainland mobile numbers, 11 digits
}

/** Anything the outbox sends through. */
export type OutboxChannel = WebhookChannel | SmsChannel

export interface ChannelMessage {
  title: string // 逾期催办：2026-000012
  body: string
  link?: string // the issue in the ledger
}

export type Attempt = { outcome: 'sent' } | { outcome: 'retry' | 'fail'; error: string }

/** 钉钉 加签: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), URL-encoded by the caller. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64')
}

/** The address and JSON body a channel is sent. */
export function requestOf(
  channel: WebhookChannel,
  message: ChannelMessage,
  nowMs: number,
): { url: string; body: unknown } {
  const text = [message.title, message.body, message.link].filter(Boolean).join('\n')
  const markdown = `### ${message.title}\n\n${message.body.replaceAll('\n', '\n\n')}${
    message.link ? `\n\n[查看问题](${message.link})` : ''
  }`
  switch (channel.kind) {
    case 'wecom':
      return {
        url: channel.url,
        body:
          channel.format === 'markdown'
            ? { msgtype: 'markdown', markdown: { content: markdown } }
            : { msgtype: 'text', text: { content: text } },
      }
    case 'dingtalk': {
      const url = new URL(channel.url)
      if (channel.secret) {
        url.searchParams.set('timestamp', String(nowMs))
        url.searchParams.set('sign', dingtalkSign(channel.secret, nowMs))
      }
      return {
        url: url.toString(),
        body:
          channel.format === 'markdown'
            ? { msgtype: 'markdown', markdown: { title: message.title, text: markdown } }
            : { msgtype: 'text', text: { content: text } },
      }
    }
    case 'json':
      return { url: channel.url, body: message }
  }
}

/** One attempt. Robots answer 200 with an errcode; 0 is success. */
export async function sendOnce(
  channel: WebhookChannel,
  message: ChannelMessage,
  nowMs: number,
  timeoutMs = 10_000,
): Promise<Attempt> {
  const { url, body } = requestOf(channel, message, nowMs)
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    return { outcome: 'retry', error: `网络错误：${(error as Error).message}` }
  }
  const text = await res.text()
  if (res.status >= 500) return { outcome: 'retry', error: `HTTP ${res.status}` }
  if (!res.ok) return { outcome: 'fail', error: `HTTP ${res.status}：${text.slice(0, 200)}` }
  if (channel.kind === 'json') return { outcome: 'sent' }
  const reply = safeJson(text) as { errcode?: number; errmsg?: string } | undefined
  if (reply?.errcode === 0) return { outcome: 'sent' }
  return { outcome: 'fail', error: `机器人拒收：${reply?.errmsg ?? text.slice(0, 200)}` }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export interface RetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const defaultRetry: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 30_000, // ms
  maxDelayMs: 3_600_000, // ms
}

/** The wait before attempt `attempt + 1` after `attempt` failed ones: base, 2×base, 4×base… capped. */
export function backoffMs(attempt: number, policy: RetryPolicy = defaultRetry): number {
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs)
}

export interface DeliveryResult {
  status: 'sent' | 'failed'
  attempts: number
  waitedMs: number[] // the backoff before each retry
  lastError?: string
}

/** Sends with retries: waits `backoffMs` between attempts (sleep is injectable), gives up after maxAttempts. */
export async function deliver(
  send: () => Promise<Attempt>,
  sleep: (ms: number) => Promise<void>,
  policy: RetryPolicy = defaultRetry,
): Promise<DeliveryResult> {
  const waitedMs: number[] = []
  for (let attempt = 1; ; attempt++) {
    const result = await send()
    if (result.outcome === 'sent') return { status: 'sent', attempts: attempt, waitedMs }
    if (result.outcome === 'fail' || attempt >= policy.maxAttempts) {
      return { status: 'failed', attempts: attempt, waitedMs, lastError: result.error }
    }
    const wait = backoffMs(attempt, policy)
    waitedMs.push(wait)
    await sleep(wait)
  }
}

/** An SMS's text: the title and the body on one message, as short as the provider allows. */
export function smsText(message: ChannelMessage): string {
  return `${message.title}\n${message.body}`
}

/** SMS: an interface for a provider (阿里云, 腾讯云…); none is bundled. */
export interface SmsProvider {
  send(phone: string, text: string): Promise<Attempt>
}

/** A test double: records what would be sent and answers sent. */
export class RecordingSms implements SmsProvider {
  readonly sent: { phone: string; text: string }[] = []
  async send(phone: string, text: string): Promise<Attempt> {
    this.sent.push({ phone, text })
    return { outcome: 'sent' }
  }
}
