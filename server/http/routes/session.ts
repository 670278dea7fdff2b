// /api/session: sign in (POST, rate-limited on failures), who am I (GET), sign out (DELETE).

import { type Request, type RequestHandler, Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { z } from 'zod'
import { hashPassword, verifyPassword } from '../../auth/password.ts'
import { hashSecret, newSecret } from '../../auth/secrets.ts'
import { rolePermissions, type User } from '../../domain/roles.ts'
import { callerOf } from '../auth.ts'
import { parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { clearSessionCookie, setSessionCookie } from '../cookies.ts'
import { TooManyRequests, Unauthorized } from '../errors.ts'
import { SharedRateLimit } from '../shared-rate-limit.ts'

export const loginSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict()

/** The user as the client sees it: no hash, with the permissions of the role. */
export function toSessionUser(user: User) {
  return { ...user, permissions: [...rolePermissions[user.role]] }
}

/** 18:05 in Asia/Shanghai: when a sign-in may be tried again. */
function shanghaiClock(atMs: number): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(atMs)
}

export function sessionRoutes(ctx: AppContext): Router {
  const { store, now, sessionTtlMs, secureCookies, passwordCost } = ctx
  // a hash to check unknown usernames against, so they take as long as known ones (made on first need)
  let dummyHash: Promise<string> | undefined
  const dummy = () => {
    dummyHash ??= hashPassword('', passwordCost)
    return dummyHash
  }
  // Two counters of failed sign-ins: per account (whatever the address: slow guessing of one
  // password from many machines) and per address (whatever the username: guessing across accounts).
  const limiter = (
    limit: number,
    key: (req: Request) => string,
    what: string,
    identifier: string,
  ): RequestHandler =>
    rateLimit({
      windowMs: ctx.loginLimit.windowMs,
      limit,
      skipSuccessfulRequests: true, // only failed sign-ins count
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      identifier,
      store: new SharedRateLimit(store, `login-${identifier}`), // one count per cluster
      keyGenerator: key,
      handler: (req, res, next, options) => {
        const info = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit
        const resetAtMs = info?.resetTime?.getTime() ?? Date.now() + options.windowMs
        const seconds = Math.max(1, Math.ceil((resetAtMs - Date.now()) / 1000))
        res.setHeader('Retry-After', String(seconds))
        next(
          new TooManyRequests(
            `${what}登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后（${shanghaiClock(resetAtMs)} 以后）再试`,
          ),
        )
      },
    })
  const usernameOf = (req: Request) => String(req.body?.username ?? '').slice(0, 64)
  const accountLimiter = limiter(ctx.loginLimit.max, usernameOf, '该账号', 'account')
  const addressLimiter = limiter(
    ctx.loginLimit.ipMax,
    (req) => ipKeyGenerator(req.ip ?? ''),
    '本机地址',
    'address',
  )

  return Router()
    .post('/api/session', addressLimiter, accountLimiter, async (req, res) => {
      const { username, password } = parseJsonBody(loginSchema, req)
      const user = await store.user(username)
      const ok = user?.active
        ? await verifyPassword(password, user.passwordHash)
        : await verifyPassword(password, await dummy()).then(() => false)
      if (!user || !ok) throw new Unauthorized('用户名或密码错误')
      const id = newSecret()
      const nowMs = now().getTime()
      await store.deleteExpiredSessions(nowMs)
      await store.createSession({
        idHash: hashSecret(id),
        username,
        createdAtMs: nowMs,
        expiresAtMs: nowMs + sessionTtlMs,
      })
      setSessionCookie(res, id, sessionTtlMs, secureCookies)
      const { passwordHash: _h, active: _a, createdAt: _c, ...visible } = user
      res.json({ user: toSessionUser(visible) })
    })
    .get('/api/session', (_req, res) => {
      const caller = callerOf(res)
      if (!caller) throw new Unauthorized('未登录')
      res.json({ user: toSessionUser(caller.user) })
    })
    .delete('/api/session', async (_req, res) => {
      const caller = callerOf(res)
      if (caller?.sessionHash) await store.deleteSession(caller.sessionHash)
      clearSessionCookie(res, secureCookies)
      res.status(204).end()
    })
}
