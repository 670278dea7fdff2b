// Creating users: the one path shared by the demo seed and `npm run user -- create`. Checks the
// role's needs (a unit for unit operators, grids for grid managers and members) against the store's data.
import { z } from 'zod'
import { roleLabels } from '../domain/labels-zh.ts'
import { gridRoles, type Role, roles, type User } from '../domain/roles.ts'
import type { UserRecord } from '../storage/account-store.ts'
import type { Store } from '../storage/store.ts'
import { DuplicateUser } from '../storage/store-errors.ts'
import { hashPassword, type ScryptCost } from './password.ts'

export const minPasswordLength = 8

export const newUserSchema = z
  .object({
    username: z
      .string()
      .regex(/^[a-z][a-z0-9._-]{1,31}$/, '用户名须以小写字母开头，2–32 位小写字母、数字、.、_、-'),
    displayName: z.string().trim().min(1).max(50).optional(),
    role: z.enum(roles.filter((r) => r !== 'display') as [Role, ...Role[]], {
      error: `角色须为 ${roles.filter((r) => r !== 'display').join('、')} 之一`,
    }),
    unitCode: z.string().min(1).max(64).optional(),
    gridCodes: z
      .array(z.string().regex(/^\d{15}$/, '网格编码为 15 位数字'))
      .max(500)
      .optional(),
    password: z.string().min(minPasswordLength, `密码至少 ${minPasswordLength} 位`).max(256),
  })
  .strict()
export type NewUser = z.infer<typeof newUserSchema>

export class InvalidAccount extends Error {
  override name = 'InvalidAccount'
}

/** Validates, hashes the password and stores the user. Throws InvalidAccount or DuplicateUser. */
export async function createAccount(
  store: Store,
  input: NewUser,
  options: { cost?: ScryptCost; now?: Date; passwordHash?: string } = {},
): Promise<User> {
  const parsed = newUserSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InvalidAccount(`${issue?.path.join('.') || '输入'}：${issue?.message ?? '无效'}`)
  }
  const { username, role, unitCode, gridCodes, password } = parsed.data
  if (await store.user(username)) throw new DuplicateUser(username) // before ~0.5 s of hashing
  const user: UserRecord = {
    username,
    displayName: parsed.data.displayName ?? roleLabels[role],
    role,
    passwordHash: '',
    active: true,
    createdAt: (options.now ?? new Date()).toISOString(),
  }
  if (role === 'unit-operator') {
    if (!unitCode) throw new InvalidAccount('责任单位经办人须指定 --unit（责任单位代码）')
    const units = await store.units()
    if (!units.some((u) => u.code === unitCode)) {
      throw new InvalidAccount(
        `没有代码为 ${unitCode} 的责任单位；可用：${units.map((u) => u.code).join(', ')}`,
      )
    }
    user.unitCode = unitCode
  } else if (unitCode) {
    throw new InvalidAccount('只有责任单位经办人（unit-operator）有所属单位')
  }
  if (gridRoles.includes(role)) {
    if (!gridCodes?.length)
      throw new InvalidAccount(`${roleLabels[role]}须指定 --grids（逗号分隔的 15 位网格编码）`)
    for (const code of gridCodes) {
      if (!(await store.feature('grids', code)))
        throw new InvalidAccount(`没有编码为 ${code} 的网格`)
    }
    user.gridCodes = [...new Set(gridCodes)]
  } else if (gridCodes?.length) {
    throw new InvalidAccount('只有网格长（grid-manager）和网格员（grid-member）有负责的网格')
  }
  user.passwordHash = options.passwordHash ?? (await hashPassword(password, options.cost))
  await store.createUser(user)
  const { passwordHash: _hash, active: _active, createdAt: _created, ...created } = user
  return created
}
