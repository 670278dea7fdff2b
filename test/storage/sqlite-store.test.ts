import { mkdtempSync, rmSync } from 'node:fs'
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
    expect(db.pragma('user_version', { simple: true })).toBe(2)
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
})

describe('openStore registry', () => {
  test.each([':memory:', 'sqlite://:memory:'])('%s opens a SQLite store', async (location) => {
    const store = await openStore(location)
    expect(await store.isLoaded()).toBe(false)
    await store.close()
  })

  test.each(['postgres://user@localhost/weishan', 'postgresql://localhost/weishan'])(
    '%s fails clearly: PostGIS is not in this build',
    async (location) => {
      await expect(openStore(location)).rejects.toThrow(/not implemented in this build/)
    },
  )

  test('an unknown scheme is named in the error', async () => {
    await expect(openStore('mysql://localhost/db')).rejects.toThrow(/mysql/)
  })
})
