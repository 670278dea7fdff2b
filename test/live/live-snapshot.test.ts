// The wall's snapshot across restarts: a start with no stored snapshot reads every issue and stores
// one; the next start loads it, reads no issue and replays only the events after it; a snapshot of
// an earlier layer or one that cannot be read is rebuilt; one is stored every snapshotEvery events.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { byGrid, byUnit, kpis } from '../../server/analytics/issue-tally.ts'
import { findCollection } from '../../server/collections.ts'
import { LiveLedger, type LiveOptions } from '../../server/live/live-ledger.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { turnsDuring } from '../event-loop.ts'
import { importedAt, issueAt, openLedgerStore, pinnedNow } from '../http/ledger-app.ts'

const actor = { actor: 'admin', actorName: '系统管理员', role: 'admin' }
let dir: string
let file: string
let writer: Store
const opened: Store[] = []
const started: LiveLedger[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'live-snapshot-'))
  file = join(dir, 'x.db')
  writer = (await openLedgerStore(undefined, file)).store
})

afterEach(async () => {
  for (const live of started.splice(0)) live.close()
  for (const store of opened.splice(0)) await store.close()
  await writer.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A LiveLedger on its own connection to the file (a process starting), counting what it reads. */
async function start(options: Partial<LiveOptions> = {}) {
  const store = await openSqliteStore(file)
  opened.push(store)
  const reads = { issuePages: 0, issues: new Set<string>() }
  const counting = new Proxy(store, {
    get(target, key) {
      if (key === 'features') {
        return (collection: string, ...rest: unknown[]) => {
          if (collection === 'issues') reads.issuePages++
          return (target.features as (...a: unknown[]) => unknown)(collection, ...rest)
        }
      }
      if (key === 'issue') {
        return (id: string) => {
          reads.issues.add(id)
          return target.issue(id)
        }
      }
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  }) as Store
  const live = new LiveLedger(counting, { now: () => pinnedNow, ...options })
  started.push(live)
  await live.ready
  return { live, reads }
}

const note = (issueId: string, text: string) => ({
  ...actor,
  issueId,
  at: '2026-11-22T08:00:00Z',
  action: 'note' as const,
  note: text,
})

function aggregates(live: Pick<LiveLedger, 'columns'>) {
  return {
    kpis: kpis(live.columns, pinnedNow),
    byGrid: byGrid(live.columns, pinnedNow),
    byUnit: byUnit(live.columns, pinnedNow),
    ids: live.columns.ids.slice(0, live.columns.size).sort(),
  }
}

test('a first start reads every issue and stores the snapshot at its seq', async () => {
  const { live, reads } = await start()
  expect(reads.issuePages).toBeGreaterThan(0)
  expect(live.builtFrom).toBe('issues')
  const [first] = await writer.issueEventsAfter(0, 1)
  expect(await writer.issueSnapshot()).toMatchObject({ seq: live.lastSeq, firstSeq: first?.seq })
})

test('the next start loads the snapshot and reads no issue', async () => {
  const { live: before } = await start()
  const { live, reads } = await start()
  expect(live.builtFrom).toBe('snapshot')
  expect(reads.issuePages).toBe(0)
  expect(reads.issues.size).toBe(0)
  expect(live.lastSeq).toBe(before.lastSeq)
  expect(aggregates(live)).toEqual(aggregates(before))
  expect(live.townshipNames).toEqual(before.townshipNames)
})

test('events after the snapshot are replayed: only their issues are read, and the counts are current', async () => {
  await start()
  await writer.appendIssueEvent(note('i-fixing', '一'), undefined)
  await writer.appendIssueEvent(note('i-fixing', '二'), undefined)
  await writer.createIssues([importedAt('seat', 'after-snapshot')])
  const { live, reads } = await start()
  expect(reads.issuePages).toBe(0)
  expect([...reads.issues].sort()).toEqual(['after-snapshot', 'i-fixing'])
  const [latest] = await writer.latestIssueEvents(1)
  expect(live.lastSeq).toBe(latest?.seq)
  expect(live.columns.has('after-snapshot')).toBe(true)
  // the same columns as every issue read now
  const page = await writer.features('issues', { properties: {}, limit: 10_000, offset: 0 })
  const columns = IssueColumns.fromFeatures(page.features.map((f) => JSON.parse(f)))
  expect(aggregates(live)).toEqual(aggregates({ columns }))
})

test('a snapshot of an earlier issues layer is not used, even when stored after the reload', async () => {
  await start()
  const stale = await writer.issueSnapshot()
  const def = findCollection('issues')
  if (!def || !stale) throw new Error('no issues collection or no snapshot')
  await writer.loadCollections([{ def, features: [issueAt('seat', 'only-one')] }])
  expect(await writer.issueSnapshot()).toBeUndefined() // the load deleted it
  await writer.saveIssueSnapshot(stale) // a process that had not noticed the reload yet
  const { live, reads } = await start()
  expect(reads.issuePages).toBeGreaterThan(0)
  expect(live.columns.ids.slice(0, live.columns.size)).toEqual(['only-one'])
  const [first] = await writer.issueEventsAfter(0, 1)
  expect((await writer.issueSnapshot())?.firstSeq).toBe(first?.seq)
})

test('a snapshot that cannot be read is rebuilt from the issues and replaced', async () => {
  const { live: before } = await start()
  const stored = await writer.issueSnapshot()
  if (!stored) throw new Error('no snapshot')
  const broken = new TextEncoder().encode('{"layout":')
  await writer.saveIssueSnapshot({ ...stored, parts: [broken, ...stored.parts.slice(1)] })
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const { live, reads } = await start()
    expect(reads.issuePages).toBeGreaterThan(0)
    expect(errors).toHaveBeenCalledWith('大屏快照无法读取，从问题表重建：', expect.any(SyntaxError))
    expect(aggregates(live)).toEqual(aggregates(before))
  } finally {
    errors.mockRestore()
  }
  const { reads } = await start()
  expect(reads.issuePages).toBe(0)
})

test('a new snapshot is stored every snapshotEvery events, and at shutdown', async () => {
  const { live } = await start({ snapshotEvery: 3 })
  const storedSeq = async () => (await writer.issueSnapshot())?.seq
  const first = live.lastSeq
  for (const text of ['一', '二'])
    await live.store.appendIssueEvent(note('i-fixing', text), undefined)
  expect(await storedSeq()).toBe(first)
  await live.store.appendIssueEvent(note('i-fixing', '三'), undefined)
  expect(await storedSeq()).toBe(live.lastSeq)
  await live.store.appendIssueEvent(note('i-fixing', '四'), undefined)
  expect(await storedSeq()).toBe(live.lastSeq - 1)
  await live.storeSnapshot() // main.ts, when it stops
  expect(await storedSeq()).toBe(live.lastSeq)
})

test('a reload of the issues layer through this process stores the new layer at once', async () => {
  const { live } = await start()
  const def = findCollection('issues')
  if (!def) throw new Error('no issues collection')
  await live.store.loadCollections([{ def, features: [issueAt('seat', 'only-one')] }])
  const [first] = await writer.issueEventsAfter(0, 1)
  expect(await writer.issueSnapshot()).toMatchObject({ seq: live.lastSeq, firstSeq: first?.seq })
})

test('the event loop turns between the pages of a build and before a load, so the server answers meanwhile', async () => {
  const store = await openSqliteStore(file)
  opened.push(store)
  const building = new LiveLedger(store, { now: () => pinnedNow, loadPageSize: 2 })
  started.push(building)
  const buildTurns = await turnsDuring(building.ready)
  expect(building.builtFrom).toBe('issues')
  expect(building.columns.size).toBeGreaterThan(4)
  // one between each two pages (the first, before the reading, comes before the counting starts)
  expect(buildTurns).toBeGreaterThanOrEqual(Math.ceil(building.columns.size / 2) - 1)

  const loading = new LiveLedger(store, { now: () => pinnedNow })
  started.push(loading)
  const loadTurns = await turnsDuring(loading.ready)
  expect(loading.builtFrom).toBe('snapshot')
  expect(loadTurns).toBeGreaterThanOrEqual(1) // between reading the stored parts and decoding them
})
