// The stored issue snapshot of every Store: parts back byte for byte, the newest one wins (a later
// layer, or the same layer at a seq as high), and loading the issues layer deletes it.
import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { type CollectionDef, findCollection } from '../../server/collections.ts'
import type { IssueSnapshot } from '../../server/storage/issue-snapshot-store.ts'
import type { Store } from '../../server/storage/store.ts'
import { buildIssue, mulberry32 } from '../builders.ts'

/** A snapshot whose parts are seeded bytes: a small one, an empty one and 3 MiB. */
export function seededSnapshot(seq: number, firstSeq: number | undefined): IssueSnapshot {
  const random = mulberry32(seq)
  const part = (bytes: number) => {
    const words = Uint32Array.from({ length: Math.ceil(bytes / 4) }, () => random() * 2 ** 32)
    return new Uint8Array(words.buffer, 0, bytes)
  }
  return { seq, firstSeq, parts: [part(37), part(0), part(3 << 20)] }
}

const def = (id: string) => findCollection(id) as CollectionDef
// byte for byte, without a deep equal over millions of elements
const digests = (parts: readonly Uint8Array[] | undefined) =>
  parts?.map((part) => `${part.byteLength}:${createHash('sha256').update(part).digest('hex')}`)

export function describeIssueSnapshotStore(name: string, open: () => Promise<Store>): void {
  describe(`${name} issue snapshot`, () => {
    test('none at first; a stored one reads back byte for byte', async () => {
      const store = await open()
      expect(await store.issueSnapshot()).toBeUndefined()
      const snapshot = seededSnapshot(42, 7)
      expect(await store.saveIssueSnapshot(snapshot)).toBe(true)
      const read = await store.issueSnapshot()
      expect(read?.seq).toBe(42)
      expect(read?.firstSeq).toBe(7)
      expect(digests(read?.parts)).toEqual(digests(snapshot.parts))
      await store.close()
    })

    test('the same layer at a lower seq is refused; an equal or higher seq replaces it', async () => {
      const store = await open()
      await store.saveIssueSnapshot(seededSnapshot(42, 7))
      expect(await store.saveIssueSnapshot(seededSnapshot(41, 7))).toBe(false)
      expect((await store.issueSnapshot())?.seq).toBe(42)
      expect(await store.saveIssueSnapshot(seededSnapshot(42, 7))).toBe(true)
      expect(await store.saveIssueSnapshot(seededSnapshot(43, 7))).toBe(true)
      const read = await store.issueSnapshot()
      expect(read?.seq).toBe(43)
      expect(digests(read?.parts)).toEqual(digests(seededSnapshot(43, 7).parts))
      await store.close()
    })

    test('a later layer replaces it at any seq; an earlier one never does', async () => {
      const store = await open()
      await store.saveIssueSnapshot(seededSnapshot(42, 7))
      expect(await store.saveIssueSnapshot(seededSnapshot(900, 6))).toBe(false)
      expect(await store.saveIssueSnapshot(seededSnapshot(900, undefined))).toBe(false)
      expect(await store.saveIssueSnapshot(seededSnapshot(10, 8))).toBe(true)
      expect(await store.issueSnapshot()).toMatchObject({ seq: 10, firstSeq: 8 })
      await store.close()
    })

    test('a ledger without events is stored with no first seq', async () => {
      const store = await open()
      await store.saveIssueSnapshot(seededSnapshot(0, undefined))
      const read = await store.issueSnapshot()
      expect(read).toMatchObject({ seq: 0 })
      expect(read?.firstSeq).toBeUndefined()
      await store.close()
    })

    test('loading the issues layer deletes it; loading another layer keeps it', async () => {
      const store = await open()
      await store.saveIssueSnapshot(seededSnapshot(42, 7))
      await store.loadCollections([{ def: def('checkpoints'), features: [] }])
      expect((await store.issueSnapshot())?.seq).toBe(42)
      await store.loadCollections([{ def: def('issues'), features: [buildIssue({ id: 'a' })] }])
      expect(await store.issueSnapshot()).toBeUndefined()
      await store.close()
    })
  })
}
