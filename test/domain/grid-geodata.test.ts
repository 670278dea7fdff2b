// The "grids tile the township" invariant on the real demo data, and split, merge and redraw
// keeping it.
import { readFileSync } from 'node:fs'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { gridAdjacency } from '../../server/domain/grid-adjacency.ts'
import { mergeGeometries } from '../../server/domain/grid-merge.ts'
import { reshapeGeometry } from '../../server/domain/grid-reshape.ts'
import { areaKm2 } from '../../server/domain/grid-rings.ts'
import type { GridShape } from '../../server/domain/grid-shape.ts'
import { splitGeometry } from '../../server/domain/grid-split.ts'
import { validateTiling } from '../../server/domain/grid-tiling.ts'
import { replaceGrid, sumM2 } from '../fixtures/grids/grid-checks.ts'

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
