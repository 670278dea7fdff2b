// Grid codes: 15 digits = the 12-digit village code + a 3-digit sequence within the village.
// A code, once allocated, is never handed out again, even after its grid is split or merged away.

import { place } from '../config/place.ts'
import { GridEditError } from './grid-shape.ts'

const gridCodePattern = new RegExp(`^${place.code}\\d{9}$`) // county code + village (6) + sequence (3)
const villageCodePattern = /^\d{12}$/
const maxSequence = 999

export function isGridCode(s: string): boolean {
  return gridCodePattern.test(s)
}

/** `count` new codes in the village: max(seq of every code ever allocated in it) + 1, +2 …; 999 cap then smallest never-used; none left → GridEditError. */
export function allocateGridCodes(
  villageCode: string,
  everAllocated: Iterable<string>,
  count: number,
): string[] {
  if (!villageCodePattern.test(villageCode)) {
    throw new RangeError(`village code must be 12 digits, got ${villageCode}`)
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`)
  }
  const used = new Set<number>()
  for (const code of everAllocated) {
    if (code.length === 15 && code.startsWith(villageCode)) {
      const sequence = Number(code.slice(12))
      if (Number.isInteger(sequence)) used.add(sequence)
    }
  }
  const sequences: number[] = []
  // the usual case: keep counting up past the highest sequence ever used
  let next = Math.max(0, ...used) + 1
  while (sequences.length < count && next <= maxSequence) sequences.push(next++)
  // past 999: fall back to the smallest sequences that were never used
  for (let sequence = 1; sequences.length < count && sequence <= maxSequence; sequence++) {
    if (!used.has(sequence) && !sequences.includes(sequence)) sequences.push(sequence)
  }
  if (sequences.length < count) {
    throw new GridEditError(
      'codes-exhausted',
      `村（社区）${villageCode} 的网格代码已用完（最多 999 个）：请先合并该村的网格或联系管理员`,
    )
  }
  return sequences.map((sequence) => `${villageCode}${String(sequence).padStart(3, '0')}`)
}
