// gridAdjacency on hand-made ~1 km squares near 巍山.
import { describe, expect, test } from 'vitest'
import { gridAdjacency } from '../../server/domain/grid-adjacency.ts'
import { splitGeometry } from '../../server/domain/grid-split.ts'
import {
  buildCell,
  buildTownship,
  cellLat,
  cellLng,
  south,
  west,
} from '../fixtures/grids/build-squares.ts'
import { codeA, codeB, codeC, codeD, replaceGrid } from '../fixtures/grids/grid-checks.ts'

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
