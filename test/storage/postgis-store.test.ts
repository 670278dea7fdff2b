// Every Store contract suite on PostgreSQL + PostGIS, in a database of its own made from
// TEST_DATABASE_URL; skipped when none is set (npm run test:postgis sets one up).
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import type { Store } from '../../server/storage/store.ts'
import { buildIssue } from '../builders.ts'
import { describeAssessmentStore } from './assessment-contract.ts'
import { describeGridStore } from './grid-contract.ts'
import { describeIssueSnapshotStore } from './issue-snapshot-contract.ts'
import { describeNotificationStore } from './notification-contract.ts'
import { describePlanStore } from './plan-contract.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from './postgis-database.ts'
import { describeStore } from './store-contract.ts'

const url = testDatabaseUrl

describe.skipIf(!url)('PostGIS', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase(url as string, 'contract')
  })
  afterAll(async () => {
    await database?.drop()
  })
  const open = (): Promise<Store> => database.openEmpty()

  describeStore('PostGIS', open)
  describePlanStore('PostGIS', open)
  describeGridStore('PostGIS', open)
  describeAssessmentStore('PostGIS', open)
  describeIssueSnapshotStore('PostGIS', open)
  describeNotificationStore('PostGIS', open)

  describe('PostGIS specifics', () => {
    const issues = findCollection('issues')
    if (!issues) throw new Error('no issues collection')

    test('migrations are recorded once each, and reopening applies none again', async () => {
      const first = await open()
      await first.close()
      const second = await open()
      await second.close()
      const sql = postgres(database.url, { max: 1 })
      const rows = await sql`SELECT version, name FROM schema_migrations ORDER BY version`
      await sql.end()
      expect(rows.map((r) => r.name)).toEqual([
        '001-features.sql',
        '002-ledger.sql',
        '003-grids.sql',
        '004-plans.sql',
        '005-supervision.sql',
        '006-tokens-notifications.sql',
        '008-idempotency-keys.sql',
        '009-gis-views.sql',
        '010-reminder-rules.sql',
        '011-assessment.sql',
        '012-materials-surveys.sql',
        '013-issue-numbers.sql',
        '014-accountability.sql',
        '015-department-evaluations.sql',
        '016-issue-snapshot.sql',
      ])
    })

    test('issue history is append-only: no update, and no delete while the issue exists', async () => {
      const store = await open()
      await store.loadCollections([{ def: issues, features: [buildIssue({ id: 'kept' })] }])
      await store.close()
      const sql = postgres(database.url, { max: 1, onnotice: () => {} })
      try {
        await expect(sql`UPDATE issue_events SET note = 'x'`).rejects.toThrow(/append-only/)
        await expect(sql`DELETE FROM issue_events`).rejects.toThrow(/cannot be deleted/)
        await sql`DELETE FROM features WHERE id = 'kept'`
        expect((await sql`DELETE FROM issue_events`).count).toBe(1) // its issue is gone
      } finally {
        await sql.end()
      }
    })

    test('geometry is stored in EPSG:4326 with a GiST index', async () => {
      const store = await open()
      await store.loadCollections([{ def: issues, features: [buildIssue({ id: 'p' })] }])
      await store.close()
      const sql = postgres(database.url, { max: 1 })
      try {
        const [srid] = await sql`SELECT ST_SRID(geom) AS srid FROM features WHERE id = 'p'`
        expect(srid?.srid).toBe(4326)
        const [index] = await sql`SELECT indexdef FROM pg_indexes WHERE indexname = 'features_geom'`
        expect(index?.indexdef).toMatch(/USING gist \(geom\)/)
      } finally {
        await sql.end()
      }
    })

    test('a bulk write NOTIFYs once, with the newest event seq, and wakes another process’s store', async () => {
      const writer = await open()
      await writer.loadCollections([{ def: issues, features: [buildIssue({ id: 'issue-00001' })] }])
      const reader = await open() // a second pool and LISTEN connection, as another process has
      const sql = postgres(database.url, { max: 1 })
      const payloads: string[] = []
      await sql.listen('store_changes', (payload) => payloads.push(payload))
      let woken = 0
      const unsubscribe = reader.changes.subscribe(() => woken++)
      await new Promise((resolve) => setTimeout(resolve, 100)) // the reader's LISTEN is in place
      const at = '2026-11-22T01:00:00Z'
      const created = await writer.createIssues(
        Array.from({ length: 50 }, () => ({
          actor: 'admin',
          actorName: '管理员',
          role: 'admin',
          at,
          action: 'report' as const,
          to: 'pending' as const,
          changes: { ...buildIssue().properties, status: 'pending', lngLat: [100.3, 25.2] },
        })),
      )
      const deadline = Date.now() + 1000 // events cross processes within 1 s
      while ((payloads.length === 0 || woken === 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      await new Promise((resolve) => setTimeout(resolve, 100)) // room for any extra notification
      expect(payloads).toEqual([String(created.at(-1)?.event.seq)])
      expect(woken).toBeGreaterThan(0)
      unsubscribe()
      await sql.end()
      await reader.close()
      await writer.close()
    })
  })
})
