// GET /api/units (responsible units, for forms and filters) and GET /api/users (administrators).
import { Router } from 'express'
import { hasPermission } from '../../domain/roles.ts'
import { Forbidden } from '../../ledger/errors.ts'
import { writerOf } from '../auth.ts'
import type { AppContext } from '../context.ts'
import { toSessionUser } from './session.ts'

export function unitRoutes({ store }: AppContext): Router {
  return Router()
    .get('/api/units', async (_req, res) => {
      res.json(await store.units())
    })
    .get('/api/users', async (_req, res) => {
      if (!hasPermission(writerOf(res), 'user_admin'))
        throw new Forbidden('只有管理员可以查看用户列表')
      const users = await store.users()
      res.json(
        users.map(({ passwordHash: _h, createdAt, active, ...user }) => ({
          ...toSessionUser(user),
          active,
          createdAt,
        })),
      )
    })
}
