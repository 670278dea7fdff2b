// GET /api/units (responsible units, for forms and filters), POST/PATCH /api/units (grid_admin: add,
// rename, deactivate) and GET /api/users (administrators).
import { Router } from 'express'
import { z } from 'zod'
import { Forbidden } from '../../domain/errors.ts'
import { hasPermission } from '../../domain/roles.ts'
import { createUnit, updateUnit } from '../../grids/responsible-unit-edits.ts'
import { writerOf } from '../auth.ts'
import { parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { toSessionUser } from './session.ts'

const unitName = z.string().trim().min(2).max(40)
export const unitCreateBody = z
  .object({
    name: unitName,
    kind: z.enum(['department', 'township']),
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, '代码须为 2–64 位小写字母、数字或连字符')
      .optional(),
  })
  .strict()
export const unitUpdateBody = z
  .object({ name: unitName.optional(), active: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项（name 或 active）' })

export function unitRoutes({ store, now }: AppContext): Router {
  return Router()
    .get('/api/units', async (_req, res) => {
      res.json(await store.units())
    })
    .post('/api/units', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(unitCreateBody, req)
      res.status(201).json((await createUnit(store, user, body, now())).value)
    })
    .patch('/api/units/:code', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(unitUpdateBody, req)
      res.json((await updateUnit(store, user, req.params.code, body, now())).value)
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
