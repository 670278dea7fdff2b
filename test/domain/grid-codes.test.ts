// Grid codes: 12-digit village + 3-digit sequence; a code once allocated never comes back.
import { describe, expect, test } from 'vitest'
import { allocateGridCodes, isGridCode } from '../../server/domain/grid-codes.ts'
import { GridEditError } from '../../server/domain/grid-shape.ts'

const village = '532927101001'
function errorCodeOf(attempt: () => unknown): string | null {
  try {
    attempt()
    return null
  } catch (error) {
    return error instanceof GridEditError ? error.code : String(error)
  }
}

const codesOf = (village: string, sequences: number[]) =>
  sequences.map((s) => `${village}${String(s).padStart(3, '0')}`)

describe('isGridCode', () => {
  test.each([
    ['532927101001001', true],
    ['532927206003012', true],
    ['53292710100100', false], // 14 digits
    ['5329271010010011', false], // 16 digits
    ['532928101001001', false], // another county
    ['53292710100100a', false],
    ['', false],
  ])('%s is a grid code: %s', (code, expected) => {
    expect(isGridCode(code)).toBe(expected)
  })
})

describe('allocateGridCodes', () => {
  test.each([
    { name: 'a village with no codes starts at 001', ever: [], count: 2, want: [1, 2] },
    {
      name: 'new codes follow the highest ever allocated',
      ever: [1, 2, 3],
      count: 2,
      want: [4, 5],
    },
    {
      name: 'gaps below the highest are not reused while there is room above',
      ever: [1, 7],
      count: 3,
      want: [8, 9, 10],
    },
    { name: 'zero codes asked, zero given', ever: [5], count: 0, want: [] },
    {
      name: 'past 999 the smallest never-used sequences are taken',
      ever: [1, 2, 4, 998],
      count: 3,
      want: [999, 3, 5],
    },
    {
      name: 'at 999 it goes straight to the smallest never-used',
      ever: [2, 999],
      count: 2,
      want: [1, 3],
    },
  ])('$name', ({ ever, count, want }) => {
    expect(allocateGridCodes(village, codesOf(village, ever), count)).toEqual(
      codesOf(village, want),
    )
  })

  test('codes of other villages do not count', () => {
    const ever = [...codesOf('532927101002', [1, 2, 3]), ...codesOf(village, [1])]
    expect(allocateGridCodes(village, ever, 1)).toEqual(codesOf(village, [2]))
  })

  test('retired codes count as allocated, so a split after a merge never revives a code', () => {
    // 001 and 002 merged into 003, then 003 split: the pieces get 004 and 005
    const ever = new Set(codesOf(village, [1, 2, 3]))
    expect(allocateGridCodes(village, ever, 2)).toEqual(codesOf(village, [4, 5]))
  })

  test('a village that has used every sequence gets a plain-Chinese error', () => {
    const all = codesOf(
      village,
      Array.from({ length: 999 }, (_, i) => i + 1),
    )
    const attempt = () => allocateGridCodes(village, all, 1)
    expect(attempt).toThrow(/已用完/)
    expect(errorCodeOf(attempt)).toBe('codes-exhausted')
  })

  test('asking for more codes than are left fails rather than repeating codes', () => {
    const ever = codesOf(
      village,
      Array.from({ length: 997 }, (_, i) => i + 1),
    )
    expect(allocateGridCodes(village, ever, 2)).toEqual(codesOf(village, [998, 999]))
    expect(errorCodeOf(() => allocateGridCodes(village, ever, 3))).toBe('codes-exhausted')
  })

  test.each(['53292710100', '5329271010011', '53292710100a', ''])(
    'village code %j is rejected',
    (bad) => {
      expect(() => allocateGridCodes(bad, [], 1)).toThrow(RangeError)
    },
  )
})
