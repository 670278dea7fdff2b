// Suggested grid moves that even out the workload between owners (grid managers or units) of the
// same township: a greedy local search over boundary grids that keeps every owner contiguous.

export interface WorkloadWeights {
  openIssues: number
  overdueIssues: number
  points: number
  areaKm2: number
}

export const defaultWorkloadWeights: WorkloadWeights = {
  openIssues: 1, // per open issue (status ≠ closed)
  overdueIssues: 2, // extra per overdue open issue, on top of its openIssues weight
  points: 0.5, // per checkpoint (fixed or random)
  areaKm2: 0.2, // per km² to patrol
}

export interface GridLoad {
  gridCode: string
  townshipCode: string
  owner: string | null
  openIssues: number
  overdueIssues: number
  points: number
  areaKm2: number
}

export function workloadOf(load: GridLoad, weights: WorkloadWeights): number {
  return (
    load.openIssues * weights.openIssues +
    load.overdueIssues * weights.overdueIssues +
    load.points * weights.points +
    load.areaKm2 * weights.areaKm2
  )
}

export interface Spread {
  max: number
  min: number
  /** max/min; Infinity when min is 0 */
  ratio: number
  stdev: number
  owners: number
}

export interface RebalanceMove {
  gridCode: string
  from: string
  to: string
}

export interface RebalanceResult {
  moves: RebalanceMove[]
  before: Spread
  after: Spread
  owners: {
    owner: string
    before: number
    after: number
    gridsBefore: number
    gridsAfter: number
  }[]
}

const defaultMaxMoves = 50
// improvements smaller than this are float noise, not progress (workloads are sums of 0.1-ish terms)
const epsilon = 1e-9

