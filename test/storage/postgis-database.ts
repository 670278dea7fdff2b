// A fresh PostgreSQL database per test file, made from TEST_DATABASE_URL (scripts/with-postgis.sh sets
// it), and a store on it emptied before each test: the contract suites expect a new store each time.
import postgres from 'postgres'
import { openPostgresStore } from '../../server/storage/postgres/postgres-store.ts'
import type { Store } from '../../server/storage/store.ts'

export const testDatabaseUrl = process.env.TEST_DATABASE_URL

// every table the migrations create but schema_migrations; meta is reset below
const tables = [
  'assessment_systems',
  'assessment_groups',
  'assessment_standards',
  'checklist_items',
  'inspection_results',
  'inspections',
  'features',
  'collection_stats',
  'sequences',
  'issue_events',
  'attachments',
  'units',
  'users',
  'sessions',
  'display_tokens',
  'grid_managers',
  'grid_codes',
  'grid_events',
  'plans',
  'rate_limits',
  'rounds',
  'supervision_documents',
  'supervision_settings',
  'issue_numbers',
  'department_evaluations',
  'issue_snapshot',
  'issue_snapshot_parts',
  'notifications',
  'reminder_log',
  'outbox',
  'reminder_rules',
  'reminder_channels',
]

export interface TestDatabase {
  url: string
  /** A store on an emptied database (identities restarted, grids version 1). */
  openEmpty(): Promise<Store>
  drop(): Promise<void>
}

/** Creates a database named after `label` and this process; drop() removes it. */
export async function createTestDatabase(baseUrl: string, label: string): Promise<TestDatabase> {
  const name = `weishan_${label}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase()
  const onAdmin = async (fn: (sql: postgres.Sql) => Promise<unknown>) => {
    const sql = postgres(baseUrl, { max: 1, onnotice: () => {} })
    try {
      await fn(sql)
    } finally {
      await sql.end()
    }
  }
  await onAdmin(async (sql) => {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await sql.unsafe(`CREATE DATABASE ${name}`)
  })
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async openEmpty() {
      const store = await openPostgresStore(url.toString()) // migrates on first open
      const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
      try {
        await sql.unsafe(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`)
        await sql.unsafe("UPDATE meta SET value = 1 WHERE name = 'grids_version'")
      } finally {
        await sql.end()
      }
      return store
    },
    async drop() {
      await onAdmin((sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}
