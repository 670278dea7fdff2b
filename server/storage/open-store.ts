// Picks the Store implementation from the configured location: a registry keyed by URL scheme.
// A bare path (or ':memory:') is SQLite; postgres:// is reserved for the PostGIS store.
import { openSqliteStore } from './sqlite/sqlite-store.ts'
import type { Store } from './store.ts'

type StoreOpener = (location: string) => Promise<Store>

const openSqlite: StoreOpener = (location) => openSqliteStore(location.replace(/^sqlite:\/\//i, ''))

const openPostgres: StoreOpener = async () => {
  throw new Error(
    'PostGIS 存储尚未在此版本实现（postgres:// is not implemented in this build）；请把 DATABASE_PATH 设为 SQLite 文件路径',
  )
}

const storeTypes: Readonly<Record<string, StoreOpener>> = {
  sqlite: openSqlite,
  postgres: openPostgres,
  postgresql: openPostgres,
}

/** Opens the store named by `location`: `data/x.db`, `:memory:`, `sqlite://data/x.db`, `postgres://…`. */
export async function openStore(location: string): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase() ?? 'sqlite'
  const open = storeTypes[scheme]
  if (!open)
    throw new Error(`不支持的存储类型 ${scheme}://（可用：SQLite 文件路径、sqlite://路径）`)
  return open(location)
}
