// The model shared by every plan computation: per-candidate factors, static score part, local
// coordinates, township and category indexes, and the optional distance matrix.
import { checkpointCategories } from '../domain/checkpoint.ts'
import {
  type CandidateRaw,
  categoryFactor,
  type DemoFactorValues,
  type DemoWeights,
  demoFactors,
  demoScoreSettings,
} from '../domain/demo-factors.ts'
import { toLocalMetres } from './issue-index.ts'
import { PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput, GridCondition, PointCondition } from './planning-inputs.ts'

export interface Model {
  candidates: readonly CheckpointInput[]
  n: number
  indexOf: Map<string, number>
  byId: number[] // candidate indexes in id order, for ties
  x: Float64Array // local metres
  y: Float64Array
  factors: DemoFactorValues[] // spacing left at 1; set per plan
  raws: Omit<CandidateRaw, 'nearestChosenM'>[]
  base: Float64Array // Σ wᵢ·fᵢ over every factor but spacing
  weights: DemoWeights
  wSpacing: number
  wSum: number
  townshipCodes: string[]
  township: Int32Array // index into townshipCodes
  category: Int32Array // index into checkpointCategories
  matrix?: Float64Array // distances in metres, row-major; built by withMatrix
}

export function buildModel(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
): Model {
  const n = candidates.length
  if (conditions.length !== n || location.length !== n) {
    throw new RangeError('conditions and location need one entry per candidate')
  }
  const s = demoScoreSettings
  const indexOf = new Map<string, number>()
  const townshipIndex = new Map<string, number>()
  const townshipCodes: string[] = []
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  const base = new Float64Array(n)
  const township = new Int32Array(n)
  const category = new Int32Array(n)
  const factors: DemoFactorValues[] = []
  const raws: Omit<CandidateRaw, 'nearestChosenM'>[] = []
  for (const [i, c] of candidates.entries()) {
    if (indexOf.has(c.id)) throw new RangeError(`duplicate candidate id ${c.id}`)
    indexOf.set(c.id, i)
    const [px, py] = toLocalMetres(c.lngLat[0], c.lngLat[1])
    x[i] = px
    y[i] = py
    let t = townshipIndex.get(c.townshipCode)
    if (t === undefined) {
      t = townshipCodes.length
      townshipCodes.push(c.townshipCode)
      townshipIndex.set(c.townshipCode, t)
    }
    township[i] = t
    category[i] = checkpointCategories.indexOf(c.category)
    const condition = conditions[i] as PointCondition
    const grid = grids.get(c.gridCode)
    const gridClosureRate = grid?.closureRate ?? null
    const gridOverdue = grid?.overdue ?? 0
    const inLocation = location[i] === true
    const f: DemoFactorValues = {
      density: 1 - Math.min(1, condition.recentIssues / s.recentCap),
      closure: gridClosureRate ?? s.emptyGridClosure,
      overdue: 1 - Math.min(1, gridOverdue / s.overdueCap),
      category: categoryFactor(c.category),
      location: inLocation ? 1 : 0,
      spacing: 1,
    }
    factors.push(f)
    raws.push({
      recentIssues: condition.recentIssues,
      openIssues: condition.openIssues,
      overdueIssues: condition.overdueIssues,
      gridClosureRate,
      gridOverdue,
      location: inLocation,
    })
    let sum = 0
    for (const factor of demoFactors) if (factor !== 'spacing') sum += weights[factor] * f[factor]
    base[i] = sum
  }
  const byId = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    compareIds(candidates[a]?.id ?? '', candidates[b]?.id ?? ''),
  )
  const wSum = demoFactors.reduce((sum, f) => sum + weights[f], 0)
  if (!(wSum > 0))
    throw new PlanningInputError('权重不能全部为 0：请至少把一项调到大于 0', 'weights')
  return {
    candidates,
    n,
    indexOf,
    byId,
    x,
    y,
    factors,
    raws,
    base,
    weights,
    wSpacing: weights.spacing,
    wSum,
    townshipCodes,
    township,
    category,
  }
}

export function bump(counts: Int32Array, index: number, by: number): void {
  counts[index] = (counts[index] as number) + by
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function distance(m: Model, i: number, j: number): number {
  if (m.matrix) return m.matrix[i * m.n + j] as number
  const dx = (m.x[i] as number) - (m.x[j] as number)
  const dy = (m.y[i] as number) - (m.y[j] as number)
  return Math.sqrt(dx * dx + dy * dy)
}

/** Fills the model's distance matrix (n² doubles: 3 MB for 620 points, ~2 ms) for the searches. */
export function withMatrix(m: Model): Model {
  if (m.matrix) return m
  const matrix = new Float64Array(m.n * m.n)
  for (let i = 0; i < m.n; i++) {
    for (let j = i + 1; j < m.n; j++) {
      const d = distance(m, i, j)
      matrix[i * m.n + j] = d
      matrix[j * m.n + i] = d
    }
  }
  m.matrix = matrix
  return m
}

export function spacingOf(nearestM: number): number {
  return nearestM === Number.POSITIVE_INFINITY
    ? 1
    : Math.min(1, nearestM / demoScoreSettings.spacingFullM)
}

/** 0–100 from the static part and the spacing factor. */
export function scoreOf(m: Model, i: number, spacing: number): number {
  return (100 * ((m.base[i] as number) + m.wSpacing * spacing)) / m.wSum
}

export function indexesOf(m: Model, ids: readonly string[], field: string): number[] {
  const seen = new Set<number>()
  for (const id of ids) {
    const i = m.indexOf.get(id)
    if (i === undefined) throw new PlanningInputError(`未知的点位“${id}”`, field)
    seen.add(i)
  }
  return [...seen]
}

export function idsOf(m: Model, indexes: readonly number[]): string[] {
  return indexes.map((i) => (m.candidates[i] as CheckpointInput).id)
}
