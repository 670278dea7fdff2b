// Rebalancing grid workloads: hand-made fixtures with known answers, then seeded random lattices
// checking that no suggestion breaks an owner apart, crosses a township or widens the spread.
import { describe, expect, test } from 'vitest'
import {
  defaultWorkloadWeights,
  type GridLoad,
  type RebalanceResult,
  spreadOf,
  suggestRebalance,
  workloadOf,
} from '../../server/domain/grid-rebalance.ts'

function load(
  gridCode: string,
  owner: string | null,
  openIssues: number,
  township = 't1',
): GridLoad {
  return {
    gridCode,
    townshipCode: township,
    owner,
    openIssues,
    overdueIssues: 0,
    points: 0,
    areaKm2: 0,
  }
}

/** 4-neighbour adjacency of a rows × cols lattice whose cells are named `r{row}c{col}`. */
function latticeAdjacency(rows: number, cols: number): Map<string, string[]> {
  const adjacency = new Map<string, string[]>()
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const list: string[] = []
      if (r > 0) list.push(`r${r - 1}c${c}`)
      if (r < rows - 1) list.push(`r${r + 1}c${c}`)
      if (c > 0) list.push(`r${r}c${c - 1}`)
      if (c < cols - 1) list.push(`r${r}c${c + 1}`)
      adjacency.set(`r${r}c${c}`, list)
    }
  return adjacency
}

/** A 2 × 3 fixture from an owner map like 'XXX/XYY' and a load per cell (null owner = '.'). */
function fixture2x3(owners: string, loads: number[]): GridLoad[] {
  const cells = owners.replace('/', '')
  return [...cells].map((o, i) =>
    load(`r${Math.floor(i / 3)}c${i % 3}`, o === '.' ? null : o, loads[i] as number),
  )
}

function applyMoves(
  grids: readonly GridLoad[],
  result: RebalanceResult,
): Map<string, string | null> {
  const owner = new Map(grids.map((g) => [g.gridCode, g.owner]))
  for (const m of result.moves) {
    expect(owner.get(m.gridCode)).toBe(m.from)
    owner.set(m.gridCode, m.to)
  }
  return owner
}

function isConnected(cells: readonly string[], adjacency: Map<string, string[]>): boolean {
  if (cells.length === 0) return false
  const inside = new Set(cells)
  const seen = new Set([cells[0] as string])
  const queue = [cells[0] as string]
  while (queue.length > 0) {
    const cell = queue.shift() as string
    for (const n of adjacency.get(cell) ?? [])
      if (inside.has(n) && !seen.has(n)) {
        seen.add(n)
        queue.push(n)
      }
  }
  return seen.size === cells.length
}

describe('workloadOf', () => {
  test('weighs open and overdue issues, points and area by the default weights 1, 2, 0.5, 0.2', () => {
    const grid = { ...load('g', 'a', 3), overdueIssues: 2, points: 4, areaKm2: 10 }
    expect(workloadOf(grid, defaultWorkloadWeights)).toBeCloseTo(3 + 4 + 2 + 2)
    expect(workloadOf(grid, { openIssues: 0, overdueIssues: 0, points: 1, areaKm2: 0 })).toBe(4)
  })
})

describe('spreadOf', () => {
  test.each([
    { loads: [4, 2, 6], max: 6, min: 2, ratio: 3, stdev: Math.sqrt(8 / 3) },
    { loads: [5], max: 5, min: 5, ratio: 1, stdev: 0 },
    { loads: [3, 0], max: 3, min: 0, ratio: Infinity, stdev: 1.5 },
  ])('of $loads is max $max, min $min, ratio $ratio', ({ loads, max, min, ratio, stdev }) => {
    const s = spreadOf(loads)
    expect(s).toMatchObject({ max, min, ratio, owners: loads.length })
    expect(s.stdev).toBeCloseTo(stdev, 3)
  })
})

