import { describe, expect, test } from 'vitest'
import { hilbertIndex } from '../../server/storage/sqlite/hilbert.ts'

describe('Hilbert curve', () => {
  test.each([1, 2, 3, 5])(
    'order %d visits every cell once, each step to a neighbouring cell',
    (order) => {
      const side = 2 ** order
      const cells: [number, number][] = []
      for (let x = 0; x < side; x++)
        for (let y = 0; y < side; y++) cells[hilbertIndex(x, y, order)] = [x, y]
      expect(cells.filter(Boolean)).toHaveLength(side * side)
      for (let d = 1; d < cells.length; d++) {
        const [ax, ay] = cells[d - 1] as [number, number]
        const [bx, by] = cells[d] as [number, number]
        expect(Math.abs(ax - bx) + Math.abs(ay - by)).toBe(1)
      }
    },
  )

  test('the 16-bit curve starts at the origin and spans 2^32 cells', () => {
    expect(hilbertIndex(0, 0)).toBe(0)
    expect(
      Math.max(hilbertIndex(65535, 0), hilbertIndex(0, 65535), hilbertIndex(65535, 65535)),
    ).toBe(2 ** 32 - 1)
  })
})
