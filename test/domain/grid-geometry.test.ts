// Grid geometry on hand-made ~1 km squares near 巍山, then the "grids tile the township" invariant on
// the real demo data. Areas are geodesic (turf.area), so sums are compared within 1 m².
import { readFileSync } from 'node:fs'
import { area } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import {
  areaKm2,
  GridEditError,
  type GridGeometry,
  type GridShape,
  gridAdjacency,
  mergeGeometries,
  reshapeGeometry,
  splitGeometry,
  validateTiling,
} from '../../server/domain/grid-geometry.ts'
import {
  buildBox,
  buildCell,
  buildTownship,
  cellLat,
  cellLng,
  south,
  west,
} from '../fixtures/grids/build-squares.ts'

const m2 = (geometry: GridGeometry) => area({ type: 'Feature', properties: {}, geometry })
const sumM2 = (geometries: GridGeometry[]) => geometries.reduce((sum, g) => sum + m2(g), 0)

function errorCodeOf(attempt: () => unknown): string | null {
  try {
    attempt()
    return null
  } catch (error) {
    return error instanceof GridEditError ? error.code : String(error)
  }
}

/** The 2×2 township with grid `code` replaced by `pieces` (codes piece-1, piece-2 …). */
function replaceGrid(grids: GridShape[], code: string, pieces: GridGeometry[]): GridShape[] {
  return [
    ...grids.filter((grid) => grid.code !== code),
    ...pieces.map((geometry, i) => ({ code: `piece-${i + 1}`, geometry })),
  ]
}

// the 2×2 township: A (south-west), B (south-east), C (north-west), D (north-east)
const codeA = '532927101001001'
const codeB = '532927101001002'
const codeC = '532927101001003'
const codeD = '532927101001004'
const midLng = west + cellLng / 2
const midLat = south + cellLat / 2

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
      drawn: {
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [west + cellLng, south + cellLat],
            [west + cellLng, south],
            [west, south + cellLat],
            [west, south],
          ],
        ],
      } as Polygon,
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
    const bowTie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + cellLng, south + cellLat],
          [west + cellLng, south],
          [west, south + cellLat],
          [west, south],
        ],
      ],
    }
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

describe('gridAdjacency', () => {
  test('on a 3×3 board, neighbours share a side and diagonal cells are not neighbours', () => {
    const { grids } = buildTownship(3, 3)
    const adjacency = gridAdjacency(grids)
    const seq = (code: string) => Number(code.slice(12))
    const neighbours = (n: number) =>
      (adjacency.get(`532927101001${String(n).padStart(3, '0')}`) ?? []).map(seq)
    // cells numbered 1–9 row by row from the south-west
    expect(neighbours(5)).toEqual([2, 4, 6, 8])
    expect(neighbours(1)).toEqual([2, 4])
    expect(neighbours(3)).toEqual([2, 6])
    expect(neighbours(9)).toEqual([6, 8])
    expect(neighbours(8)).toEqual([5, 7, 9])
  })

  test('a split edge still counts: a grid borders both pieces of its split neighbour', () => {
    const { grids } = buildTownship()
    const pieces = splitGeometry(buildCell(1, 0), [
      [west + 1.5 * cellLng, south - 0.001],
      [west + 1.5 * cellLng + 0.001, south + cellLat + 0.001],
    ])
    const adjacency = gridAdjacency(replaceGrid(grids, codeB, pieces))
    expect(adjacency.get(codeA)).toEqual([codeC, 'piece-1'])
    expect(adjacency.get(codeD)).toEqual([codeC, 'piece-1', 'piece-2'])
  })
})

describe('areaKm2', () => {
  test('rounds to two decimals like the geodata', () => {
    // turf's sphere: 0.01° lng × 0.009° lat here is 1006 m × 1001 m
    expect(areaKm2(buildCell(0, 0))).toBe(1.01)
    expect(areaKm2(buildCell(0, 0, 2, 3))).toBe(6.04)
    expect(areaKm2(buildBox(west, south, west + 0.001, south + 0.001))).toBe(0.01)
  })
})

