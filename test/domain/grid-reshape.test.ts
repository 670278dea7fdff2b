// reshapeGeometry on hand-made ~1 km squares near 巍山.
import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { reshapeGeometry } from '../../server/domain/grid-reshape.ts'
import type { GridGeometry, GridShape } from '../../server/domain/grid-shape.ts'
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
import {
  bowTie,
  codeA,
  codeB,
  codeC,
  errorCodeOf,
  m2,
  sumM2,
} from '../fixtures/grids/grid-checks.ts'

describe('reshapeGeometry', () => {
  const byCode = (shapes: GridShape[]) => new Map(shapes.map((s) => [s.code, s.geometry]))

  test('moving a shared border east grows the target and shrinks its neighbour by the same area', () => {
    const { township, grids } = buildTownship()
    const [a, ...others] = grids as [GridShape, ...GridShape[]]
    const drawn = buildBox(west, south, west + cellLng + 0.002, south + cellLat)
    const changed = reshapeGeometry(a, drawn, others, township)
    expect(changed.map((s) => s.code)).toEqual([codeA, codeB])
    const shapes = byCode(changed)
    const strip = m2(buildBox(west + cellLng, south, west + cellLng + 0.002, south + cellLat))
    expect(m2(shapes.get(codeA) as GridGeometry) - m2(a.geometry)).toBeCloseTo(strip, 0)
    expect(m2(shapes.get(codeB) as GridGeometry)).toBeCloseTo(m2(buildCell(1, 0)) - strip, 0)
    const after = grids.map((g) => ({ code: g.code, geometry: shapes.get(g.code) ?? g.geometry }))
    expect(Math.abs(sumM2(after.map((g) => g.geometry)) - m2(township))).toBeLessThan(1)
    expect(validateTiling(township, after)).toEqual([])
  })

  test.each([
    // A keeps its west 0.4: the freed strip borders B along a whole side, C along 0.6 of one
    {
      name: 'a strip along the east side',
      drawn: buildBox(west, south, west + 0.004, south + cellLat),
      to: codeB,
    },
    // A keeps its south third: the freed strip borders C along a whole side, B along 2/3 of one
    {
      name: 'a strip along the north side',
      drawn: buildBox(west, south, west + cellLng, south + 0.003),
      to: codeC,
    },
  ])(
    '$name that the target gives up goes to the grid sharing the longest border with it',
    ({ drawn, to }) => {
      const { township, grids } = buildTownship()
      const [a, ...others] = grids as [GridShape, ...GridShape[]]
      const changed = reshapeGeometry(a, drawn, others, township)
      expect(changed.map((s) => s.code)).toEqual([codeA, to])
      const after = grids.map((g) => ({
        code: g.code,
        geometry: byCode(changed).get(g.code) ?? g.geometry,
      }))
      expect(Math.abs(sumM2(after.map((g) => g.geometry)) - m2(township))).toBeLessThan(1)
      expect(validateTiling(township, after)).toEqual([])
    },
  )

  test('a drawn shape reaching outside the township is cut back to it', () => {
    const { township, grids } = buildTownship()
    const [a, ...others] = grids as [GridShape, ...GridShape[]]
    const drawn = buildBox(west - 0.005, south - 0.005, west + cellLng, south + cellLat)
    const [target] = reshapeGeometry(a, drawn, others, township)
    expect(Math.abs(m2(target?.geometry as GridGeometry) - m2(a.geometry))).toBeLessThan(1)
  })

  test.each([
    {
      name: 'covering a whole neighbour',
      drawn: buildBox(west, south, west + 2 * cellLng, south + cellLat),
      code: 'swallows-grid',
    },
    {
      name: 'a notch in the township border that no other grid touches',
      drawn: {
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [west + cellLng, south],
            [west + cellLng, south + cellLat],
            [west, south + cellLat],
            [west, south + 0.006],
            [west + 0.002, south + 0.006],
            [west + 0.002, south + 0.003],
            [west, south + 0.003],
            [west, south],
          ],
        ],
      } as Polygon,
      code: 'leaves-gap',
    },
    {
      name: 'drawing wholly outside the township',
      drawn: buildBox(west - 0.02, south, west - 0.01, south + cellLat),
      code: 'outside-township',
    },
    {
      name: 'a bow-tie outline',
      drawn: bowTie,
      code: 'invalid-geometry',
    },
    {
      name: 'cutting a neighbour in two',
      // A reaches across B's middle to the township's east edge
      drawn: {
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [west + cellLng, south],
            [west + cellLng, south + 0.004],
            [west + 2 * cellLng, south + 0.004],
            [west + 2 * cellLng, south + 0.005],
            [west + cellLng, south + 0.005],
            [west + cellLng, south + cellLat],
            [west, south + cellLat],
            [west, south],
          ],
        ],
      } as Polygon,
      code: 'invalid-geometry',
    },
  ])('$name is refused ($code)', ({ drawn, code }) => {
    const { township, grids } = buildTownship()
    const [a, ...others] = grids as [GridShape, ...GridShape[]]
    expect(errorCodeOf(() => reshapeGeometry(a, drawn, others, township))).toBe(code)
  })

  test('swallowing a grid tells the user to merge instead', () => {
    const { township, grids } = buildTownship()
    const [a, ...others] = grids as [GridShape, ...GridShape[]]
    const drawn = buildBox(west, south, west + 2 * cellLng, south + cellLat)
    expect(() => reshapeGeometry(a, drawn, others, township)).toThrow(/请改用合并/)
  })
})
