// The stored issue snapshot on SQLite: the contract, and a snapshot from before a migration ignored.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import type { IssueSnapshot } from '../../server/storage/issue-snapshot-store.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import { describeIssueSnapshotStore, seededSnapshot } from './issue-snapshot-contract.ts'

describeIssueSnapshotStore('SQLite (:memory:)', () => openSqliteStore(':memory:'))

const dir = mkdtempSync(join(tmpdir(), 'issue-snapshot-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A file store holding snapshot `seq`, changed behind its back by `sql`, then opened again. */
async function reopenedAfter(file: string, seq: number, sql: string) {
  const first = await openSqliteStore(file)
  await first.saveIssueSnapshot(seededSnapshot(seq, 7))
  await first.close()
  const db = new Database(file)
  db.prepare(sql).run()
  db.close()
  return openSqliteStore(file)
}

test('a snapshot stored under another schema version is ignored, and replaced by the next one', async () => {
  const file = join(dir, 'schema.db')
  const sql = 'UPDATE issue_snapshot SET schema_version = schema_version - 1'
  const second = await reopenedAfter(file, 42, sql)
  expect(await second.issueSnapshot()).toBeUndefined()
  expect(await second.saveIssueSnapshot(seededSnapshot(3, 1))).toBe(true)
  expect(await second.issueSnapshot()).toMatchObject({ seq: 3, firstSeq: 1 })
  await second.close()
})

const hex = (parts: readonly Uint8Array[] | undefined) =>
  parts?.map((part) => createHash('sha256').update(part).digest('hex'))

test('a save landing between the parts of a read does not mix them: the parts come from one snapshot', async () => {
  const store = await openSqliteStore(join(dir, 'interleaved.db'))
  const bySeq = new Map([42, 43].map((seq) => [seq, seededSnapshot(seq, 7)]))
  await store.saveIssueSnapshot(bySeq.get(42) as IssueSnapshot)
  const reading = store.issueSnapshot() // reads the header, then waits a turn before each part
  await store.saveIssueSnapshot(bySeq.get(43) as IssueSnapshot) // its parts and switch interleave
  const read = await reading
  expect(hex(read?.parts)).toEqual(hex(bySeq.get(read?.seq ?? 0)?.parts))
  expect(hex((await store.issueSnapshot())?.parts)).toEqual(hex(bySeq.get(43)?.parts))
  await store.close()
})

test('two saves at once: the newer stays, whichever finishes last, and no other part is kept', async () => {
  const file = join(dir, 'two-saves.db')
  const store = await openSqliteStore(file)
  const [older, newer] = [seededSnapshot(50, 7), seededSnapshot(51, 7)]
  await Promise.all([store.saveIssueSnapshot(newer), store.saveIssueSnapshot(older)])
  const read = await store.issueSnapshot()
  expect(read?.seq).toBe(51)
  expect(hex(read?.parts)).toEqual(hex(newer.parts))
  await store.close()
  const db = new Database(file)
  expect(db.prepare('SELECT count(*) FROM issue_snapshot_parts').pluck().get()).toBe(3)
  db.close()
})

test("a writer's leftover parts (a crash mid-save) are deleted by the next save", async () => {
  const file = join(dir, 'leftovers.db')
  const sql = 'INSERT INTO issue_snapshot_parts (part, bytes) VALUES (999, zeroblob(10))'
  const second = await reopenedAfter(file, 60, sql)
  expect((await second.issueSnapshot())?.seq).toBe(60) // leftovers are not read
  await second.saveIssueSnapshot(seededSnapshot(61, 7))
  expect(hex((await second.issueSnapshot())?.parts)).toEqual(hex(seededSnapshot(61, 7).parts))
  await second.close()
  const after = new Database(file)
  expect(after.prepare('SELECT min(part) FROM issue_snapshot_parts').pluck().get()).toBe(1000)
  expect(after.prepare('SELECT count(*) FROM issue_snapshot_parts').pluck().get()).toBe(3)
  after.close()
})
