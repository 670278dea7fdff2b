// A fresh PostgreSQL database per test file, made from TEST_DATABASE_URL (scripts/with-postgis.sh sets
// it), and a store on it emptied before each test: the contract suites expect a new store each time.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
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

const databaseUrl = (baseUrl: string, name: string) => {
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function onAdmin(
  baseUrl: string,
  fn: (sql: postgres.Sql) => Promise<unknown>,
): Promise<void> {
  const sql = postgres(baseUrl, { max: 1, onnotice: () => {} })
  try {
    await fn(sql)
  } finally {
    await sql.end()
  }
}

// Migrating a new database takes about a second, and the PostGIS run makes hundreds of them: they are
// copies of one migrated template instead, named after the migrations' text so an edited migration
// gets a template of its own. The advisory lock lets one test process build it while others wait.
const migrationsDir = new URL('../../server/storage/postgres/migrations/', import.meta.url)
const templateLock = 1_402_000_002

const templates = new Map<string, Promise<string>>() // per server, made or found once per process

function migratedTemplate(baseUrl: string): Promise<string> {
  let template = templates.get(baseUrl)
  if (!template) {
    template = makeTemplate(baseUrl)
    templates.set(baseUrl, template)
  }
  return template
}

async function makeTemplate(baseUrl: string): Promise<string> {
  const hash = createHash('sha1')
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(file).update(readFileSync(new URL(file, migrationsDir)))
  }
  const name = `weishan_template_${hash.digest('hex').slice(0, 12)}`
  await onAdmin(baseUrl, async (sql) => {
    await sql`SELECT pg_advisory_lock(${templateLock})`
    try {
      const [ready] = await sql`SELECT 1 FROM pg_database WHERE datname = ${name} AND datistemplate`
      if (ready) return
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) // a half-made one
      await sql.unsafe(`CREATE DATABASE ${name}`)
      const store = await openPostgresStore(databaseUrl(baseUrl, name))
      await store.close()
      await sql.unsafe(`ALTER DATABASE ${name} WITH is_template true`)
    } finally {
      await sql`SELECT pg_advisory_unlock(${templateLock})`
    }
  })
  return name
}

/** Creates a database named after `label` and this process; drop() removes it. */
export async function createTestDatabase(baseUrl: string, label: string): Promise<TestDatabase> {
  const name = `weishan_${label}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase()
  const template = await migratedTemplate(baseUrl)
  await onAdmin(baseUrl, async (sql) => {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await sql.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  })
  const url = databaseUrl(baseUrl, name)
  return {
    url,
    async openEmpty() {
      const store = await openPostgresStore(url) // migrated already: checks the versions only
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      try {
        await sql.unsafe(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`)
        await sql.unsafe("UPDATE meta SET value = 1 WHERE name = 'grids_version'")
      } finally {
        await sql.end()
      }
      return store
    },
    async drop() {
      await onAdmin(baseUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}
