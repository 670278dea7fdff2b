// LiveLedger: the wall's IssueColumns built from the store and kept current by every ledger write made
// through its store, updated before the event is published; a reload of the issues layer rebuilds it
// and publishes a reset. Also the store's event queries the stream's catch-up reads.

import { describe, expect, test } from 'vitest'
import { IssueColumns } from '../../server/analytics/issue-columns.ts'
import { kpis } from '../../server/analytics/issue-tally.ts'
import { findCollection } from '../../server/collections.ts'
import type { NewIssueEvent } from '../../server/domain/issue.ts'
import type { LiveMessage } from '../../server/live/issue-bus.ts'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import type { FeatureQuery } from '../../server/ogc/feature-query.ts'
import { VersionConflict } from '../../server/storage/store-errors.ts'
import {
  importedAt,
  issueAt,
  openLedgerStore,
  pinnedNow,
  standardIssues,
} from '../http/ledger-app.ts'

const now = pinnedNow
const actor = { actor: 'admin', actorName: '系统管理员', role: 'admin' }

async function openLive() {
  const { store } = await openLedgerStore()
  const live = new LiveLedger(store, { now: () => now })
  await live.ready
  const published: { message: LiveMessage; total: number; closed: number; lastSeq: number }[] = []
  live.bus.subscribe((message) => {
    // what a client told about this event would read from the stats endpoints at that moment
    const tally = kpis(live.columns, now)
    published.push({ message, total: tally.total, closed: tally.closed, lastSeq: live.lastSeq })
  })
  return { store, live, published }
}

const firstEvent = (id: string) => importedAt('seat', id)

