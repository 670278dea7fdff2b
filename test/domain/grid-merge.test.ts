// mergeGeometries on hand-made ~1 km squares near 巍山.
import { describe, expect, test } from 'vitest'
import { mergeGeometries } from '../../server/domain/grid-merge.ts'
import { validateTiling } from '../../server/domain/grid-tiling.ts'
import {
  buildBox,
  buildCell,
  buildTownship,
  cellLat,
  cellLng,
  south,
  west,
} from '../fixtures/grids/build-squares.ts'
import { codeA, codeB, errorCodeOf, m2 } from '../fixtures/grids/grid-checks.ts'

describe('mergeGeometries', () => {
  test('two grids sharing a side merge into one polygon with their combined area', () => {
    const { township, grids } = buildTownship()
    const merged = mergeGeometries([buildCell(0, 0), buildCell(1, 0)])
    expect(merged.type).toBe('Polygon')
    expect(Math.abs(m2(merged) - m2(buildCell(0, 0, 2, 1)))).toBeLessThan(1)
    const after = [...grids.filter((g) => g.code !== codeA && g.code !== codeB)]
    after.push({ code: 'merged', geometry: merged })
    expect(validateTiling(township, after)).toEqual([])
  })

  test('three grids in an L are connected through the corner grid', () => {
    const merged = mergeGeometries([buildCell(1, 0), buildCell(0, 1), buildCell(0, 0)])
    const cells = m2(buildCell(1, 0)) + m2(buildCell(0, 1)) + m2(buildCell(0, 0))
    expect(Math.abs(m2(merged) - cells)).toBeLessThan(1)
  })

  test.each([
    { name: 'grids touching only at a corner', cells: [buildCell(0, 0), buildCell(1, 1)] },
    { name: 'grids far apart', cells: [buildCell(0, 0), buildCell(5, 0)] },
    {
      name: 'a pair plus one grid off on its own',
      cells: [buildCell(0, 0), buildCell(1, 0), buildCell(3, 0)],
    },
  ])('$name are not merged', ({ cells }) => {
    expect(errorCodeOf(() => mergeGeometries(cells))).toBe('not-adjacent')
  })

  test('a border shorter than a metre does not count as shared', () => {
    // the second square touches the first along 0.5 m of its east side
    const touchLat = south + cellLat - 0.0000045
    const nudged = buildBox(west + cellLng, touchLat, west + 2 * cellLng, touchLat + cellLat)
    expect(errorCodeOf(() => mergeGeometries([buildCell(0, 0), nudged]))).toBe('not-adjacent')
  })

  test('one grid is too few to merge', () => {
    expect(errorCodeOf(() => mergeGeometries([buildCell(0, 0)]))).toBe('too-few')
  })
})