describe('suggestRebalance on a 2 × 3 lattice', () => {
  const adjacency = latticeAdjacency(2, 3)
  test.each([
    {
      name: 'gives the border grid that splits the load most evenly',
      // X: 1 3 2 / 1 · · = 7, Y: · · · / · 1 1 = 2; r0c2 (2) leaves 5 / 4, r1c0 (1) 6 / 3
      owners: 'XXX/XYY',
      loads: [1, 3, 2, 1, 1, 1],
      moves: [{ gridCode: 'r0c2', from: 'X', to: 'Y' }],
      after: { X: 5, Y: 4 },
    },
    {
      name: 'never moves a grid whose loss would cut its owner in two, nor an owner’s last grid',
      // X holds the top row and r1c1; r0c1 (load 10) joins them and is the last to stay
      owners: 'XXX/YXZ',
      loads: [1, 10, 1, 1, 1, 1],
      moves: [
        { gridCode: 'r0c0', from: 'X', to: 'Y' },
        { gridCode: 'r0c2', from: 'X', to: 'Z' },
        { gridCode: 'r1c1', from: 'X', to: 'Y' },
      ],
      after: { X: 10, Y: 3, Z: 2 },
    },
    {
      name: 'suggests nothing when no move lowers the spread',
      owners: 'XXX/YYY',
      loads: [1, 1, 1, 1, 1, 1],
      moves: [],
      after: { X: 3, Y: 3 },
    },
    {
      name: 'keeps unassigned grids where they are',
      // r0c1 has no owner and a huge load; it is neither taken nor given
      owners: 'X.Y/XXY',
      loads: [1, 50, 1, 2, 1, 1],
      moves: [{ gridCode: 'r1c1', from: 'X', to: 'Y' }],
      after: { X: 3, Y: 3 },
    },
  ])('$name', ({ owners, loads, moves, after }) => {
    const result = suggestRebalance(fixture2x3(owners, loads), adjacency)
    expect(result.moves).toEqual(moves)
    expect(Object.fromEntries(result.owners.map((o) => [o.owner, o.after]))).toEqual(after)
  })

  test('reports each owner’s workload and grid count before and after, and both spreads', () => {
    const result = suggestRebalance(fixture2x3('XXX/XYY', [1, 3, 2, 1, 1, 1]), adjacency)
    expect(result.owners).toEqual([
      { owner: 'X', before: 7, after: 5, gridsBefore: 4, gridsAfter: 3 },
      { owner: 'Y', before: 2, after: 4, gridsBefore: 2, gridsAfter: 3 },
    ])
    expect(result.before).toMatchObject({ max: 7, min: 2, ratio: 3.5, stdev: 2.5, owners: 2 })
    expect(result.after).toMatchObject({ max: 5, min: 4, ratio: 1.25, stdev: 0.5, owners: 2 })
  })

  test('stops after maxMoves', () => {
    const grids = fixture2x3('XXX/YXZ', [1, 10, 1, 1, 1, 1])
    expect(suggestRebalance(grids, adjacency, { maxMoves: 1 }).moves).toHaveLength(1)
    expect(suggestRebalance(grids, adjacency, { maxMoves: 0 }).moves).toEqual([])
  })

  test('uses the given weights', () => {
    // by points alone Y is the heavy one (10 to 4), so the first move goes the other way
    const grids = fixture2x3('XXX/XYY', [1, 3, 2, 1, 1, 1]).map((g) => ({
      ...g,
      points: g.owner === 'Y' ? 5 : 1,
    }))
    const weights = { openIssues: 0, overdueIssues: 0, points: 1, areaKm2: 0 }
    const result = suggestRebalance(grids, adjacency, { weights })
    expect(result.moves[0]).toEqual({ gridCode: 'r1c1', from: 'Y', to: 'X' })
    expect(result.owners.map((o) => [o.owner, o.before, o.after])).toEqual([
      ['X', 4, 7],
      ['Y', 10, 7],
    ])
  })

  test('moves nothing between different townships', () => {
    // same shape as the first case, but Y's grids lie in another township
    const grids = fixture2x3('XXX/XYY', [1, 3, 2, 1, 1, 1]).map((g) =>
      g.owner === 'Y' ? { ...g, townshipCode: 't2' } : g,
    )
    expect(suggestRebalance(grids, adjacency).moves).toEqual([])
  })

  test('leaves an owner spanning two townships alone, giving and taking nothing', () => {
    // X is heavy and would give r0c2 to Y, but one of X's grids lies in t2
    const grids = fixture2x3('XXX/XYY', [1, 3, 2, 1, 1, 1]).map((g) =>
      g.gridCode === 'r1c0' ? { ...g, townshipCode: 't2' } : g,
    )
    const result = suggestRebalance(grids, adjacency)
    expect(result.moves).toEqual([])
    expect(result.before).toEqual(result.after)
  })

  test('accepts adjacency listed in one direction only and ignores unknown codes', () => {
    const oneWay = new Map<string, string[]>()
    for (const [a, list] of adjacency) oneWay.set(a, [...list.filter((b) => a < b), 'nowhere'])
    const grids = fixture2x3('XXX/XYY', [1, 3, 2, 1, 1, 1])
    expect(suggestRebalance(grids, oneWay)).toEqual(suggestRebalance(grids, adjacency))
  })
})

