// The id → row hash table under IssueColumns agrees with a Map through seeded inserts, updates and
// swap-removals (the columns' way of dropping a row), across growth and long probe runs.
import { describe, expect, test } from 'vitest'
import { IdIndex } from '../../server/analytics/id-index.ts'
import { mulberry32 } from '../builders.ts'

/** Rows as the columns keep them: ids in an array, a removal moves the last row into the hole. */
function rowsWithIndex(initialRows?: number) {
  const ids: string[] = []
  const index = new IdIndex((row) => ids[row], initialRows)
  const reference = new Map<string, number>()
  return {
    ids,
    index,
    reference,
    add(id: string) {
      if (reference.has(id)) return
      ids.push(id)
      index.set(id, ids.length - 1)
      reference.set(id, ids.length - 1)
    },
    remove(id: string) {
      const row = reference.get(id)
      expect(index.delete(id)).toBe(row !== undefined)
      if (row === undefined) return
      reference.delete(id)
      const last = ids.length - 1
      if (row !== last) {
        const moved = ids[last] as string
        index.set(moved, row)
        reference.set(moved, row)
        ids[row] = moved
      }
      ids.length = last
    },
  }
}

describe('IdIndex', () => {
  test('agrees with a Map through 60,000 seeded inserts and swap-removals, growing from 16 rows', () => {
    const random = mulberry32(11)
    const rows = rowsWithIndex(16)
    for (let i = 0; i < 60_000; i++) {
      const id = `issue-${Math.floor(random() * 20_000)}`
      if (random() < 0.35) rows.remove(id)
      else rows.add(id)
    }
    expect(rows.index.size).toBe(rows.reference.size)
    for (const [id, row] of rows.reference) expect(rows.index.get(id)).toBe(row)
    for (let i = 0; i < 2_000; i++) {
      const id = `absent-${i}`
      expect(rows.index.get(id)).toBe(-1)
      expect(rows.index.delete(id)).toBe(false)
    }
  })

  test('ids that differ in one character, and the empty id, each keep their own row', () => {
    const rows = rowsWithIndex()
    const ids = [
      '',
      'a',
      'b',
      'ab',
      'ba',
      '问题-1',
      '问题-2',
      ...Array.from({ length: 500 }, (_, i) => `${i}`),
    ]
    for (const id of ids) rows.add(id)
    for (const [row, id] of ids.entries()) expect(rows.index.get(id)).toBe(row)
    rows.remove('a')
    rows.remove('')
    expect(rows.index.get('a')).toBe(-1)
    expect(rows.index.get('')).toBe(-1)
    for (const [id, row] of rows.reference) expect(rows.index.get(id)).toBe(row)
  })

  test('set on a known id moves it to the new row without adding an entry', () => {
    const ids = ['x', 'y']
    const index = new IdIndex((row) => ids[row])
    index.set('x', 0)
    index.set('y', 1)
    index.set('y', 1)
    expect(index.size).toBe(2)
    // x leaves and y moves into its row, in the columns' order: drop, re-point, then move the id
    expect(index.delete('x')).toBe(true)
    index.set('y', 0)
    ids[0] = 'y'
    ids.length = 1
    expect(index.size).toBe(1)
    expect(index.get('y')).toBe(0)
  })
})
