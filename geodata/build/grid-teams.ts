// Grid managers (网格员) as per-township teams: each manager holds a contiguous cluster of 1–6 grids
// of one township. Cluster sizes are drawn unevenly on purpose, so the workspace's 建议调整 has
// workloads to even out.
import type { MultiRings } from './polygons.ts'
import { type Rng, randomInt } from './prng.ts'

export const gridTeamDefaults = {
  clusterSizes: [1, 2, 3, 4, 5, 6], // grids per manager, drawn uniformly
  minSharedM: 1, // grids touching along less than this do not count as neighbours
}

interface TeamGrid {
  gridCode: string
  townshipCode: string
  polygons: MultiRings
}

const metresPerDegree = 111_320

/**
 * Grids sharing a border longer than `minSharedM`. The grids are noded (neighbours share their
 * edge vertices exactly), so a shared border is a set of identical segments.
 */
export function gridAdjacencyFromRings(grids: readonly TeamGrid[]): Map<string, string[]> {
  const owners = new Map<string, { code: string; lengthM: number }[]>()
  for (const g of grids)
    for (const poly of g.polygons)
      for (const ring of poly)
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i] as number[]
          const b = ring[i + 1] as number[]
          const [p, q] = `${a[0]},${a[1]}` < `${b[0]},${b[1]}` ? [a, b] : [b, a]
          const key = `${p[0]},${p[1]};${q[0]},${q[1]}`
          const cos = Math.cos((((a[1] as number) + (b[1] as number)) / 2) * (Math.PI / 180))
          const lengthM =
            Math.hypot(
              ((b[0] as number) - (a[0] as number)) * cos,
              (b[1] as number) - (a[1] as number),
            ) * metresPerDegree
          const list = owners.get(key) ?? []
          list.push({ code: g.gridCode, lengthM })
          owners.set(key, list)
        }
  const shared = new Map<string, number>() // 'a|b' (a < b) → metres
  for (const list of owners.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i] as { code: string; lengthM: number }
        const y = list[j] as { code: string; lengthM: number }
        if (x.code === y.code) continue
        const key = x.code < y.code ? `${x.code}|${y.code}` : `${y.code}|${x.code}`
        shared.set(key, (shared.get(key) ?? 0) + x.lengthM)
      }
  }
  const adjacency = new Map<string, string[]>(grids.map((g) => [g.gridCode, []]))
  for (const [key, metres] of [...shared].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (metres <= gridTeamDefaults.minSharedM) continue
    const [a, b] = key.split('|') as [string, string]
    adjacency.get(a)?.push(b)
    adjacency.get(b)?.push(a)
  }
  for (const list of adjacency.values()) list.sort()
  return adjacency
}

/**
 * Splits each township's grids into clusters of 1–6 neighbouring grids: a cluster starts at the
 * township's first free grid (by code) and grows into random free neighbours until it reaches its
 * drawn size or runs out of room. A township of two or more grids gets two or more managers.
 * Returns the clusters (grid codes, sorted) by township code, then first grid code.
 */
export function buildGridTeams(
  grids: readonly TeamGrid[],
  adjacency: ReadonlyMap<string, readonly string[]>,
  rng: Rng,
): string[][] {
  const sizes = gridTeamDefaults.clusterSizes
  const byTownship = new Map<string, string[]>()
  for (const g of [...grids].sort((a, b) => (a.gridCode < b.gridCode ? -1 : 1))) {
    const list = byTownship.get(g.townshipCode) ?? []
    list.push(g.gridCode)
    byTownship.set(g.townshipCode, list)
  }
  const clusters: string[][] = []
  for (const township of [...byTownship.keys()].sort()) {
    const codes = byTownship.get(township) as string[]
    const inTownship = new Set(codes)
    const free = new Set(codes)
    for (const start of codes) {
      if (!free.has(start)) continue
      let size = sizes[randomInt(rng, sizes.length)] as number
      if (free.size === codes.length && codes.length > 1) size = Math.min(size, codes.length - 1)
      const cluster = [start]
      free.delete(start)
      while (cluster.length < size) {
        const frontier = [
          ...new Set(
            cluster.flatMap((c) =>
              (adjacency.get(c) ?? []).filter((n) => free.has(n) && inTownship.has(n)),
            ),
          ),
        ].sort()
        if (frontier.length === 0) break
        const next = frontier[randomInt(rng, frontier.length)] as string
        cluster.push(next)
        free.delete(next)
      }
      clusters.push(cluster.sort())
    }
  }
  return clusters
}
