// validateTiling on hand-made ~1 km squares near 巍山.
import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { validateTiling } from '../../server/domain/grid-tiling.ts'
import {
  buildBox,
  buildTownship,
  cellLat,
  cellLng,
  south,
  west,
} from '../fixtures/grids/build-squares.ts'
import { bowTie, codeA, codeB, m2, replaceGrid } from '../fixtures/grids/grid-checks.ts'

describe('validateTiling', () => {
  test('four squares tile their 2×2 township', () => {
    const { township, grids } = buildTownship()
    expect(validateTiling(township, grids)).toEqual([])
  })

  test('an overlap names both grids and its area', () => {
    const { township, grids } = buildTownship()
    // A reaches 0.001° (≈ 100 m) into B
    const wide = buildBox(west, south, west + cellLng + 0.001, south + cellLat)
    const problems = validateTiling(township, replaceGrid(grids, codeA, [wide]))
    expect(problems).toHaveLength(1)
    expect(problems[0]?.kind).toBe('overlap')
    expect(problems[0]?.codes.sort()).toEqual([codeB, 'piece-1'])
    expect(problems[0]?.areaM2).toBeCloseTo(
      m2(buildBox(west + cellLng, south, west + cellLng + 0.001, south + cellLat)),
      -1,
    )
    expect(problems[0]?.message).toContain('重叠')
  })

  test('a gap is reported with its area', () => {
    const { township, grids } = buildTownship()
    const narrow = buildBox(west, south, west + cellLng - 0.001, south + cellLat)
    const problems = validateTiling(township, replaceGrid(grids, codeA, [narrow]))
    expect(problems.map((p) => p.kind)).toEqual(['gap'])
    expect(problems[0]?.areaM2).toBeGreaterThan(9000)
    expect(problems[0]?.message).toContain('不属于任何网格')
  })

  test('a grid sticking out of the township is named', () => {
    const { township, grids } = buildTownship()
    const out = buildBox(west - 0.001, south, west + cellLng, south + cellLat)
    const problems = validateTiling(township, replaceGrid(grids, codeA, [out]))
    expect(problems.map((p) => p.kind)).toEqual(['outside'])
    expect(problems[0]?.codes).toEqual(['piece-1'])
    expect(problems[0]?.message).toContain('超出乡镇边界')
  })

  test('a bow-tie grid is invalid (and the hole it leaves is a gap)', () => {
    const { township, grids } = buildTownship()
    const problems = validateTiling(township, replaceGrid(grids, codeA, [bowTie]))
    expect(problems.map((p) => p.kind)).toEqual(['invalid', 'gap'])
    expect(problems[0]?.codes).toEqual(['piece-1'])
    expect(problems[0]?.message).toContain('自相交')
  })

  test('a grid of less than a square metre is empty', () => {
    const { township, grids } = buildTownship()
    const speck = buildBox(west, south, west + 0.000001, south + 0.000001)
    const problems = validateTiling(township, [...grids, { code: 'speck', geometry: speck }])
    expect(problems.map((p) => p.kind)).toEqual(['empty'])
  })

  test('overlaps within the tolerance are accepted', () => {
    const { township, grids } = buildTownship()
    // A bulges 0.2 m into B along 2 m of their border: 0.4 m² of overlap, too small to matter
    const [e, n] = [west + cellLng, south + cellLat]
    const bulging: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [e + 0.000002, south],
          [e + 0.000002, south + 0.000018],
          [e, south + 0.000018],
          [e, n],
          [west, n],
          [west, south],
        ],
      ],
    }
    const withSliver = replaceGrid(grids, codeA, [bulging])
    expect(validateTiling(township, withSliver)).toEqual([])
    expect(validateTiling(township, withSliver, 0.01).map((p) => p.kind)).toEqual(['overlap'])
  })
})
