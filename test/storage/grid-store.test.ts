// The grids part of the SQLite store: the grid contract (grid-contract.ts) on ':memory:', and managers
// and codes seeded on a database from before migration 003.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { describeGridStore, oldGrids } from './grid-contract.ts'

function def(id: string): CollectionDef {
  const found = findCollection(id)
  if (!found) throw new Error(`collections.ts lost ${id}`)
  return found
}
const gridsDef = def('grids')

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const migrationsDir = new URL('../../server/storage/sqlite/migrations/', import.meta.url)

/** Turns a current database file back into one at user_version 2 (before the grids tables). */
function downgradeToVersion2(path: string): void {
  const db = new Database(path)
  for (const file of readdirSync(migrationsDir).sort()) {
    if (Number(file.slice(0, 3)) <= 2) continue
    const sql = readFileSync(new URL(file, migrationsDir), 'utf8')
    for (const [, table] of sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g))
      db.exec(`DROP TABLE IF EXISTS ${table}`)
  }
  db.pragma('user_version = 2')
  db.close()
}

describe('grid managers and codes', () => {
  it('are seeded on a database migrated from before the grids tables, from the managers’ names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grid-store-'))
    dirs.push(dir)
    const path = join(dir, 'old.sqlite')
    const first = await openSqliteStore(path)
    await first.loadCollections([{ def: gridsDef, features: oldGrids() }])
    await first.close()
    downgradeToVersion2(path)

    const store = await openSqliteStore(path)
    try {
      const managers = await store.gridManagers()
      expect(managers.map((m) => [m.id, m.name, m.phone, m.active])).toEqual([
        ['gm-0001', '范成林', '136****9768', true],
        ['gm-0002', '左玉芬', '136****1152', true],
      ])
      const grids = await store.gridFeatures()
      expect(grids.map((g) => g.properties.managerId)).toEqual([
        'gm-0001',
        'gm-0002',
        'gm-0001',
        'gm-0002',
      ])
      // the OGC layer serves the managerId too
      const served = JSON.parse((await store.feature('grids', '532927101001001')) ?? '{}')
      expect(served.properties.managerId).toBe('gm-0001')
      const codes = await store.gridCodes()
      expect(codes.map((c) => [c.code, c.status])).toEqual(grids.map((g) => [g.id, 'active']))
      expect(await store.gridsVersion()).toBe(1)
    } finally {
      await store.close()
    }
  })
})

describeGridStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))
