// Issue tiles follow the ledger's log, not only this process's writes: with two stores on one
// SQLite file (two processes, or two cluster workers), a write through one moves the ETag of the
// other's tile where it landed and of no other tile; a reload elsewhere moves them all.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { findCollection } from '../../server/collections.ts'
import { parseTileQuery } from '../../server/http/routes/tiles.ts'
import { LiveLedger } from '../../server/live/live-ledger.ts'
import { openSqliteStore } from '../../server/storage/sqlite/sqlite-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { tileAt } from '../../server/tiles/tile-matrix.ts'
import { TileService } from '../../server/tiles/tile-service.ts'
import { importedAt, issueAt, openLedgerStore, pinnedNow, places } from '../http/ledger-app.ts'

let dir: string
let writer: Store
let reader: Store
let live: LiveLedger
let tiles: TileService

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tile-follow-'))
  const file = join(dir, 'x.db')
  writer = (await openLedgerStore(undefined, file)).store
  reader = await openSqliteStore(file, { pollMs: 20 })
  live = new LiveLedger(reader, { now: () => pinnedNow })
  tiles = new TileService(live.store, live, () => pinnedNow)
})

afterEach(async () => {
  live.close()
  await writer.close()
  await reader.close()
  rmSync(dir, { recursive: true, force: true })
})

const unfiltered = parseTileQuery({}, 'issues')
const etagAt = async (lngLat: readonly [number, number]) =>
  (await tiles.tile('issues', tileAt(lngLat[0], lngLat[1], 14), unfiltered)).etag

/** Resolves once the reader's live view has applied the log up to `seq`. */
async function caughtUpTo(seq: number): Promise<void> {
  while (live.lastSeq < seq) await new Promise((resolve) => setTimeout(resolve, 10))
}

test("another store's write moves the ETag of its own tile only", async () => {
  const seat = places.seat.lngLat as [number, number]
  const miaojie = places.miaojie.lngLat as [number, number]
  const seatBefore = await etagAt(seat)
  const miaojieBefore = await etagAt(miaojie)
  const [created] = await writer.createIssues([importedAt('seat', 'from-elsewhere', 'pending')])
  await caughtUpTo(created?.event.seq ?? Number.POSITIVE_INFINITY)
  expect(await etagAt(miaojie)).toBe(miaojieBefore)
  const seatAfter = await tiles.tile('issues', tileAt(seat[0], seat[1], 14), unfiltered)
  expect(seatAfter.etag).not.toBe(seatBefore)
  expect(seatAfter.body).toBeDefined()
})

test('a reload of the issues layer by another store moves every issue tile', async () => {
  const miaojie = places.miaojie.lngLat as [number, number]
  const before = await etagAt(miaojie)
  const def = findCollection('issues')
  if (!def) throw new Error('no issues collection')
  const reset = new Promise<void>((resolve) => {
    const stop = live.bus.subscribe((message) => {
      if (message.type !== 'reset') return
      stop()
      resolve()
    })
  })
  await writer.loadCollections([{ def, features: [issueAt('seat', 'only-one')] }])
  await reset
  expect(await etagAt(miaojie)).not.toBe(before)
})
