// A round's coverage on its map: targets placed by their layers, counts, and the box the map fits.
import { describe, expect, test } from 'vitest'
import {
  coverageBounds,
  coverageCounts,
  placeTargets,
} from '../../../../client/roles/supervision/route-coverage.ts'

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
})
const townships = [
  { id: 't1', geometry: square(100.2, 25.1, 0.2), properties: { code: '532927101' } },
  { id: 't2', geometry: square(100.5, 25.3, 0.1), properties: { code: '532927105' } },
]
const checkpoints = [
  { id: 'cp-0139', geometry: { type: 'Point' as const, coordinates: [100.30639, 25.225701] } },
]
const target = (kind: 'township' | 'unit' | 'checkpoint', code: string, visited: boolean) => ({
  kind,
  code,
  name: code,
  visited,
  issues: 0,
})
const targets = [
  target('township', '532927101', true),
  target('township', '532927105', false),
  target('unit', 'health', true),
  target('checkpoint', 'cp-0139', false),
  target('checkpoint', 'cp-gone', true), // no longer in the layer
]

describe('placeTargets', () => {
  test('check points become points, townships outlines; units and missing points stay off the map', () => {
    const placed = placeTargets(targets, townships, checkpoints)
    expect(placed.points).toEqual([
      { code: 'cp-0139', name: 'cp-0139', visited: false, position: [100.30639, 25.225701] },
    ])
    expect(placed.outlines.map((o) => [o.code, o.visited])).toEqual([
      ['532927101', true],
      ['532927105', false],
    ])
    expect(placed.unplaced).toBe(2)
  })
})

describe('coverageCounts', () => {
  test('已到 n / 共 m in all and per kind', () => {
    expect(coverageCounts(targets)).toEqual({
      all: { visited: 3, total: 5 },
      township: { visited: 1, total: 2 },
      unit: { visited: 1, total: 1 },
      checkpoint: { visited: 1, total: 2 },
    })
    expect(coverageCounts([]).all).toEqual({ visited: 0, total: 0 })
  })
})

describe('coverageBounds', () => {
  test('findings and check points decide the box, at least ~1 km wide', () => {
    const placed = placeTargets(targets, townships, checkpoints)
    const box = coverageBounds([[100.33, 25.24]], placed)
    expect(box?.[0]).toBeCloseTo(100.30639, 5)
    expect(box?.[2]).toBeCloseTo(100.33, 5)
    const one = coverageBounds([], placed) as number[]
    expect((one[2] as number) - (one[0] as number)).toBeCloseTo(0.01, 6)
  })

  test('townships alone: the box of their outlines; nothing placed: no map', () => {
    const placed = placeTargets(targets.slice(0, 2), townships, checkpoints)
    const box = coverageBounds([], placed) ?? []
    expect(box.map((v) => v.toFixed(6))).toEqual([
      '100.200000',
      '25.100000',
      '100.600000',
      '25.400000',
    ])
    expect(coverageBounds([], placeTargets([targets[2] as never], [], []))).toBeUndefined()
  })
})
