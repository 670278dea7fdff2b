// Numbered migrations (migrations/NNN-name.sql), each applied once in its own transaction;
// PRAGMA user_version records the last one applied. IMMEDIATE, and the version read again under
// the lock: two processes starting on one new file apply each migration once.
import { readdirSync, readFileSync } from 'node:fs'
import type { Database } from 'better-sqlite3'

const migrationsDir = new URL('./migrations/', import.meta.url)

export function migrate(db: Database): number {
  const files = readdirSync(migrationsDir)
    .filter((name) => /^\d{3}-.*\.sql$/.test(name))
    .sort()
  let version = db.pragma('user_version', { simple: true }) as number
  for (const file of files) {
    const number = Number(file.slice(0, 3))
    if (number <= version) continue
    const sql = readFileSync(new URL(file, migrationsDir), 'utf8')
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= number) return
      db.exec(sql)
      db.pragma(`user_version = ${number}`)
    }).immediate()
    version = number
  }
  return version
}