describe('LiveLedger', () => {
  test('its snapshot holds every stored issue, and lastSeq is the newest event', async () => {
    const { store, live } = await openLive()
    const [latest] = await store.latestIssueEvents(1)
    expect(live.columns.size).toBe(6)
    expect(kpis(live.columns, now)).toEqual(kpis(IssueColumns.fromFeatures(standardIssues()), now))
    expect(live.lastSeq).toBe(latest?.seq)
    expect(live.townshipNames.get('532927101')).toBe('南诏镇')
    expect(live.townshipNames.size).toBe(10)
  })

  test('builds the snapshot page by page (more issues than a page)', async () => {
    const { store } = await openLedgerStore(
      Array.from({ length: 25 }, (_, i) => issueAt('market', `p-${i}`, { status: 'pending' })),
    )
    const asked: FeatureQuery[] = []
    const features = store.features.bind(store)
    store.features = (id, query) => {
      if (id === 'issues') asked.push(query)
      return features(id, query)
    }
    const live = new LiveLedger(store, { now: () => now, loadPageSize: 10 })
    await live.ready
    expect(live.columns.size).toBe(25)
    expect(kpis(live.columns, now).pending).toBe(25)
    // after the first page each starts after the last one's key, not at a growing offset
    expect(asked.map((q) => [q.offset, q.cursor === undefined])).toEqual([
      [0, true],
      [0, false],
      [0, false],
    ])
  })

  test('builds nothing until first used; a first write builds it, then counts itself once', async () => {
    const { store } = await openLedgerStore()
    const live = new LiveLedger(store, { now: () => now })
    expect(live.columns.size).toBe(0)
    const seqs: number[] = []
    live.bus.subscribe((m) => seqs.push(m.seq))
    const [created] = await live.store.createIssues([firstEvent('first-write')])
    expect(live.columns.size).toBe(7)
    expect(kpis(live.columns, now).total).toBe(7)
    expect(live.lastSeq).toBe(created?.event.seq)
    expect(seqs).toEqual([created?.event.seq])
  })

  test('createIssues (report, import) counts the issues before each event is published', async () => {
    const { live, published } = await openLive()
    const created = await live.store.createIssues([firstEvent('n-1'), firstEvent('n-2')])
    expect(published.map((p) => [p.message.seq, p.total, p.lastSeq])).toEqual([
      [created[0]?.event.seq, 7, created[0]?.event.seq],
      [created[1]?.event.seq, 8, created[1]?.event.seq],
    ])
    expect(live.columns.has('n-2')).toBe(true)
  })

  test('transactIssue and appendIssueEvent update the row before publishing', async () => {
    const { live, published } = await openLive()
    const approve: NewIssueEvent = {
      ...actor,
      issueId: 'i-reviewing',
      at: '2026-11-22T08:00:00Z',
      action: 'approve',
      from: 'reviewing',
      to: 'closed',
    }
    const closed = await live.store.transactIssue('i-reviewing', 1, () => approve)
    const note = await live.store.appendIssueEvent(
      {
        ...actor,
        issueId: 'i-fixing',
        at: '2026-11-22T08:00:00Z',
        action: 'note',
        note: '现场核查',
      },
      undefined,
    )
    expect(published.map((p) => [p.message.type, p.message.seq, p.closed, p.lastSeq])).toEqual([
      ['issue', closed.event.seq, 2, closed.event.seq],
      ['issue', note.event.seq, 2, note.event.seq],
    ])
    const frame = published[0]?.message.type === 'issue' ? published[0].message.frame : ''
    expect(frame.startsWith(`id: ${closed.event.seq}\nevent: issue\ndata: {`)).toBe(true)
    expect(JSON.parse(frame.split('data: ')[1] ?? '')).toMatchObject({
      action: 'approve',
      issue: { id: 'i-reviewing', status: 'closed', version: 2, closedAt: '2026-11-22T08:00:00Z' },
    })
  })

  test('a write the store refuses changes nothing and publishes nothing', async () => {
    const { live, published } = await openLive()
    const version = live.columns.version
    await expect(
      live.store.transactIssue('i-fixing', 99, () => {
        throw new Error('never decided')
      }),
    ).rejects.toBeInstanceOf(VersionConflict)
    expect(live.columns.version).toBe(version)
    expect(published).toEqual([])
  })

  test('reloading the issues layer rebuilds the snapshot and publishes a reset', async () => {
    const { store, live, published } = await openLive()
    const issues = findCollection('issues')
    const checkpoints = findCollection('checkpoints')
    if (!issues || !checkpoints) throw new Error('collections missing')
    await live.store.loadCollections([{ def: checkpoints, features: [] }])
    expect(published).toEqual([]) // no issue changed
    await live.store.loadCollections([{ def: issues, features: [issueAt('seat', 'only-one')] }])
    const [latest] = await store.latestIssueEvents(1)
    expect(live.columns.size).toBe(1)
    expect(live.lastSeq).toBe(latest?.seq)
    expect(published.map((p) => p.message)).toEqual([{ type: 'reset', seq: latest?.seq }])
  })

  test('reads pass through to the store', async () => {
    const { live } = await openLive()
    expect((await live.store.issue('i-market'))?.properties.responsibleUnit).toBe(
      'market-regulation',
    )
    expect(await live.store.isLoaded()).toBe(true)
  })
})

describe('the store’s event queries', () => {
  test('issueEventsAfter returns later events oldest first, at most the limit', async () => {
    const { store } = await openLedgerStore()
    const all = await store.issueEventsAfter(0, 100)
    expect(all.map((e) => e.issueId)).toEqual(standardIssues().map((f) => f.id))
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6])
    expect((await store.issueEventsAfter(2, 3)).map((e) => e.seq)).toEqual([3, 4, 5])
    expect(await store.issueEventsAfter(6, 10)).toEqual([])
  })

  test('latestIssueEvents returns the newest first, whole events', async () => {
    const { store } = await openLedgerStore()
    const newest = await store.latestIssueEvents(2)
    expect(newest.map((e) => e.seq)).toEqual([6, 5])
    expect(newest[0]).toEqual((await store.issueEvents('i-miaojie'))[0])
  })
})
