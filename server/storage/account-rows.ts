// The users row and its mapping, shared by the SQLite and PostGIS stores (grid_codes arrives as
// JSON text from SQLite and parsed from PostGIS; active as 0/1 from SQLite, a boolean from PostGIS).
import type { Role, User } from '../domain/roles.ts'
import type { UserRecord } from './account-store.ts'
import { jsonColumn } from './json-column.ts'

export interface UserRow {
  username: string
  display_name: string
  role: Role
  unit_code: string | null
  grid_codes: unknown
  password_hash: string
  active: number | boolean
  created_at: string
}

export function toUserRecord(row: UserRow): UserRecord {
  const user: UserRecord = {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    active: row.active === true || row.active === 1,
    createdAt: row.created_at,
  }
  if (row.unit_code !== null) user.unitCode = row.unit_code
  if (row.grid_codes !== null) user.gridCodes = jsonColumn<string[]>(row.grid_codes)
  return user
}

/** The user a session or an API token stands for: the record without its secrets and flags. */
export function toUser(row: UserRow): User {
  const { passwordHash: _hash, active: _active, createdAt: _created, ...user } = toUserRecord(row)
  return user
}

/** The users columns, in the order of `userValues`; `flag` stores a boolean as the dialect does. */
export const userColumns =
  'username, display_name, role, unit_code, grid_codes, password_hash, active, created_at'
export const userValues = (user: UserRecord, flag: (value: boolean) => unknown): unknown[] => [
  user.username,
  user.displayName,
  user.role,
  user.unitCode ?? null,
  user.gridCodes ? JSON.stringify(user.gridCodes) : null,
  user.passwordHash,
  flag(user.active),
  user.createdAt,
]
