// splitGeometry on hand-made ~1 km squares near 巍山.
import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { splitGeometry } from '../../server/domain/grid-split.ts'
import { validateTiling } from '../../server/domain/grid-tiling.ts'
import {
  buildCell,
  buildTownship,
  cellLat,
  cellLng,
  south,
  west,
} from '../fixtures/grids/build-squares.ts'
import {
  codeA,
  codeD,
  errorCodeOf,
  m2,
  midLat,
  midLng,
  replaceGrid,
  sumM2,
} from '../fixtures/grids/grid-checks.ts'

describe('splitGeometry', () => {
  test('a straight north–south line splits a square into a west and an east piece', () => {
    const { township, grids } = buildTownship()
    const cell = buildCell(0, 0)
    const pieces = splitGeometry(cell, [
      [west + 0.003, south - 0.001],
      [west + 0.003, south + cellLat + 0.001],
    ])
    expect(pieces).toHaveLength(2)
    const [first, second] = pieces
    expect(Math.max(...(first?.coordinates[0] ?? []).map((p) => p[0] ?? 0))).toBeCloseTo(
      west + 0.003,
      9,
    )
    expect(Math.min(...(second?.coordinates[0] ?? []).map((p) => p[0] ?? 0))).toBeCloseTo(
      west + 0.003,
      9,
    )
    expect(Math.abs(sumM2(pieces) - m2(cell))).toBeLessThan(1)
    expect(m2(pieces[0] as Polygon) / m2(cell)).toBeCloseTo(0.3, 3)
    expect(validateTiling(township, replaceGrid(grids, codeA, pieces))).toEqual([])
  })

  test('an east–west line gives the north piece first', () => {
    const pieces = splitGeometry(buildCell(0, 0), [
      [west - 0.001, south + 0.002],
      [west + cellLng + 0.001, south + 0.002],
    ])
    expect(pieces).toHaveLength(2)
    const minLat = (piece: Polygon) =>
      Math.min(...(piece.coordinates[0] ?? []).map((p) => p[1] ?? 0))
    expect(minLat(pieces[0] as Polygon)).toBeCloseTo(south + 0.002, 9)
    expect(minLat(pieces[1] as Polygon)).toBeCloseTo(south, 9)
  })

  test('a bent line splits along every bend and the areas add up', () => {
    const { township, grids } = buildTownship()
    const cell = buildCell(1, 1)
    const [w, s] = [west + cellLng, south + cellLat]
    const pieces = splitGeometry(cell, [
      [w - 0.002, s + 0.002],
      [w + 0.004, s + 0.006],
      [w + 0.007, s + 0.001],
      [w + cellLng + 0.002, s + 0.003],
    ])
    expect(pieces).toHaveLength(2)
    expect(Math.abs(sumM2(pieces) - m2(cell))).toBeLessThan(1)
    // the bend points are vertices of both pieces
    for (const piece of pieces) {
      expect(piece.coordinates[0]).toContainEqual([w + 0.004, s + 0.006])
      expect(piece.coordinates[0]).toContainEqual([w + 0.007, s + 0.001])
    }
    expect(validateTiling(township, replaceGrid(grids, codeD, pieces))).toEqual([])
  })

  test('a line that crosses the grid twice cuts it into three pieces', () => {
    const cell = buildCell(0, 0)
    // a U: down through the grid, along below it, back up through it
    const pieces = splitGeometry(cell, [
      [west + 0.003, south + cellLat + 0.001],
      [west + 0.003, south - 0.001],
      [west + 0.007, south - 0.001],
      [west + 0.007, south + cellLat + 0.001],
    ])
    expect(pieces).toHaveLength(3)
    expect(Math.abs(sumM2(pieces) - m2(cell))).toBeLessThan(1)
  })

  test('a line that starts and ends on the border splits like one drawn from outside', () => {
    const pieces = splitGeometry(buildCell(0, 0), [
      [midLng, south],
      [midLng, south + cellLat],
    ])
    expect(pieces).toHaveLength(2)
  })

  test.each([
    {
      name: 'a line wholly outside the grid',
      line: [
        [west - 0.002, south - 0.001],
        [west - 0.002, south + cellLat + 0.001],
      ],
      code: 'line-does-not-cross',
    },
    {
      name: 'a line that stops inside the grid',
      line: [
        [midLng, south - 0.001],
        [midLng, midLat],
      ],
      code: 'line-does-not-cross',
    },
    {
      name: 'a line that only runs along the border',
      line: [
        [west, south - 0.001],
        [west, south + cellLat + 0.001],
      ],
      code: 'line-does-not-cross',
    },
    {
      name: 'a single point',
      line: [
        [midLng, midLat],
        [midLng, midLat],
      ],
      code: 'line-does-not-cross',
    },
    {
      name: 'a line that crosses itself',
      line: [
        [west - 0.001, south + 0.002],
        [west + cellLng + 0.001, south + 0.006],
        [west + cellLng + 0.001, south + 0.002],
        [west - 0.001, south + 0.006],
      ],
      code: 'invalid-geometry',
    },
  ])('$name is refused ($code)', ({ line, code }) => {
    const attempt = () => splitGeometry(buildCell(0, 0), line as [number, number][])
    expect(errorCodeOf(attempt)).toBe(code)
  })

  test('the refusal tells the user what to do, in Chinese', () => {
    expect(() =>
      splitGeometry(buildCell(0, 0), [
        [midLng, south - 0.001],
        [midLng, midLat],
      ]),
    ).toThrow('分割线须完整穿过网格：请从网格外画到网格外')
  })
})
