// Random sequences of splits and merges on a small synthetic township, replayed the way the server
// does them (new codes from allocateGridCodes, retired codes kept). After every step the grids must
// still tile the township, carry unique codes, never revive a retired code, and keep the total area.
import { area } from '@turf/turf'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { gridAdjacency } from '../../server/domain/grid-adjacency.ts'
import { allocateGridCodes, isGridCode } from '../../server/domain/grid-codes.ts'
import { mergeGeometries } from '../../server/domain/grid-merge.ts'
import type { GridEditError, GridGeometry, GridShape } from '../../server/domain/grid-shape.ts'
import { splitGeometry } from '../../server/domain/grid-split.ts'
import { validateTiling } from '../../server/domain/grid-tiling.ts'
import { buildTownship, west } from '../fixtures/grids/build-squares.ts'

type Edit =
  | { kind: 'split'; pick: number; along: number; across: number; angle: number }
  | { kind: 'merge'; pick: number }

const fraction = fc.double({ min: 0.05, max: 0.95, noNaN: true })
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('split' as const),
    pick: fc.nat(),
    along: fraction,
    across: fraction,
    angle: fc.double({ min: 0, max: Math.PI, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('merge' as const), pick: fc.nat() }),
)

const m2 = (geometry: GridGeometry) => area({ type: 'Feature', properties: {}, geometry })

/**
 * Planar area (square degrees scaled to m² at lat 25.2). Splits put vertices on slanted edges,
 * which moves turf's spherical area by ~0.5 m² per cut without moving the land; planar area doesn't.
 */
function planarM2(geometry: GridGeometry): number {
  const scale = (Math.PI / 180) ** 2 * 6_371_008.8 ** 2 * Math.cos((25.2 * Math.PI) / 180)
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let sum = 0
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      let twice = 0
      for (let k = 1; k < ring.length; k++) {
        const [x1 = 0, y1 = 0] = ring[k - 1] ?? []
        const [x2 = 0, y2 = 0] = ring[k] ?? []
        twice += x1 * y2 - x2 * y1
      }
      sum += (i === 0 ? 1 : -1) * Math.abs(twice / 2)
    })
  }
  return sum * scale
}

function bboxOf(geometry: GridGeometry): [number, number, number, number] {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const points = rings.flatMap((polygon) => polygon[0] ?? [])
  const lngs = points.map((p) => p[0] ?? 0)
  const lats = points.map((p) => p[1] ?? 0)
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)]
}

/** A straight line through a point inside the grid's box, reaching well past the box on both sides. */
function lineThrough(geometry: GridGeometry, edit: Edit & { kind: 'split' }): [number, number][] {
  const [w, s, e, n] = bboxOf(geometry)
  const lng = w + edit.along * (e - w)
  const lat = s + edit.across * (n - s)
  const reach = 2 * Math.max(e - w, n - s)
  const dx = Math.cos(edit.angle) * reach
  const dy = Math.sin(edit.angle) * reach
  return [
    [lng - dx, lat - dy],
    [lng + dx, lat + dy],
  ]
}

/** The grid sheared so no edge is axis-parallel: split points then fall a rounding error off edges. */
function shear<G extends GridGeometry>(geometry: G): G {
  const move = (rings: number[][][]) =>
    rings.map((ring) => ring.map(([lng = 0, lat = 0]) => [lng, lat + 0.3 * (lng - west)]))
  return (
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: move(geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(move) }
  ) as G
}

interface State {
  grids: GridShape[]
  everAllocated: Set<string>
  retired: Set<string>
}

const villageOf = (code: string) => code.slice(0, 12)

/** Applies one edit like the server would; returns false when the domain refuses it. */
function apply(state: State, edit: Edit): boolean {
  if (edit.kind === 'split') {
    const parent = state.grids[edit.pick % state.grids.length]
    if (!parent) return false
    let pieces: GridGeometry[]
    try {
      pieces = splitGeometry(parent.geometry, lineThrough(parent.geometry, edit))
    } catch (error) {
      // a line through the box may miss an irregular grid; that is the only acceptable refusal
      expect((error as GridEditError).code).toBe('line-does-not-cross')
      return false
    }
    const codes = allocateGridCodes(villageOf(parent.code), state.everAllocated, pieces.length)
    retire(state, [parent.code])
    add(
      state,
      codes.map((code, i) => ({ code, geometry: pieces[i] as GridGeometry })),
    )
    return true
  }
  const pairs = [...gridAdjacency(state.grids)].flatMap(([code, neighbours]) =>
    neighbours.filter((other) => other > code).map((other) => [code, other] as const),
  )
  const pair = pairs[edit.pick % Math.max(1, pairs.length)]
  if (!pair) return false
  const inputs = state.grids.filter((grid) => pair.includes(grid.code))
  const merged = mergeGeometries(inputs.map((grid) => grid.geometry))
  const largest = [...inputs].sort((a, b) => m2(b.geometry) - m2(a.geometry))[0]
  const [code] = allocateGridCodes(villageOf(largest?.code ?? ''), state.everAllocated, 1)
  retire(state, [...pair])
  add(state, [{ code: code ?? '', geometry: merged }])
  return true
}

function retire(state: State, codes: string[]) {
  for (const code of codes) state.retired.add(code)
  state.grids = state.grids.filter((grid) => !codes.includes(grid.code))
}

function add(state: State, grids: GridShape[]) {
  for (const grid of grids) {
    // a code handed out twice, or a retired one revived, is exactly the bug this test hunts
    expect(state.everAllocated.has(grid.code)).toBe(false)
    state.everAllocated.add(grid.code)
  }
  state.grids.push(...grids)
}

describe('random splits and merges', () => {
  test('keep the township tiled, codes unique and fresh, and the area unchanged', () => {
    const township = shear(buildTownship(3, 2).township)
    const townshipM2 = planarM2(township)
    const applied = { split: 0, merge: 0 }
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
        // two villages (south row, north row), so merges across the village line take the larger grid's
        const lower = buildTownship(3, 1, '532927101001').grids
        const upper = buildTownship(3, 2, '532927101002').grids.slice(3)
        const state: State = {
          grids: [...lower, ...upper].map((grid) => ({ ...grid, geometry: shear(grid.geometry) })),
          everAllocated: new Set([...lower, ...upper].map((grid) => grid.code)),
          retired: new Set(),
        }
        expect(validateTiling(township, state.grids)).toEqual([])
        for (const edit of edits) {
          if (apply(state, edit)) applied[edit.kind]++
          const codes = state.grids.map((grid) => grid.code)
          expect(new Set(codes).size).toBe(codes.length)
          for (const code of codes) {
            expect(isGridCode(code)).toBe(true)
            expect(state.retired.has(code)).toBe(false)
          }
          expect(validateTiling(township, state.grids)).toEqual([])
          const totalM2 = state.grids.reduce((sum, grid) => sum + planarM2(grid.geometry), 0)
          expect(Math.abs(totalM2 - townshipM2)).toBeLessThan(1)
        }
      }),
      { numRuns: 40, seed: 20_260_601 },
    )
    // the runs must really edit, not just be refused
    expect(applied.split).toBeGreaterThan(20)
    expect(applied.merge).toBeGreaterThan(20)
  })
})