// mulberry32: small, seeded, good enough for fixtures
function rngFrom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface RandomFixture {
  grids: GridLoad[]
  adjacency: Map<string, string[]>
}

/**
 * A k × k lattice with one random diagonal per square (still planar), split into townships by
 * column bands; owners grow from random seeds as contiguous regions inside their township; some
 * regions are unassigned and one owner may be joined across a township border.
 */
function randomFixture(seed: number): RandomFixture {
  const rand = rngFrom(seed)
  const int = (n: number) => Math.floor(rand() * n)
  const k = 4 + int(6)
  const adjacency = latticeAdjacency(k, k)
  for (let r = 0; r < k - 1; r++)
    for (let c = 0; c < k - 1; c++) {
      const [a, b] =
        rand() < 0.5 ? [`r${r}c${c}`, `r${r + 1}c${c + 1}`] : [`r${r}c${c + 1}`, `r${r + 1}c${c}`]
      adjacency.get(a)?.push(b)
      adjacency.get(b)?.push(a)
    }
  const townships = 1 + int(3)
  const townshipOf = (cell: string) => {
    const c = Number(cell.slice(cell.indexOf('c') + 1))
    return `t${Math.floor((c * townships) / k)}`
  }
  const cells = [...adjacency.keys()]
  const owner = new Map<string, string | null>()
  const frontier: string[] = []
  let ownerCount = 0
  for (const cell of cells)
    if (rand() < 0.18) {
      owner.set(cell, rand() < 0.1 ? null : `o${String(++ownerCount).padStart(2, '0')}`)
      frontier.push(cell)
    }
  // grow every region into free neighbours of its own township until the lattice is covered
  while (frontier.length > 0) {
    const i = int(frontier.length)
    const cell = frontier[i] as string
    const free = (adjacency.get(cell) ?? []).filter(
      (n) => !owner.has(n) && townshipOf(n) === townshipOf(cell),
    )
    if (free.length === 0) {
      frontier.splice(i, 1)
      continue
    }
    const next = free[int(free.length)] as string
    owner.set(next, owner.get(cell) ?? null)
    frontier.push(next)
  }
  for (const cell of cells) if (!owner.has(cell)) owner.set(cell, null) // isolated from every seed
  // sometimes one owner also takes a region across a township border
  if (townships > 1 && rand() < 0.5) {
    const a = cells.find((c) => townshipOf(c) === 't0' && owner.get(c) !== null)
    const b = cells.find((c) => townshipOf(c) === 't1' && owner.get(c) !== null)
    if (a && b) {
      const taken = owner.get(b)
      for (const c of cells) if (owner.get(c) === taken) owner.set(c, owner.get(a) ?? null)
    }
  }
  const grids = cells.map((cell) => ({
    gridCode: cell,
    townshipCode: townshipOf(cell),
    owner: owner.get(cell) ?? null,
    openIssues: int(12),
    overdueIssues: int(3),
    points: int(8),
    areaKm2: Math.round(rand() * 200) / 10,
  }))
  return { grids, adjacency }
}

