// npm run db:reader -- --name gis [--url postgres://…]   (password: one line on stdin)
// A read-only login for GIS analysts on the PostGIS store: member of `gis_readers`, which may SELECT
// the views of schema `gis` (migration 009) and nothing else — no tables, so no password hashes or
// phones; every transaction read-only. Needs CREATEROLE, not superuser, so it works on a managed
// PostgreSQL with its admin account. Running it again for an existing name sets a new password.
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { openStore } from '../storage/open-store.ts'

const usage =
  "用法：echo '<密码>' | npm run db:reader -- --name <角色名> [--url postgres://…]（默认使用 DATABASE_URL）"
const readersRole = 'gis_readers' // the group role holding the SELECT grants
const minPasswordLength = 12 // characters; the login is reachable from analysts' desktops

class UsageError extends Error {}

async function readLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('只读角色的密码：')
  const rl = createInterface({ input: process.stdin, terminal: false })
  for await (const line of rl) {
    rl.close()
    return line.replace(/\r$/, '')
  }
  return ''
}

/** A string literal for SQL (CREATE ROLE takes no parameters). */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, url: { type: 'string' } } })
  const url = values.url ?? process.env.DATABASE_URL
  const name = values.name ?? ''
  if (!url || !/^postgres(ql)?:\/\//i.test(url)) {
    throw new UsageError(`缺少 PostgreSQL 地址（--url 或 DATABASE_URL）。${usage}`)
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new UsageError(
      `--name 须为小写字母、数字或下划线（以字母或下划线开头，最多 63 个字符）。${usage}`,
    )
  }
  const password = await readLine()
  if (password.length < minPasswordLength) {
    throw new UsageError(`密码至少 ${minPasswordLength} 个字符（从标准输入读取一行）。${usage}`)
  }
  await (await openStore(url)).close() // migrations: the gis views exist
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await sql.begin(async (tx) => {
      const [group] = await tx`SELECT 1 FROM pg_roles WHERE rolname = ${readersRole}`
      if (!group) await tx.unsafe(`CREATE ROLE ${readersRole} NOLOGIN`)
      const [{ db }] = (await tx`SELECT current_database() AS db`) as unknown as [{ db: string }]
      await tx.unsafe(`GRANT CONNECT ON DATABASE "${db}" TO ${readersRole}`)
      await tx.unsafe(`GRANT USAGE ON SCHEMA gis TO ${readersRole}`)
      await tx.unsafe(`GRANT SELECT ON ALL TABLES IN SCHEMA gis TO ${readersRole}`)
      // views a later migration adds to gis (created by this same owner) are granted too
      await tx.unsafe(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA gis GRANT SELECT ON TABLES TO ${readersRole}`,
      )
      const [exists] = await tx`SELECT 1 FROM pg_roles WHERE rolname = ${name}`
      await tx.unsafe(
        exists
          ? `ALTER ROLE ${name} LOGIN PASSWORD ${literal(password)}`
          : `CREATE ROLE ${name} LOGIN PASSWORD ${literal(password)} IN ROLE ${readersRole}`,
      )
      if (exists) await tx.unsafe(`GRANT ${readersRole} TO ${name}`)
      await tx.unsafe(`ALTER ROLE ${name} SET default_transaction_read_only = on`)
      await tx.unsafe(`ALTER ROLE ${name} SET search_path = gis, public`)
    })
  } finally {
    await sql.end()
  }
  const { host, pathname } = new URL(url)
  console.error(
    `只读角色 ${name} 已就绪：可查询 gis 模式下的视图（issues、issues_open、issues_by_grid、issues_by_township 等）。\n` +
      `QGIS：新建 PostgreSQL 连接，主机 ${host}，数据库 ${pathname.slice(1)}，用户 ${name}`,
  )
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err)
  process.exit(1)
})
