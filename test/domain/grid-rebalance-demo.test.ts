// The suggestion on the committed demo data: managers' workloads from open and overdue issues,
// check points and area per grid, as the workspace counts them on the seed's "now".
import type { MultiPolygon, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { gridAdjacency } from '../../server/domain/grid-adjacency.ts'
import { type GridLoad, suggestRebalance } from '../../server/domain/grid-rebalance.ts'
import { type IssueProperties, isOverdue } from '../../server/domain/issue.ts'
import { readLayer, seedNow } from '../geodata/read-geodata.ts'

const now = new Date(seedNow)

function demoLoads(): GridLoad[] {
  const grids = readLayer<MultiPolygon>('grids').features
  const issues = readLayer<Point>('issues').features
  const checkpoints = readLayer<Point>('checkpoints').features
  const loads = new Map<string, GridLoad>(
    grids.map((g) => [
      g.id,
      {
        gridCode: g.id,
        townshipCode: g.properties.townshipCode as string,
        owner: g.properties.managerId as string,
        openIssues: 0,
        overdueIssues: 0,
        points: 0,
        areaKm2: g.properties.areaKm2 as number,
      },
    ]),
  )
  for (const c of checkpoints) {
    const load = loads.get(c.properties.gridCode as string)
    if (load) load.points++
  }
  for (const i of issues) {
    const load = loads.get(i.properties.gridCode as string)
    const issue = i.properties as Pick<IssueProperties, 'status' | 'deadlineAt'>
    if (!load || issue.status === 'closed') continue
    load.openIssues++
    if (isOverdue(issue, now)) load.overdueIssues++
  }
  return [...loads.values()]
}

describe('suggestRebalance on the demo data', () => {
  const grids = demoLoads()
  const adjacency = gridAdjacency(
    readLayer<MultiPolygon>('grids').features.map((g) => ({ code: g.id, geometry: g.geometry })),
  )

  const result = suggestRebalance(grids, adjacency)

  test('cuts the county-wide max/min workload ratio at least fourfold and lowers the stdev', () => {
    expect(result.before.owners).toBe(44)
    expect(result.moves.length).toBeGreaterThan(0)
    expect(result.after.ratio).toBeLessThanOrEqual(result.before.ratio / 4)
    expect(result.after.max).toBeLessThan(result.before.max)
    expect(result.after.min).toBeGreaterThan(result.before.min)
    expect(result.after.stdev).toBeLessThan(result.before.stdev * 0.7)
  })

  test('keeps every manager in their township with a connected, non-empty set of grids', () => {
    const owner = new Map(grids.map((g) => [g.gridCode, g.owner]))
    const township = new Map(grids.map((g) => [g.gridCode, g.townshipCode]))
    const townshipOf = new Map(grids.map((g) => [g.owner, g.townshipCode]))
    for (const m of result.moves) {
      expect(owner.get(m.gridCode)).toBe(m.from)
      expect(townshipOf.get(m.to)).toBe(township.get(m.gridCode))
      owner.set(m.gridCode, m.to)
    }
    for (const id of new Set(grids.map((g) => g.owner as string))) {
      const own = grids.filter((g) => owner.get(g.gridCode) === id).map((g) => g.gridCode)
      expect(own.length, id).toBeGreaterThan(0)
      const seen = new Set([own[0] as string])
      const queue = [own[0] as string]
      while (queue.length > 0)
        for (const n of adjacency.get(queue.shift() as string) ?? [])
          if (owner.get(n) === id && !seen.has(n)) {
            seen.add(n)
            queue.push(n)
          }
      expect(seen.size, id).toBe(own.length)
    }
  })

  test('gives the same suggestion every run for the 106 grids', () => {
    expect(suggestRebalance(grids, adjacency)).toEqual(suggestRebalance(grids, adjacency))
  })
})