function townshipRange(
  grids: readonly GridLoad[],
  owner: Map<string, string | null>,
  township: string,
) {
  const loads = new Map<string, number>()
  for (const g of grids) {
    const o = owner.get(g.gridCode)
    if (g.townshipCode !== township || o == null) continue
    loads.set(o, (loads.get(o) ?? 0) + workloadOf(g, defaultWorkloadWeights))
  }
  const values = [...loads.values()]
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values)
}

describe('suggestRebalance on seeded random lattices', () => {
  const seeds = Array.from({ length: 150 }, (_, i) => i + 1)

  test('keeps every owner non-empty and connected, inside its township, and never widens the spread', () => {
    for (const seed of seeds) {
      const { grids, adjacency } = randomFixture(seed)
      const result = suggestRebalance(grids, adjacency)
      const owner = applyMoves(grids, result)
      const byCode = new Map(grids.map((g) => [g.gridCode, g]))
      const townshipsOf = new Map<string, Set<string>>()
      for (const g of grids)
        if (g.owner !== null)
          townshipsOf.set(g.owner, (townshipsOf.get(g.owner) ?? new Set()).add(g.townshipCode))

      for (const m of result.moves) {
        const g = byCode.get(m.gridCode) as GridLoad
        expect(g.owner, `seed ${seed}`).not.toBeNull()
        expect([...(townshipsOf.get(m.from) ?? [])], `seed ${seed}`).toEqual([g.townshipCode])
        expect([...(townshipsOf.get(m.to) ?? [])], `seed ${seed}`).toEqual([g.townshipCode])
      }
      for (const o of townshipsOf.keys()) {
        const cells = grids.filter((g) => owner.get(g.gridCode) === o).map((g) => g.gridCode)
        const before = grids.filter((g) => g.owner === o).map((g) => g.gridCode)
        expect(cells.length, `seed ${seed} owner ${o}`).toBeGreaterThan(0)
        if (isConnected(before, adjacency))
          expect(isConnected(cells, adjacency), `seed ${seed} owner ${o}`).toBe(true)
        if ((townshipsOf.get(o)?.size ?? 0) > 1) expect(cells).toEqual(before)
      }
      for (const g of grids) if (g.owner === null) expect(owner.get(g.gridCode)).toBeNull()

      expect(result.after.max - result.after.min).toBeLessThanOrEqual(
        result.before.max - result.before.min + 1e-9,
      )
      expect(result.after.stdev).toBeLessThanOrEqual(result.before.stdev + 1e-9)
      const initial = new Map(grids.map((g) => [g.gridCode, g.owner]))
      for (const t of new Set(grids.map((g) => g.townshipCode)))
        expect(townshipRange(grids, owner, t)).toBeLessThanOrEqual(
          townshipRange(grids, initial, t) + 1e-9,
        )
    }
  })

  test('often finds something to move (the fixtures are not trivially balanced)', () => {
    const withMoves = seeds.filter((seed) => {
      const { grids, adjacency } = randomFixture(seed)
      return suggestRebalance(grids, adjacency).moves.length > 0
    })
    expect(withMoves.length).toBeGreaterThan(seeds.length / 2)
  })

  test('gives the same answer whatever the order of the grids and of the adjacency lists', () => {
    for (const seed of seeds.slice(0, 40)) {
      const { grids, adjacency } = randomFixture(seed)
      const shuffledGrids = [...grids].reverse()
      const shuffledAdjacency = new Map(
        [...adjacency].reverse().map(([k, v]) => [k, [...v].reverse()] as const),
      )
      expect(suggestRebalance(shuffledGrids, shuffledAdjacency), `seed ${seed}`).toEqual(
        suggestRebalance(grids, adjacency),
      )
    }
  })
})
