// Idempotency-Key on every write (IETF draft-ietf-httpapi-idempotency-key-header): the first request
// with a key runs and its answer is kept for `idempotencyKeyTtlMs`; the same key with the same
// method, path and body gets that answer again (header Idempotent-Replayed: true) without running;
// the same key with another request is 422. Keys are per user, so they only need to be unique per
// device. Writes without a signed-in user (sign-in, computations) and 5xx answers are not kept.
import { createHash } from 'node:crypto'
import type { Request, RequestHandler, Response } from 'express'
import { InvalidParameter } from '../ogc/exception.ts'
import { mediaTypes } from '../ogc/links.ts'
import { callerOf } from './auth.ts'
import type { AppContext } from './context.ts'
import { IdempotencyKeyReused, RequestInProgress } from './errors.ts'

export const idempotencyKeyTtlMs = 24 * 3_600_000 // a phone offline for a working day still replays safely
const keyPattern = /^[\w.:-]{8,128}$/ // a UUID fits; so do most clients' keys

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** sha256 of what makes a request the same request: method, path with query, body. */
export function requestHashOf(req: Pick<Request, 'method' | 'originalUrl' | 'body'>): string {
  const body: unknown = req.body
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null))
  return createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n`)
    .update(bytes)
    .digest('hex')
}

// a body express.json did not read (an upload): hashed after the route's own limited reader;
// like body-parser, a body counts as read once its stream has ended
function hasUnreadBody(req: Request): boolean {
  const announced =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  return announced && !req.readableEnded
}

/**
 * Mounted once for the app (JSON writes) and again after an upload route's raw-body reader; each
 * request is handled once.
 */
export function idempotency({ store, now }: Pick<AppContext, 'store' | 'now'>): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key')
    if (key === undefined || !writeMethods.has(req.method) || res.locals.idempotency) return next()
    const user = callerOf(res)?.user
    if (!user || callerOf(res)?.via !== 'session' || hasUnreadBody(req)) return next()
    res.locals.idempotency = true
    if (!keyPattern.test(key)) {
      throw new InvalidParameter(
        'Idempotency-Key',
        '请求头 Idempotency-Key 须为 8–128 位字母、数字或 - _ . :（建议使用 UUID）',
      )
    }
    const hash = requestHashOf(req)
    const nowMs = now().getTime()
    const held = await store.claimIdempotencyKey(
      user.username,
      key,
      hash,
      nowMs,
      nowMs + idempotencyKeyTtlMs,
    )
    if (held) {
      if (held.requestHash !== hash) {
        throw new IdempotencyKeyReused(
          'Idempotency-Key 已用于另一个不同的请求（方法、路径或内容不同）；新的操作请使用新的 Idempotency-Key',
        )
      }
      if (held.status === undefined) {
        throw new RequestInProgress('同一 Idempotency-Key 的请求正在处理中，请稍后重试')
      }
      res.setHeader('Idempotent-Replayed', 'true')
      res
        .status(held.status)
        .type(held.status >= 400 ? mediaTypes.problem : 'application/json')
        .send(held.body ?? '')
      return
    }
    keepAnswer(
      res,
      (status, body) => store.completeIdempotencyKey(user.username, key, status, body),
      () => store.releaseIdempotencyKey(user.username, key),
    )
    next()
  }
}

/**
 * Stores the answer before it is sent, so a retry that follows it finds it; a server error, or an
 * answer that is not text (none here), frees the key instead.
 */
function keepAnswer(
  res: Response,
  complete: (status: number, body: string) => Promise<void>,
  release: () => Promise<void>,
): void {
  let kept = false
  const send = res.send.bind(res)
  res.send = (chunk?: unknown) => {
    const body = typeof chunk === 'string' ? chunk : undefined
    if (kept || body === undefined || res.statusCode >= 500) return send(chunk)
    kept = true
    complete(res.statusCode, body).then(
      () => send(chunk),
      () => send(chunk), // a lost answer only means that a retry runs again
    )
    return res
  }
  res.on('close', () => {
    if (!kept) release().catch(() => {})
  })
}
