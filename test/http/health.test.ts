// /healthz and /readyz: answered without sign-in even when reads need one; ready means the store
// answers and the live view has read the log to its end — also after another connection wrote.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { openLedgerStore, pinnedNow } from './ledger-app.ts'
import { type RunningApp, startApp } from './start-app.ts'

let dir: string
let writer: Store
let store: Store
let live: LiveLedger
let app: RunningApp

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'health-'))
  const file = join(dir, 'x.db')
  writer = (await openLedgerStore(undefined, file)).store
  store = await openSqliteStore(file, { pollMs: 60_000 }) // no wake-up: /readyz must catch up itself
  live = new LiveLedger(store, { now: () => pinnedNow })
  app = await startApp({
    store,
    live,
    now: () => pinnedNow,
    config: { readAccess: 'authenticated' },
  })
})

afterEach(async () => {
  await app.close()
  live.close()
  await writer.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

test('/healthz answers without sign-in, with the process id', async () => {
  const reply = await fetch(`${app.url}/healthz`)
  expect(reply.status).toBe(200)
  expect(reply.headers.get('cache-control')).toBe('no-store')
  expect(await reply.json()).toEqual({
    status: 'ok',
    pid: process.pid,
    uptimeS: expect.any(Number),
    checkedAt: pinnedNow.toISOString(),
  })
})

test('/readyz is ready at the newest event seq, after catching up with another writer', async () => {
  await live.ready
  const written = await writer.appendIssueEvent(
    {
      actor: 'admin',
      actorName: '系统管理员',
      role: 'admin',
      issueId: 'i-fixing',
      at: '2026-11-22T08:00:00Z',
      action: 'note',
      note: '另一进程写入',
    },
    undefined,
  )
  const reply = await fetch(`${app.url}/readyz`)
  expect(reply.status).toBe(200)
  expect(await reply.json()).toMatchObject({ status: 'ready', lastEventSeq: written.event.seq })
})

test('/readyz is a 503 problem naming the store when the store is gone', async () => {
  await live.ready
  await store.close()
  const reply = await fetch(`${app.url}/readyz`)
  expect(reply.status).toBe(503)
  expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/)
  expect((await reply.json()).detail).toMatch(/^存储不可用/)
})
