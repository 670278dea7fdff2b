import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import { openStore } from '../../server/storage/open-store.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { buildIssue } from '../builders.ts'
import { describeStore } from './store-contract.ts'

describeStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))

describe('SQLite store on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-store-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const issues = findCollection('issues')
  if (!issues) throw new Error('no issues collection')

  test('creates missing folders, migrates to the latest version and uses WAL', async () => {
    const file = join(dir, 'nested', 'a.db')
    const store = await openSqliteStore(file)
    await store.close()
    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(24) // 024-issue-snapshot-generations
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  test('data survives a restart, and reopening does not migrate again', async () => {
    const file = join(dir, 'b.db')
    const first = await openSqliteStore(file)
    await first.loadCollections([{ def: issues, features: [buildIssue({ id: 'kept' })] }])
    await first.close()
    const second = await openSqliteStore(file)
    expect(await second.isLoaded()).toBe(true)
    expect(await second.feature('issues', 'kept')).toContain('"kept"')
    await second.close()
  })

  test('a count saved wrong by an older version is recounted from the rows', async () => {
    const file = join(dir, 'recount.db')
    const first = await openSqliteStore(file)
    const features = [buildIssue({ id: 'a' }), buildIssue({ id: 'b' }), buildIssue({ id: 'c' })]
    await first.loadCollections([{ def: issues, features }])
    await first.close()
    const db = new Database(file)
    db.prepare("UPDATE collection_stats SET count = 2 WHERE collection = 'issues'").run()
    db.exec('DROP TABLE rate_limits') // as it was before migration 007
    db.pragma('user_version = 6')
    db.close()
    const second = await openSqliteStore(file)
    expect((await second.collectionStats()).get('issues')?.count).toBe(3)
    const page = await second.features('issues', { properties: {}, limit: 10, offset: 0 })
    expect(page.numberMatched).toBe(3)
    await second.close()
  })
})

describe('SQLite ledger tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-ledger-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const issues = findCollection('issues')
  if (!issues) throw new Error('no issues collection')

  test('issue history is append-only: no update, and no delete while the issue exists', async () => {
    const file = join(dir, 'append-only.db')
    const store = await openSqliteStore(file)
    await store.loadCollections([{ def: issues, features: [buildIssue({ id: 'kept' })] }])
    await store.close()
    const db = new Database(file)
    expect(() => db.prepare("UPDATE issue_events SET note = 'x'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM issue_events').run()).toThrow(/cannot be deleted/)
    db.prepare("DELETE FROM features WHERE id = 'kept'").run()
    expect(db.prepare('DELETE FROM issue_events').run().changes).toBe(1) // its issue is gone
    db.close()
  })

  test('a database made before the ledger migrates: versions, deadlines and an import event per issue', async () => {
    const file = join(dir, 'v1.db')
    const db = new Database(file)
    const v1 = new URL('../../server/storage/sqlite/migrations/001-features.sql', import.meta.url)
    db.exec(readFileSync(v1, 'utf8'))
    db.pragma('user_version = 1')
    const feature = buildIssue({ id: 'old', properties: { deadlineAt: '2026-11-01T00:00:00Z' } })
    db.prepare(
      "INSERT INTO features (collection, id, status, json) VALUES ('issues', 'old', 'fixing', ?)",
    ).run(JSON.stringify(feature))
    db.close()
    const store = await openSqliteStore(file)
    expect(await store.issue('old')).toMatchObject({
      version: 1,
      lngLat: feature.geometry?.coordinates,
    })
    const [event] = await store.issueEvents('old')
    expect(event).toMatchObject({ action: 'import', actor: 'system', to: 'fixing' })
    expect(event?.changes).toEqual({
      ...feature.properties,
      issueNo: '2026-000001', // numbered by 018-issue-numbers, first event included
      lngLat: feature.geometry?.coordinates,
    })
    const overdue = await store.listIssues({
      overdue: true,
      now: new Date('2026-11-02T00:00:00Z'),
      sort: { key: 'deadlineAt', descending: false },
      limit: 10,
      offset: 0,
    })
    expect(overdue.items.map((i) => i.id)).toEqual(['old'])
    await store.close()
  })
})

describe('openStore registry', () => {
  test.each([':memory:', 'sqlite://:memory:'])('%s opens a SQLite store', async (location) => {
    const store = await openStore(location)
    expect(await store.isLoaded()).toBe(false)
    await store.close()
  })

  test.each(['postgres://postgres@127.0.0.1:1/weishan', 'postgresql://127.0.0.1:1/weishan'])(
    '%s selects the PostGIS store (here: a port where no server listens)',
    async (location) => {
      await expect(openStore(location)).rejects.toThrow(/ECONNREFUSED|connect/)
    },
  )

  test('an unknown scheme is named in the error', async () => {
    await expect(openStore('mysql://localhost/db')).rejects.toThrow(/mysql/)
  })
})
