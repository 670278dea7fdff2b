// Sends the outbox (storage/notification-store.ts): each pass claims the due rows under a lease, so
// that two processes never send one row, sends each through its channel (channels.ts) and records
// the attempt: sent; again after backoffMs on a 5xx or a network error; failed (given up, listed at
// GET /api/admin/deliveries) on a 4xx, an unknown channel or after the last attempt.
import type { OutboxAttempt } from '../storage/notification-store.ts'
import type { Store } from '../storage/store.ts'
import {
  type Attempt,
  backoffMs,
  defaultRetry,
  type OutboxChannel,
  type RetryPolicy,
  type SmsChannel,
  type SmsProvider,
  sendOnce,
  smsText,
  type WebhookChannel,
} from './channels.ts'

export interface OutboxSenderOptions {
  worker: string // this process: pid or host
  channels: () => Promise<readonly OutboxChannel[]>
  sms?: SmsProvider // none: SMS channels' rows fail with 未配置短信服务商
  retry?: RetryPolicy
  leaseMs?: number
  batch?: number
  send?: (
    channel: WebhookChannel,
    message: Parameters<typeof sendOnce>[1],
    nowMs: number,
  ) => Promise<Attempt>
}

/** One pass at `now`: answers how many rows it attempted. */
export async function sendOutbox(
  store: Store,
  now: Date,
  options: OutboxSenderOptions,
): Promise<number> {
  const retry = options.retry ?? defaultRetry
  const nowMs = now.getTime()
  const at = now.toISOString()
  const leaseUntil = new Date(nowMs + (options.leaseMs ?? 120_000)).toISOString()
  const claimed = await store.claimOutbox(options.worker, at, leaseUntil, options.batch ?? 20)
  if (claimed.length === 0) return 0
  const channels = new Map((await options.channels()).map((c) => [c.id, c]))
  const send = options.send ?? sendOnce
  for (const item of claimed) {
    const channel = channels.get(item.channelId)
    const result: Attempt = !channel
      ? { outcome: 'fail', error: `未知的发送渠道：${item.channelId}` }
      : channel.kind === 'sms'
        ? await sendSms(channel, item.message, options.sms)
        : await send(channel, item.message, nowMs)
    await store.finishOutbox(item.id, outcomeOf(result, item.attempts + 1, nowMs, retry), at)
  }
  return claimed.length
}

/** One text to every number; a failure for one number retries (or fails) the whole row. */
async function sendSms(
  channel: SmsChannel,
  message: Parameters<typeof sendOnce>[1],
  sms: SmsProvider | undefined,
): Promise<Attempt> {
  if (!sms) return { outcome: 'fail', error: '未配置短信服务商' }
  for (const phone of channel.phones) {
    const result = await sms.send(phone, smsText(message))
    if (result.outcome !== 'sent') return result
  }
  return { outcome: 'sent' }
}

function outcomeOf(
  result: Attempt,
  attempts: number,
  nowMs: number,
  retry: RetryPolicy,
): OutboxAttempt {
  if (result.outcome === 'sent') return { status: 'sent' }
  if (result.outcome === 'fail' || attempts >= retry.maxAttempts) {
    return { status: 'failed', error: result.error }
  }
  return {
    status: 'pending',
    nextAt: new Date(nowMs + backoffMs(attempts, retry)).toISOString(),
    error: result.error,
  }
}

/** Sends every periodMs until the returned function is called (every process may run one). */
export function startOutboxSender(
  store: Store,
  options: OutboxSenderOptions,
  periodMs = 15_000,
  now: () => Date = () => new Date(),
): () => void {
  let running = false
  const pass = () => {
    if (running) return
    running = true
    sendOutbox(store, now(), options)
      .catch((error: unknown) => console.error('催办消息外发失败：', error))
      .finally(() => {
        running = false
      })
  }
  const timer = setInterval(pass, periodMs)
  timer.unref()
  return () => clearInterval(timer)
}
