// LiveLedger follows the ledger's log, not its own process's writes: with two stores on one SQLite
// file (two processes, or two cluster workers), a write through one reaches the other's columns and
// bus in seq order, and a reload of the issues layer on one is a reset on the other.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { kpis } from '../../server/analytics/issue-tally.ts'
import { findCollection } from '../../server/collections.ts'
import type { LiveMessage } from '../../server/live/issue-bus.ts'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { importedAt, issueAt, openLedgerStore, pinnedNow } from '../http/ledger-app.ts'

const actor = { actor: 'admin', actorName: '系统管理员', role: 'admin' }
let dir: string
let writer: Store
let reader: Store
let live: LiveLedger

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'live-follow-'))
  const file = join(dir, 'x.db')
  writer = (await openLedgerStore(undefined, file)).store
  reader = await openSqliteStore(file, { pollMs: 20 })
  live = new LiveLedger(reader, { now: () => pinnedNow })
  await live.ready
})

afterEach(async () => {
  live.close()
  await writer.close()
  await reader.close()
  rmSync(dir, { recursive: true, force: true })
})

function nextMessage(): Promise<LiveMessage> {
  return new Promise((resolve) => {
    const stop = live.bus.subscribe((message) => {
      stop()
      resolve(message)
    })
  })
}

test("another connection's write reaches the columns and the bus without a write here", async () => {
  const before = kpis(live.columns, pinnedNow).total
  const message = nextMessage()
  const [created] = await writer.createIssues([importedAt('seat', 'from-a')])
  const got = await message
  expect(got).toMatchObject({ type: 'issue', seq: created?.event.seq })
  expect(live.lastSeq).toBe(created?.event.seq)
  expect(kpis(live.columns, pinnedNow).total).toBe(before + 1)
})

test('events written elsewhere are applied once each, in seq order', async () => {
  const seen: number[] = []
  live.bus.subscribe((m) => {
    if (m.type === 'issue') seen.push(m.seq)
  })
  const written: number[] = []
  for (let i = 0; i < 5; i++) {
    const result = await writer.appendIssueEvent(
      {
        ...actor,
        issueId: 'i-fixing',
        at: '2026-11-22T08:00:00Z',
        action: 'note',
        note: `第${i}条`,
      },
      undefined,
    )
    written.push(result.event.seq)
    if (i % 2 === 0) await live.catchUp() // some woken early, some by the poll
  }
  await live.catchUp()
  expect(seen).toEqual(written)
})

test('a reload of the issues layer elsewhere is a reset here, with the new issues', async () => {
  const message = nextMessage()
  const def = findCollection('issues')
  if (!def) throw new Error('no issues collection')
  await writer.loadCollections([
    { def, features: [issueAt('seat', 'only-one', { status: 'pending' })] },
  ])
  await live.catchUp()
  expect(await message).toMatchObject({ type: 'reset' })
  expect(live.columns.size).toBe(1)
})
