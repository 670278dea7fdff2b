// The stored issue snapshot on SQLite: the contract, and a snapshot from before a migration ignored.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { describeIssueSnapshotStore, seededSnapshot } from './issue-snapshot-contract.ts'

describeIssueSnapshotStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))

const dir = mkdtempSync(join(tmpdir(), 'issue-snapshot-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a snapshot stored under another schema version is ignored, and replaced by the next one', async () => {
  const file = join(dir, 'schema.db')
  const first = await openSqliteStore(file)
  await first.saveIssueSnapshot(seededSnapshot(42, 7))
  await first.close()
  const db = new Database(file)
  db.prepare('UPDATE issue_snapshot SET schema_version = schema_version - 1').run()
  db.close()
  const second = await openSqliteStore(file)
  expect(await second.issueSnapshot()).toBeUndefined()
  expect(await second.saveIssueSnapshot(seededSnapshot(3, 1))).toBe(true)
  expect(await second.issueSnapshot()).toMatchObject({ seq: 3, firstSeq: 1 })
  await second.close()
})

test('a save landing between the parts of a read does not mix them: the parts come from one snapshot', async () => {
  const store = await openSqliteStore(join(dir, 'interleaved.db'))
  const older = seededSnapshot(42, 7)
  const newer = seededSnapshot(43, 7)
  await store.saveIssueSnapshot(older)
  const reading = store.issueSnapshot() // reads the header, then waits a turn before each part
  await store.saveIssueSnapshot(newer) // lands before the first part is read
  const read = await reading
  const hex = (parts: readonly Uint8Array[] | undefined) =>
    parts?.map((part) => createHash('sha256').update(part).digest('hex'))
  expect(read?.seq).toBe(43) // read again from the header on
  expect(hex(read?.parts)).toEqual(hex(newer.parts))
  await store.close()
})
