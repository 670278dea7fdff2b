// npm run backup's core: a copy taken while the store is open and written to holds every committed
// write, passes integrity_check, and opens as a working store (the restore).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { backupSqlite } from '../../server/storage/sqlite/backup-sqlite.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { openLedgerStore } from '../http/ledger-app.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

test('a backup of an open, written store restores with every committed write', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'weishan-backup-'))
  dirs.push(dir)
  const path = join(dir, 'live.db')
  const { store } = await openLedgerStore(undefined, path)
  try {
    const before = await store.features('issues', { limit: 1000, offset: 0, properties: {} })
    const report = await backupSqlite(path, join(dir, 'backups', 'copy.db'))
    expect(report.pages).toBeGreaterThan(0)
    const restored = await openSqliteStore(report.destination)
    try {
      const after = await restored.features('issues', { limit: 1000, offset: 0, properties: {} })
      expect(after.numberMatched).toBe(before.numberMatched)
      expect(after.features).toEqual(before.features)
      expect((await restored.users()).map((u) => u.username)).toEqual(
        (await store.users()).map((u) => u.username),
      )
    } finally {
      await restored.close()
    }
  } finally {
    await store.close()
  }
})
