// Who is calling: a session cookie (people), a display token (wall screens, read only) or a personal
// API token (GIS clients, read only, as a Bearer header), and the
// guards built on that: CSRF-safe writes, read access, "must be signed in to write".
import type { RequestHandler, Response } from 'express'
import { hashSecret, looksLikeSecret } from '../auth/secrets.ts'
import { Forbidden } from '../domain/errors.ts'
import type { User } from '../domain/roles.ts'
import type { AppContext } from './context.ts'
import { readCookie, sessionCookie } from './cookies.ts'
import { Unauthorized } from './errors.ts'

export interface Caller {
  user: User
  via: 'session' | 'display-token' | 'api-token'
  sessionHash?: string
}

export const displayUser: User = { username: 'display', displayName: '指挥部大屏', role: 'display' }

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export function callerOf(res: Response): Caller | undefined {
  return res.locals.caller as Caller | undefined
}

/** The signed-in person who may write; 401 without a session, 403 for the display token. */
export function writerOf(res: Response): User {
  const caller = callerOf(res)
  if (!caller) throw new Unauthorized('请先登录后再操作')
  if (caller.via === 'display-token') throw new Forbidden('大屏令牌只能查看，不能修改数据')
  if (caller.via === 'api-token') {
    throw new Forbidden('个人 API 令牌只能用于读取；修改数据请登录系统后操作')
  }
  return caller.user
}

/** Middleware form of writerOf: rejects before an upload's body is read. */
export const requireWriter: RequestHandler = (_req, res, next) => {
  writerOf(res)
  next()
}

/** READ_ACCESS=authenticated: throws 401 unless there is a session or the display token. */
export function assertCanRead({ readAccess }: Pick<AppContext, 'readAccess'>, res: Response): void {
  if (readAccess === 'authenticated' && !callerOf(res)) {
    throw new Unauthorized(
      '此系统需要登录后查看：请登录，或使用大屏令牌（Authorization: Bearer …）',
    )
  }
}

/**
 * Resolves the caller. A session cookie that is unknown or expired counts as no session; a token
 * that is wrong is a 401, so a wall screen with a stale token says so. `?token=` is taken off the
 * URL so the OGC parameter checks never see it.
 */
export function authenticate({ store, now, sessionTtlMs }: AppContext): RequestHandler {
  return async (req, res, next) => {
    const nowMs = now().getTime()
    const cookie = readCookie(req, sessionCookie)
    if (cookie && looksLikeSecret(cookie)) {
      const idHash = hashSecret(cookie)
      const session = await store.sessionUser(idHash, nowMs)
      if (session) {
        res.locals.caller = {
          user: session.user,
          via: 'session',
          sessionHash: idHash,
        } satisfies Caller
        // sliding expiry, written at most once per half lifetime
        if (session.expiresAtMs - nowMs < sessionTtlMs / 2) {
          await store.extendSession(idHash, nowMs + sessionTtlMs)
        }
      }
    }
    const bearer = bearerToken(req.get('authorization'))
    const token = bearer ?? queryToken(req)
    if (token !== undefined && !res.locals.caller) {
      const hash = looksLikeSecret(token) ? hashSecret(token) : undefined
      if (hash && (await store.hasDisplayToken(hash))) {
        res.locals.caller = { user: displayUser, via: 'display-token' } satisfies Caller
      } else {
        // personal API tokens only as a header: a URL ends up in logs and histories
        const user = hash && bearer !== undefined ? await store.apiTokenUser(hash) : undefined
        if (!user) {
          const which = bearer === undefined ? '大屏令牌' : '令牌（大屏令牌或个人 API 令牌）'
          throw new Unauthorized(`${which}无效或已更换，请向管理员索取新令牌`)
        }
        res.locals.caller = { user, via: 'api-token' } satisfies Caller
      }
    }
    next()
  }

  function queryToken(req: Parameters<RequestHandler>[0]): string | undefined {
    const value = req.query.token
    if (value === undefined) return undefined
    // only reads may carry the token in the URL (it ends up in logs and history otherwise)
    if (!safeMethods.has(req.method)) throw new Forbidden('令牌只能用于查看（GET）')
    const url = new URL(req.url, 'http://x')
    url.searchParams.delete('token')
    req.url = url.pathname + url.search
    return typeof value === 'string' ? value : ''
  }
}

// other schemes (Basic from a proxy) are not ours to judge; a malformed Bearer is a wrong token
function bearerToken(header: string | undefined): string | undefined {
  if (!header || !/^Bearer\b/i.test(header)) return undefined
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? ''
}

/**
 * CSRF guard for /api writes: a cross-site form or image cannot set `X-Requested-With`, and a
 * browser's Origin must be ours. SameSite=Strict cookies are the second wall.
 */
export function csrfGuard({ baseUrl }: AppContext): RequestHandler {
  return (req, _res, next) => {
    if (safeMethods.has(req.method)) return next()
    if (req.get('x-requested-with') !== 'fetch') {
      throw new Forbidden('缺少请求头 X-Requested-With: fetch（跨站请求防护）；请从本系统页面操作')
    }
    const origin = req.get('origin')
    if (origin !== undefined && origin !== new URL(baseUrl(req)).origin) {
      throw new Forbidden(`不接受来自 ${origin.slice(0, 100)} 的写请求（跨站请求防护）`)
    }
    next()
  }
}

/** READ_ACCESS=authenticated: reads need a session or the display token. */
export function readGuard(ctx: AppContext): RequestHandler {
  return (_req, res, next) => {
    assertCanRead(ctx, res)
    next()
  }
}