describe('the demo geodata', () => {
  type Grids = { features: Feature<MultiPolygon, { townshipCode: string; areaKm2: number }>[] }
  type Townships = { features: Feature<MultiPolygon, { code: string }>[] }
  const gridsJson = JSON.parse(readFileSync('geodata/grids.geojson', 'utf8')) as Grids
  const townshipsJson = JSON.parse(readFileSync('geodata/townships.geojson', 'utf8')) as Townships
  const shapes = (townshipCode?: string) =>
    gridsJson.features
      .filter((f) => !townshipCode || f.properties.townshipCode === townshipCode)
      .map((f) => ({ code: String(f.id), geometry: f.geometry }))

  test.each(townshipsJson.features.map((f) => [f.properties.code, f.geometry] as const))(
    'the grids of township %s tile it',
    (code, geometry) => {
      const grids = shapes(code)
      expect(grids.length).toBeGreaterThan(0)
      expect(validateTiling(geometry, grids)).toEqual([])
    },
  )

  test('the 36 grids of 南诏镇 tile their township', () => {
    const township = townshipsJson.features.find((f) => f.properties.code === '532927101')
    const grids = shapes('532927101')
    expect(grids).toHaveLength(36)
    expect(validateTiling(township?.geometry as MultiPolygon, grids)).toEqual([])
  })

  test('adjacency of all 106 grids is symmetric and corner-free', () => {
    const grids = shapes()
    expect(grids).toHaveLength(106)
    const adjacency = gridAdjacency(grids)
    for (const [code, neighbours] of adjacency) {
      expect(neighbours.length).toBeGreaterThan(0)
      for (const other of neighbours) expect(adjacency.get(other)).toContain(code)
    }
  })

  test('splitting a real grid through its middle keeps its township tiled', () => {
    const township = townshipsJson.features.find((f) => f.properties.code === '532927101')
    const grids = shapes('532927101')
    const parent = grids.find((g) => g.code === '532927101001002') as GridShape
    const ring = (parent.geometry as MultiPolygon).coordinates[0]?.[0] ?? []
    const lngs = ring.map((p) => p[0] ?? 0)
    const lats = ring.map((p) => p[1] ?? 0)
    const [midLngReal, minLat, maxLat] = [
      (Math.min(...lngs) + Math.max(...lngs)) / 2,
      Math.min(...lats),
      Math.max(...lats),
    ]
    const pieces = splitGeometry(parent.geometry, [
      [midLngReal - 0.001, minLat - 0.001],
      [midLngReal + 0.001, maxLat + 0.001],
    ])
    expect(pieces).toHaveLength(2)
    const after = replaceGrid(grids, parent.code, pieces)
    expect(validateTiling(township?.geometry as MultiPolygon, after)).toEqual([])
  })

  test('merging two real neighbours keeps their township tiled', () => {
    const township = townshipsJson.features.find((f) => f.properties.code === '532927101')
    const grids = shapes('532927101')
    const [code, neighbours] = [...gridAdjacency(grids)][0] ?? ['', []]
    const pair = [code, neighbours[0] ?? '']
    const merged = mergeGeometries(
      grids.filter((g) => pair.includes(g.code)).map((g) => g.geometry),
    )
    const after = [
      ...grids.filter((g) => !pair.includes(g.code)),
      { code: 'merged', geometry: merged },
    ]
    expect(validateTiling(township?.geometry as MultiPolygon, after)).toEqual([])
  })

  test('redrawing a real grid to take in part of its neighbour keeps the township tiled', () => {
    const township = townshipsJson.features.find((f) => f.properties.code === '532927101')
    const grids = shapes('532927101')
    const [targetCode, neighbours] = [...gridAdjacency(grids)][0] ?? ['', []]
    const target = grids.find((g) => g.code === targetCode) as GridShape
    const neighbour = grids.find((g) => g.code === neighbours[0]) as GridShape
    const ring = (neighbour.geometry as MultiPolygon).coordinates[0]?.[0] ?? []
    const lngs = ring.map((p) => p[0] ?? 0)
    const lats = ring.map((p) => p[1] ?? 0)
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2
    const halves = splitGeometry(neighbour.geometry, [
      [Math.min(...lngs) - 0.001, midLat],
      [Math.max(...lngs) + 0.001, midLat + 0.0005],
    ])
    const taken = halves.find(
      (half) =>
        (gridAdjacency([target, { code: 'half', geometry: half }]).get('half') ?? []).length,
    ) as Polygon
    const drawn = mergeGeometries([target.geometry, taken])
    const others = grids.filter((g) => g.code !== target.code)
    const changed = reshapeGeometry(target, drawn, others, township?.geometry as MultiPolygon)
    expect(changed.map((g) => g.code)).toEqual([target.code, neighbour.code])
    const byCode = new Map(changed.map((g) => [g.code, g.geometry]))
    const after = grids.map((g) => ({ code: g.code, geometry: byCode.get(g.code) ?? g.geometry }))
    expect(validateTiling(township?.geometry as MultiPolygon, after)).toEqual([])
    expect(
      Math.abs(sumM2(after.map((g) => g.geometry)) - sumM2(grids.map((g) => g.geometry))),
    ).toBeLessThan(1)
  })

  test('areaKm2 agrees with the areas stored in the geodata', () => {
    for (const feature of gridsJson.features) {
      expect(areaKm2(feature.geometry)).toBeCloseTo(feature.properties.areaKm2, 2)
    }
  })
})
