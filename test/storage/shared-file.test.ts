// Two stores on one SQLite file, as two processes (or cluster workers) have them: counts come from
// the rows whichever connection wrote, cached lists follow the other's writes, and the change feed
// wakes one connection for the other's commits.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { FirstEvent } from '../../server/storage/ledger-store.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'

let dir: string
let a: Store
let b: Store

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shared-file-'))
  a = await openSqliteStore(join(dir, 'x.db'), { pollMs: 20 })
  b = await openSqliteStore(join(dir, 'x.db'), { pollMs: 20 })
})

afterEach(async () => {
  await a.close()
  await b.close()
  rmSync(dir, { recursive: true, force: true })
})

function report(n: number): FirstEvent {
  const at = '2026-11-22T01:00:00Z'
  return {
    actor: 'admin',
    actorName: '管理员',
    role: 'admin',
    at,
    action: 'report',
    to: 'pending',
    changes: {
      category: 'graffiti',
      description: `墙面乱涂 ${n}（示例）`,
      status: 'pending',
      reportedAt: at,
      updatedAt: at,
      deadlineAt: '2026-11-25T01:00:00Z',
      responsibleUnit: 'urban-management',
      gridCode: '532927101001002',
      townshipCode: '532927101',
      synthetic: false,
      lngLat: [100.3 + n / 1000, 25.2],
    },
  }
}

const all = { properties: {}, limit: 1, offset: 0 }

test('issues created alternately on two connections are all counted on both', async () => {
  for (let i = 0; i < 20; i++) {
    await a.createIssues([report(2 * i)])
    await b.createIssues([report(2 * i + 1), report(1000 + i)])
    // each connection reads its own stats row first, so a stale copy would show here
    await a.features('issues', all)
    await b.features('issues', all)
  }
  const total = 60
  expect((await a.features('issues', all)).numberMatched).toBe(total)
  expect((await b.features('issues', all)).numberMatched).toBe(total)
  expect((await a.collectionStats()).get('issues')?.count).toBe(total)
  expect((await b.collectionStats()).get('issues')?.count).toBe(total)
  expect((await a.listIssues(listAll)).total).toBe(total)
  const ids = new Set((await b.issueEventsAfter(0, 1000)).map((e) => e.issueId))
  expect(ids.size).toBe(total)
})

const listAll = {
  sort: { key: 'reportedAt' as const, descending: false },
  limit: 1,
  offset: 0,
  now: new Date('2026-11-22T08:00:00Z'),
}

test('a unit added on one connection is known on the other', async () => {
  await a.seedUnits([{ code: 'u-1', name: '单位一', kind: 'department' }])
  expect((await b.units()).map((u) => u.code)).toEqual(['u-1'])
  await a.seedUnits([{ code: 'u-2', name: '单位二', kind: 'department' }])
  expect((await b.units()).map((u) => u.code)).toEqual(['u-1', 'u-2'])
})

test("the change feed wakes one connection for the other's commit, and for its own", async () => {
  const onB = new Promise<void>((resolve) => {
    const stop = b.changes.subscribe(() => {
      stop()
      resolve()
    })
  })
  const onA = new Promise<void>((resolve) => {
    const stop = a.changes.subscribe(() => {
      stop()
      resolve()
    })
  })
  await a.createIssues([report(1)])
  await Promise.all([onA, onB])
  expect((await b.issueEventsAfter(0, 10)).length).toBe(1)
})

/** Holds the write lock from another thread (another connection) for `ms`; resolves once taken. */
function holdWriteLock(file: string, ms: number): Promise<Worker> {
  const worker = new Worker(
    `const Database = require('better-sqlite3')
     const { parentPort, workerData } = require('node:worker_threads')
     const db = new Database(workerData.file)
     db.exec('BEGIN IMMEDIATE')
     parentPort.postMessage('locked')
     setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released') }, workerData.ms)`,
    { eval: true, workerData: { file, ms } },
  )
  return new Promise((resolve) => worker.once('message', () => resolve(worker)))
}

test('a write waits for the lock another connection holds, then succeeds', async () => {
  const worker = await holdWriteLock(join(dir, 'x.db'), 300)
  const [created] = await a.createIssues([report(1)]) // busy_timeout: waits, does not fail
  expect(created?.state.id).toMatch(/^issue-/)
  await worker.terminate()
})

test('a lock held past every attempt is an error naming SQLITE_BUSY, and nothing is written', async () => {
  const impatient = await openSqliteStore(join(dir, 'x.db'), {
    busyTimeoutMs: 20,
    writeAttempts: 2,
  })
  const worker = await holdWriteLock(join(dir, 'x.db'), 2000)
  await expect(impatient.createIssues([report(1)])).rejects.toMatchObject({
    code: expect.stringMatching(/^SQLITE_BUSY/),
  })
  await worker.terminate()
  expect((await impatient.features('issues', all)).numberMatched).toBe(0)
  await impatient.close()
})