/** Spread of the workloads of the owners holding at least one grid (population stdev). */
export function spreadOf(workloads: readonly number[]): Spread {
  if (workloads.length === 0) return { max: 0, min: 0, ratio: Infinity, stdev: 0, owners: 0 }
  let max = -Infinity
  let min = Infinity
  let sum = 0
  for (const w of workloads) {
    if (w > max) max = w
    if (w < min) min = w
    sum += w
  }
  const mean = sum / workloads.length
  let squares = 0
  for (const w of workloads) squares += (w - mean) ** 2
  return {
    max: round(max),
    min: round(min),
    ratio: min > 0 ? round(max / min) : Infinity,
    stdev: round(Math.sqrt(squares / workloads.length)),
    owners: workloads.length,
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4
}

interface Candidate {
  gridCode: string
  from: string
  to: string
  rangeGain: number
  squaresGain: number
}

/**
 * Moves grids between owners of the same township so the workloads even out; each owner keeps
 * ≥ 1 grid, all in one township, connected through `adjacency`. Deterministic.
 *
 * Each step takes the move that most lowers its township's max − min, then its sum of squared
 * deviations (ties by grid code); only moves lowering both are taken, so no owner's workload
 * rises above the township's old max or falls below its old min.
 */
export function suggestRebalance(
  grids: GridLoad[],
  adjacency: Map<string, string[]>,
  options: { weights?: WorkloadWeights; maxMoves?: number } = {},
): RebalanceResult {
  const weights = options.weights ?? defaultWorkloadWeights
  const maxMoves = options.maxMoves ?? defaultMaxMoves
  const sorted = [...grids].sort((a, b) => compare(a.gridCode, b.gridCode))
  const byCode = new Map(sorted.map((g) => [g.gridCode, g]))
  const weight = new Map(sorted.map((g) => [g.gridCode, workloadOf(g, weights)]))
  const neighbours = symmetricNeighbours(adjacency, byCode)

  const ownerOf = new Map<string, string>()
  const gridsOf = new Map<string, Set<string>>()
  const load = new Map<string, number>()
  const townshipsOf = new Map<string, Set<string>>()
  for (const g of sorted) {
    if (g.owner === null) continue
    ownerOf.set(g.gridCode, g.owner)
    getOrAdd(gridsOf, g.owner, () => new Set()).add(g.gridCode)
    getOrAdd(townshipsOf, g.owner, () => new Set()).add(g.townshipCode)
    load.set(g.owner, (load.get(g.owner) ?? 0) + (weight.get(g.gridCode) ?? 0))
  }
  const owners = [...gridsOf.keys()].sort(compare)
  const loadBefore = new Map(load)
  const gridsBefore = new Map(owners.map((o) => [o, gridsOf.get(o)?.size ?? 0]))

  // owners spanning several townships stay as they are; the rest are grouped by township
  const townshipOf = new Map<string, string>()
  const ownersIn = new Map<string, string[]>()
  for (const o of owners) {
    const townships = townshipsOf.get(o) as Set<string>
    if (townships.size !== 1) continue
    const township = [...townships][0] as string
    townshipOf.set(o, township)
    getOrAdd(ownersIn, township, () => []).push(o)
  }

  const moves: RebalanceMove[] = []
  while (moves.length < maxMoves) {
    let best: Candidate | null = null
    for (const g of sorted) {
      const from = ownerOf.get(g.gridCode)
      if (from === undefined || !townshipOf.has(from)) continue
      const fromGrids = gridsOf.get(from) as Set<string>
      if (fromGrids.size < 2) continue
      const targets = new Set<string>()
      for (const n of neighbours.get(g.gridCode) ?? []) {
        const to = ownerOf.get(n)
        if (to !== undefined && to !== from && townshipOf.get(to) === g.townshipCode)
          targets.add(to)
      }
      if (targets.size === 0) continue
      const township = ownersIn.get(g.townshipCode) as string[]
      let connected: boolean | undefined // the BFS runs only for a move worth taking
      for (const to of [...targets].sort(compare)) {
        const c = evaluate(township, load, g.gridCode, weight.get(g.gridCode) ?? 0, from, to)
        if (c.rangeGain < -epsilon || c.squaresGain <= epsilon) continue
        if (best !== null && !better(c, best)) continue
        connected ??= staysConnected(fromGrids, g.gridCode, neighbours)
        if (connected) best = c
      }
    }
    if (best === null) break
    const w = weight.get(best.gridCode) ?? 0
    ;(gridsOf.get(best.from) as Set<string>).delete(best.gridCode)
    ;(gridsOf.get(best.to) as Set<string>).add(best.gridCode)
    ownerOf.set(best.gridCode, best.to)
    load.set(best.from, (load.get(best.from) ?? 0) - w)
    load.set(best.to, (load.get(best.to) ?? 0) + w)
    moves.push({ gridCode: best.gridCode, from: best.from, to: best.to })
  }

  return {
    moves,
    before: spreadOf(owners.map((o) => loadBefore.get(o) ?? 0)),
    after: spreadOf(owners.map((o) => load.get(o) ?? 0)),
    owners: owners.map((o) => ({
      owner: o,
      before: round(loadBefore.get(o) ?? 0),
      after: round(load.get(o) ?? 0),
      gridsBefore: gridsBefore.get(o) ?? 0,
      gridsAfter: gridsOf.get(o)?.size ?? 0,
    })),
  }
}

function evaluate(
  township: readonly string[],
  load: ReadonlyMap<string, number>,
  gridCode: string,
  w: number,
  from: string,
  to: string,
): Candidate {
  let maxBefore = -Infinity
  let minBefore = Infinity
  let maxAfter = -Infinity
  let minAfter = Infinity
  for (const o of township) {
    const before = load.get(o) ?? 0
    const after = o === from ? before - w : o === to ? before + w : before
    maxBefore = Math.max(maxBefore, before)
    minBefore = Math.min(minBefore, before)
    maxAfter = Math.max(maxAfter, after)
    minAfter = Math.min(minAfter, after)
  }
  const lf = load.get(from) ?? 0
  const lt = load.get(to) ?? 0
  return {
    gridCode,
    from,
    to,
    rangeGain: maxBefore - minBefore - (maxAfter - minAfter),
    // (lf − w)² + (lt + w)² − lf² − lt², negated
    squaresGain: -2 * w * (w + lt - lf),
  }
}

function better(a: Candidate, b: Candidate): boolean {
  if (Math.abs(a.rangeGain - b.rangeGain) > epsilon) return a.rangeGain > b.rangeGain
  if (Math.abs(a.squaresGain - b.squaresGain) > epsilon) return a.squaresGain > b.squaresGain
  return (
    compare(a.gridCode, b.gridCode) < 0 || (a.gridCode === b.gridCode && compare(a.to, b.to) < 0)
  )
}

/** Whether `grids` minus `removed` is still one connected piece. */
function staysConnected(
  grids: ReadonlySet<string>,
  removed: string,
  neighbours: ReadonlyMap<string, readonly string[]>,
): boolean {
  let start: string | undefined
  for (const g of grids) {
    if (g !== removed) {
      start = g
      break
    }
  }
  if (start === undefined) return false
  const seen = new Set([start])
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    for (const n of neighbours.get(queue[i] as string) ?? []) {
      if (n === removed || seen.has(n) || !grids.has(n)) continue
      seen.add(n)
      queue.push(n)
    }
  }
  return seen.size === grids.size - 1
}

/** Adjacency made symmetric, limited to the given grids, without self-loops. */
function symmetricNeighbours(
  adjacency: ReadonlyMap<string, readonly string[]>,
  grids: ReadonlyMap<string, GridLoad>,
): Map<string, string[]> {
  const sets = new Map<string, Set<string>>()
  for (const [a, list] of adjacency) {
    if (!grids.has(a)) continue
    for (const b of list) {
      if (b === a || !grids.has(b)) continue
      getOrAdd(sets, a, () => new Set()).add(b)
      getOrAdd(sets, b, () => new Set()).add(a)
    }
  }
  return new Map([...sets].map(([k, v]) => [k, [...v].sort(compare)]))
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key)
  if (v === undefined) {
    v = make()
    map.set(key, v)
  }
  return v
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
