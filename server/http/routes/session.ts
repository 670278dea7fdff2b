// /api/session: sign in (POST, rate-limited on failures), who am I (GET), sign out (DELETE).

import { Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { z } from 'zod'
import { hashPassword, verifyPassword } from '../../auth/password.ts'
import { hashSecret, newSecret } from '../../auth/secrets.ts'
import { rolePermissions, type User } from '../../domain/roles.ts'
import { TooManyRequests, Unauthorized } from '../../ledger/errors.ts'
import { callerOf } from '../auth.ts'
import { parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { clearSessionCookie, setSessionCookie } from '../cookies.ts'
import { SharedRateLimit } from '../shared-rate-limit.ts'

export const loginSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .strict()

/** The user as the client sees it: no hash, with the permissions of the role. */
export function toSessionUser(user: User) {
  return { ...user, permissions: [...rolePermissions[user.role]] }
}

export function sessionRoutes(ctx: AppContext): Router {
  const { store, now, sessionTtlMs, secureCookies, passwordCost } = ctx
  // a hash to check unknown usernames against, so they take as long as known ones (made on first need)
  let dummyHash: Promise<string> | undefined
  const dummy = () => {
    dummyHash ??= hashPassword('', passwordCost)
    return dummyHash
  }
  const loginLimiter = rateLimit({
    windowMs: ctx.loginLimit.windowMs,
    limit: ctx.loginLimit.max,
    skipSuccessfulRequests: true, // only failed sign-ins count
    store: new SharedRateLimit(store, 'login'), // counted in the database: one limit per cluster
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.username ?? '').slice(0, 64)}`,
    handler: (_req, _res, next, options) => {
      const minutes = Math.ceil(options.windowMs / 60_000)
      next(new TooManyRequests(`登录失败次数过多，请 ${minutes} 分钟后再试`))
    },
  })

  return Router()
    .post('/api/session', loginLimiter, async (req, res) => {
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
