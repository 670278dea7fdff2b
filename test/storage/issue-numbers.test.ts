// 问题编号 under concurrency: two processes, each with its own connection, report issues into one
// store at the same moment; every issue gets a number, none twice, and the year's numbers run
// 1…N without a gap. SQLite on a shared file; with TEST_STORE=postgis (npm run test:postgis) one
// PostgreSQL database.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import { formatIssueNo } from '../../server/domain/issue-number.ts'
import { openStore } from '../../server/storage/open-store.ts'
import { buildIssue } from '../builders.ts'
import { createTestDatabase, type TestDatabase } from './postgis-database.ts'

const perProcess = 60
const dir = mkdtempSync(join(tmpdir(), 'issue-numbers-'))
let location = join(dir, 'shared.db')
const goFile = join(dir, 'go')
let database: TestDatabase | undefined

beforeAll(async () => {
  if (process.env.TEST_STORE === 'postgis') {
    const url = process.env.TEST_DATABASE_URL
    if (!url) throw new Error('TEST_STORE=postgis needs TEST_DATABASE_URL')
    database = await createTestDatabase(url, 'issue_numbers')
    location = database.url
  }
  const issues = findCollection('issues')
  if (!issues) throw new Error('no issues collection')
  const store = await openStore(location)
  await store.loadCollections([
    {
      def: issues,
      features: [buildIssue({ id: 'issue-00001' }), buildIssue({ id: 'issue-00002' })],
    },
  ])
  await store.close()
}, 60_000)

afterAll(async () => {
  await database?.drop()
  rmSync(dir, { recursive: true, force: true })
})

/** A reporting process: `ready` resolves once it is connected; it starts when goFile exists. */
function reportingProcess(label: string, partner: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'create-issues-process.ts'),
      location,
      String(perProcess),
      label,
      goFile,
      partner,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  let onReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  child.stdout.on('data', (chunk) => {
    out += chunk
    if (out.startsWith('ready\n')) onReady()
  })
  child.stderr.on('data', (chunk) => {
    err += chunk
  })
  const numbers = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code === 0) resolve(JSON.parse(last) as string[])
      else reject(new Error(`process ${label} exited ${code}: ${err.slice(0, 2000)}`))
    })
  })
  return { ready, numbers }
}

test(`two processes reporting at once (${perProcess} each) never share a 问题编号 and leave no gap`, async () => {
  const processes = [reportingProcess('a', 'b'), reportingProcess('b', 'a')]
  await Promise.all(processes.map((p) => p.ready)) // both connected, then both start
  writeFileSync(goFile, 'go')
  const [a = [], b = []] = await Promise.all(processes.map((p) => p.numbers))
  const all = [...a, ...b]
  expect(new Set(all).size).toBe(2 * perProcess)
  // the two loaded issues hold 2026-000001 and -000002; the reports continue from 3
  expect(all.sort()).toEqual(
    Array.from({ length: 2 * perProcess }, (_, i) => formatIssueNo(2026, i + 3)),
  )
  // they ran interleaved, not one after the other (each waits for the other's first issue): each
  // got numbers below the other's last
  expect(a.some((n) => n < (b.at(-1) ?? ''))).toBe(true)
  expect(b.some((n) => n < (a.at(-1) ?? ''))).toBe(true)
  const store = await openStore(location)
  try {
    const page = await store.listIssues({
      sort: { key: 'reportedAt', descending: false },
      limit: 1000,
      offset: 0,
      now: new Date('2026-11-22T08:00:00Z'),
    })
    expect(new Set(page.items.map((i) => i.properties.issueNo)).size).toBe(page.total)
    expect(page.total).toBe(2 * perProcess + 2)
  } finally {
    await store.close()
  }
}, 120_000)
