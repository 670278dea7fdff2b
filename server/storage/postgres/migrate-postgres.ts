// Numbered migrations (migrations/NNN-name.sql), each applied once in its own transaction and
// recorded in schema_migrations. A transaction-level advisory lock makes two processes starting on
// one empty database apply each migration once.
import { readdirSync, readFileSync } from 'node:fs'
import type { Sql } from 'postgres'

const migrationsDir = new URL('./migrations/', import.meta.url)
const migrationLock = 1_402_000_001 // advisory lock key held while migrating (any fixed bigint)

/** Applies the migrations not yet recorded; returns the latest version. */
export async function migratePostgres(sql: Sql): Promise<number> {
  await sql`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`
  const files = readdirSync(migrationsDir)
    .filter((name) => /^\d{3}-.*\.sql$/.test(name))
    .sort()
  let latest = 0
  for (const file of files) {
    const version = Number(file.slice(0, 3))
    const text = readFileSync(new URL(file, migrationsDir), 'utf8')
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${migrationLock})`
      const [done] = await tx`SELECT 1 FROM schema_migrations WHERE version = ${version}`
      if (done) return
      await tx.unsafe(text)
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${version}, ${file})`
    })
    latest = version
  }
  return latest
}
