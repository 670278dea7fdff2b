// The login limit is counted in the database: two apps on one SQLite file (two cluster workers)
// together allow the limit once, not once each.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { openLedgerStore, pinnedNow, testCost } from './ledger-app.ts'
import { type RunningApp, startApp } from './start-app.ts'

let dir: string
const stores: Store[] = []
const apps: RunningApp[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shared-limit-'))
  const file = join(dir, 'x.db')
  stores.push((await openLedgerStore(undefined, file)).store, await openSqliteStore(file))
  for (const store of stores) {
    apps.push(
      await startApp({
        store,
        now: () => pinnedNow,
        config: { distDir: '/nonexistent-dist' },
        auth: { passwordCost: testCost },
      }),
    )
  }
})

afterAll(async () => {
  for (const app of apps) await app.close()
  for (const store of stores) await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const login = (app: RunningApp | undefined, password: string) =>
  fetch(`${app?.url}/api/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-requested-with': 'fetch',
    },
    body: JSON.stringify({ username: 'planner', password }),
  }).then((r) => r.status)

test('10 failures spread over two workers block the 11th on either', async () => {
  const statuses: number[] = []
  for (let i = 0; i < 10; i++) statuses.push(await login(apps[i % 2], `wrong-${i}`))
  expect(statuses).toEqual(Array(10).fill(401))
  expect(await login(apps[0], 'wrong-a')).toBe(429)
  expect(await login(apps[1], 'wrong-b')).toBe(429)
})
