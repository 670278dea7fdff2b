// Picks the Store implementation from the configured location: a registry keyed by URL scheme.
// A bare path (or ':memory:') is SQLite; postgres:// (or postgresql://) is PostGIS.
import { openPostgresRows } from './postgres/postgres-rows.ts'
import { openPostgresStore } from './postgres/postgres-store.ts'
import { openSqliteRows } from './sqlite/sqlite-rows.ts'
import { openSqliteStore } from './sqlite/sqlite-store.ts'
import type { Store } from './store.ts'
import type { TableRows } from './table-rows.ts'

type StoreOpener = (location: string) => Promise<Store>

const openSqlite: StoreOpener = (location) => openSqliteStore(location.replace(/^sqlite:\/\//i, ''))

const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
])

/** A store that cannot be reached: what to check, in Chinese (the start stops with this line). */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable'
}

const openPostgres: StoreOpener = async (location) => {
  try {
    return await openPostgresStore(location)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code !== 'string' || !unreachable.has(code)) throw error
    const { host } = new URL(location) // host:port, never the password
    throw new StoreUnavailable(
      `无法连接 PostgreSQL 数据库 ${host}（${code}）：请检查 DATABASE_URL 的地址和端口，并确认数据库已启动`,
    )
  }
}

const storeTypes: Readonly<Record<string, StoreOpener>> = {
  sqlite: openSqlite,
  postgres: openPostgres,
  postgresql: openPostgres,
}

const schemeOf = (location: string) =>
  /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase() ?? 'sqlite'

/** Opens the store named by `location`: `data/x.db`, `:memory:`, `sqlite://data/x.db`, `postgres://…`. */
export async function openStore(location: string): Promise<Store> {
  const scheme = schemeOf(location)
  const open = storeTypes[scheme]
  if (!open)
    throw new Error(
      `不支持的存储类型 ${scheme}://（可用：SQLite 文件路径、sqlite://路径、postgres://地址）`,
    )
  return open(location)
}

/** The whole tables of an opened (so migrated) store at `location`, for db:copy. */
export function openTableRows(location: string): TableRows {
  return schemeOf(location) === 'sqlite'
    ? openSqliteRows(location.replace(/^sqlite:\/\//i, ''))
    : openPostgresRows(location)
}
