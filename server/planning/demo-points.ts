// Demonstration points (示范点): a transparent score per check point from six factors the planner
// weighs, a greedy-then-swap optimiser under plan constraints, a seeded random baseline it must
// beat, and plan summaries and comparisons. Pure and deterministic: arrays in, numbers out.
import {
  type CheckpointCategory,
  type CheckpointKind,
  checkpointCategories,
  checkpointKinds,
  fixedCheckpointCategories,
} from '../domain/checkpoint.ts'
import { checkpointCategoryLabels } from '../domain/labels-zh.ts'
import { toLocalMetres } from './issue-index.ts'
import { PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput, GridCondition, PointCondition } from './planning-inputs.ts'
import { seededRandom, shuffle } from './seeded-random.ts'

export const demoFactors = [
  'density',
  'closure',
  'overdue',
  'category',
  'location',
  'spacing',
] as const
export type DemoFactor = (typeof demoFactors)[number]

export type DemoWeights = Record<DemoFactor, number>
export type DemoFactorValues = Record<DemoFactor, number>

export const demoFactorLabels: Record<DemoFactor, string> = {
  density: '近期问题密度',
  closure: '网格办结率',
  overdue: '网格逾期',
  category: '点位类别',
  location: '1公里范围或沿线',
  spacing: '与其他示范点的间距',
}

/** Weights 0–10 each; their sum must be positive. */
export const defaultDemoWeights: Readonly<DemoWeights> = {
  density: 3,
  closure: 2,
  overdue: 2,
  category: 1,
  location: 1,
  spacing: 1,
}

/** The constants of the factor formulas; pointConditions should use radiusM and recentDays. */
export const demoScoreSettings = {
  radiusM: 300, // metres around a point whose recent issues count for density
  recentDays: 90, // days before now that count as recent
  recentCap: 10, // recent issues at which density reaches 0
  overdueCap: 5, // overdue issues in the grid at which the overdue factor reaches 0
  emptyGridClosure: 0.5, // closure factor of a grid without issues
  spacingFullM: 1000, // metres to the nearest chosen point at which spacing reaches 1
  maxWeight: 10,
} as const

const bestCategories = new Set<CheckpointCategory>([
  'market',
  'residential',
  'school',
  'hospital',
  'park-square',
  'civilization-station',
])
const goodCategories = new Set<CheckpointCategory>([
  'main-road',
  'station',
  'government-service',
  'window-unit',
  'scenic-spot',
])
const fixedCategorySet = new Set<CheckpointCategory>(fixedCheckpointCategories)

/** The category factor: showcase categories 1.0, other visible ones 0.8, other fixed 0.5, random 0.3. */
export function categoryFactor(category: CheckpointCategory): number {
  if (bestCategories.has(category)) return 1
  if (goodCategories.has(category)) return 0.8
  return fixedCategorySet.has(category) ? 0.5 : 0.3
}

export interface PlanConstraints {
  size: number // points in the plan, 1–100
  minPerTownship: number // 0–10 points in every township among the candidates
  requiredCategories: Partial<Record<CheckpointCategory, number>> // least points per category
  minSpacingM: number // 0–10000 metres between any two points of the plan
  kinds?: CheckpointKind[] // kinds the optimiser may add; kept points may be of any kind
}

/** What validateConstraints fills in for a missing field. */
export const defaultPlanConstraints: Readonly<PlanConstraints> = {
  size: 12,
  minPerTownship: 0,
  requiredCategories: {},
  minSpacingM: 0,
}

export interface CandidateRaw {
  recentIssues: number
  openIssues: number
  overdueIssues: number
  gridClosureRate: number | null // null when the grid has no issues
  gridOverdue: number
  location: boolean // inside a township's 1 km radius or on a corridor
  nearestChosenM: number | null // to the nearest other chosen point; null when none
}

export interface CandidateScore {
  checkpointId: string
  score: number // 0–100
  factors: DemoFactorValues // each 0–1
  raw: CandidateRaw
}

// ---- validation ------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Weights from request input: missing factors take their default; throws PlanningInputError. */
export function validateWeights(input: unknown): DemoWeights {
  if (input === undefined || input === null) return { ...defaultDemoWeights }
  if (!isRecord(input)) throw new PlanningInputError('权重须为对象，如 { "density": 3 }', 'weights')
  const weights: DemoWeights = { ...defaultDemoWeights }
  for (const [key, value] of Object.entries(input)) {
    if (!(demoFactors as readonly string[]).includes(key)) {
      throw new PlanningInputError(
        `未知的权重“${key}”：只能是 ${demoFactors.join('、')}`,
        `weights.${key}`,
      )
    }
    const factor = key as DemoFactor
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10) {
      throw new PlanningInputError(
        `权重“${demoFactorLabels[factor]}”须为 0–10 之间的数字，收到 ${JSON.stringify(value)}`,
        `weights.${key}`,
      )
    }
    weights[factor] = value
  }
  if (demoFactors.every((f) => weights[f] === 0)) {
    throw new PlanningInputError('权重不能全部为 0：请至少把一项调到大于 0', 'weights')
  }
  return weights
}

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** Constraints from request input: missing fields take defaultPlanConstraints; throws PlanningInputError. */
export function validateConstraints(input: unknown): PlanConstraints {
  if (input === undefined || input === null) return { ...defaultPlanConstraints }
  if (!isRecord(input)) throw new PlanningInputError('约束条件须为对象', 'constraints')
  const known = ['size', 'minPerTownship', 'requiredCategories', 'minSpacingM', 'kinds']
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      throw new PlanningInputError(`未知的约束“${key}”`, `constraints.${key}`)
    }
  }
  const { size, minPerTownship, requiredCategories, minSpacingM, kinds } = input
  const constraints: PlanConstraints = { ...defaultPlanConstraints, requiredCategories: {} }
  if (size !== undefined) {
    if (!integerIn(size, 1, 100)) {
      throw new PlanningInputError('方案规模须为 1–100 之间的整数', 'constraints.size')
    }
    constraints.size = size
  }
  if (minPerTownship !== undefined) {
    if (!integerIn(minPerTownship, 0, 10)) {
      throw new PlanningInputError('每乡镇最少数须为 0–10 之间的整数', 'constraints.minPerTownship')
    }
    constraints.minPerTownship = minPerTownship
  }
  if (minSpacingM !== undefined) {
    if (
      typeof minSpacingM !== 'number' ||
      !Number.isFinite(minSpacingM) ||
      minSpacingM < 0 ||
      minSpacingM > 10_000
    ) {
      throw new PlanningInputError(
        '最小间距须为 0–10000 之间的数字（米）',
        'constraints.minSpacingM',
      )
    }
    constraints.minSpacingM = minSpacingM
  }
  if (requiredCategories !== undefined) {
    if (!isRecord(requiredCategories)) {
      throw new PlanningInputError(
        '类别最少数须为对象，如 { "market": 1 }',
        'constraints.requiredCategories',
      )
    }
    for (const [category, count] of Object.entries(requiredCategories)) {
      const field = `constraints.requiredCategories.${category}`
      if (!(checkpointCategories as readonly string[]).includes(category)) {
        throw new PlanningInputError(`未知的点位类别“${category}”`, field)
      }
      const label = checkpointCategoryLabels[category as CheckpointCategory]
      if (!integerIn(count, 0, 100)) {
        throw new PlanningInputError(`类别“${label}”的最少数须为 0–100 之间的整数`, field)
      }
      if (count > 0) constraints.requiredCategories[category as CheckpointCategory] = count
    }
  }
  if (kinds !== undefined) {
    if (
      !Array.isArray(kinds) ||
      kinds.length === 0 ||
      !kinds.every((k) => (checkpointKinds as readonly unknown[]).includes(k))
    ) {
      throw new PlanningInputError('点位类型须为 fixed、random 中的一个或两个', 'constraints.kinds')
    }
    constraints.kinds = checkpointKinds.filter((k) => kinds.includes(k))
  }
  return constraints
}

// ---- the model: per-candidate constants shared by every computation ---------------------------

interface Model {
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

function buildModel(
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

function bump(counts: Int32Array, index: number, by: number): void {
  counts[index] = (counts[index] as number) + by
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function distance(m: Model, i: number, j: number): number {
  if (m.matrix) return m.matrix[i * m.n + j] as number
  const dx = (m.x[i] as number) - (m.x[j] as number)
  const dy = (m.y[i] as number) - (m.y[j] as number)
  return Math.sqrt(dx * dx + dy * dy)
}

/** Fills the model's distance matrix (n² doubles: 3 MB for 620 points, ~2 ms) for the searches. */
function withMatrix(m: Model): Model {
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

function spacingOf(nearestM: number): number {
  return nearestM === Number.POSITIVE_INFINITY
    ? 1
    : Math.min(1, nearestM / demoScoreSettings.spacingFullM)
}

/** 0–100 from the static part and the spacing factor. */
function scoreOf(m: Model, i: number, spacing: number): number {
  return (100 * ((m.base[i] as number) + m.wSpacing * spacing)) / m.wSum
}

function indexesOf(m: Model, ids: readonly string[], field: string): number[] {
  const seen = new Set<number>()
  for (const id of ids) {
    const i = m.indexOf.get(id)
    if (i === undefined) throw new PlanningInputError(`未知的点位“${id}”`, field)
    seen.add(i)
  }
  return [...seen]
}

// ---- ranking ---------------------------------------------------------------------------------

/**
 * Every candidate with its score and factors, best first (ties by id). Spacing is measured to the
 * nearest point of `chosen` other than the candidate itself.
 */
export function rankCandidates(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  chosen: readonly string[] = [],
): CandidateScore[] {
  const m = buildModel(candidates, conditions, grids, location, weights)
  const chosenIdx = indexesOf(m, chosen, 'plan')
  const scores = m.byId.map((i) => candidateScore(m, i, chosenIdx))
  return scores.sort((a, b) => b.score - a.score || compareIds(a.checkpointId, b.checkpointId))
}

function candidateScore(m: Model, i: number, chosen: readonly number[]): CandidateScore {
  let nearest = Number.POSITIVE_INFINITY
  for (const j of chosen) if (j !== i) nearest = Math.min(nearest, distance(m, i, j))
  const spacing = spacingOf(nearest)
  return {
    checkpointId: (m.candidates[i] as CheckpointInput).id,
    score: scoreOf(m, i, spacing),
    factors: { ...(m.factors[i] as DemoFactorValues), spacing },
    raw: {
      ...(m.raws[i] as CandidateRaw),
      nearestChosenM: nearest === Number.POSITIVE_INFINITY ? null : nearest,
    },
  }
}

// ---- summaries -------------------------------------------------------------------------------

export interface PlanSummary {
  size: number
  totalScore: number // Σ scores, each point's spacing to the plan's other points
  meanScore: number // totalScore / size; 0 for an empty plan
  byTownship: Record<string, number> // every candidate township, 0 included
  byCategory: Partial<Record<CheckpointCategory, number>> // categories in the plan or required
  minSpacingM: number | null // closest pair of the plan; null under two points
  violations: string[] // unmet constraints, in Chinese; empty when none or no constraints
}

/** The plan's score, counts and unmet constraints; unknown ids are reported, not thrown. */
export function summarisePlan(
  checkpointIds: readonly string[],
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  constraints?: PlanConstraints,
  options: { townshipNames?: Readonly<Record<string, string>> } = {},
): PlanSummary {
  const m = buildModel(candidates, conditions, grids, location, weights)
  return summariseIndexes(m, checkpointIds, constraints, options.townshipNames)
}

function summariseIndexes(
  m: Model,
  checkpointIds: readonly string[],
  constraints: PlanConstraints | undefined,
  townshipNames: Readonly<Record<string, string>> = {},
): PlanSummary {
  const violations: string[] = []
  const plan: number[] = []
  const seen = new Set<number>()
  for (const id of checkpointIds) {
    const i = m.indexOf.get(id)
    if (i === undefined) violations.push(`点位“${id}”已不在候选点位中`)
    else if (!seen.has(i)) {
      seen.add(i)
      plan.push(i)
    }
  }
  let totalScore = 0
  let minSpacingM = Number.POSITIVE_INFINITY
  const closePairs: string[] = []
  const minAllowed = constraints?.minSpacingM ?? 0
  for (const [a, i] of plan.entries()) {
    let nearest = Number.POSITIVE_INFINITY
    for (const [b, j] of plan.entries()) {
      if (a === b) continue
      const d = distance(m, i, j)
      nearest = Math.min(nearest, d)
      if (b > a && d < minAllowed) {
        const [ci, cj] = [m.candidates[i] as CheckpointInput, m.candidates[j] as CheckpointInput]
        closePairs.push(`${ci.name}与${cj.name}相距 ${Math.round(d)} 米`)
      }
    }
    minSpacingM = Math.min(minSpacingM, nearest)
    totalScore += scoreOf(m, i, spacingOf(nearest))
  }
  const byTownship: Record<string, number> = {}
  for (const code of [...m.townshipCodes].sort()) byTownship[code] = 0
  const byCategory: Partial<Record<CheckpointCategory, number>> = {}
  for (const category of Object.keys(constraints?.requiredCategories ?? {})) {
    byCategory[category as CheckpointCategory] = 0
  }
  for (const i of plan) {
    const c = m.candidates[i] as CheckpointInput
    byTownship[c.townshipCode] = (byTownship[c.townshipCode] ?? 0) + 1
    byCategory[c.category] = (byCategory[c.category] ?? 0) + 1
  }
  if (constraints) {
    if (plan.length !== constraints.size) {
      violations.push(`方案有 ${plan.length} 个点位，规模要求 ${constraints.size} 个`)
    }
    for (const [code, count] of Object.entries(byTownship)) {
      if (count < constraints.minPerTownship) {
        violations.push(
          `乡镇“${townshipNames[code] ?? code}”只有 ${count} 个点位，少于每乡镇最少数 ${constraints.minPerTownship}`,
        )
      }
    }
    for (const [category, required] of Object.entries(constraints.requiredCategories)) {
      const count = byCategory[category as CheckpointCategory] ?? 0
      if (required !== undefined && count < required) {
        const label = checkpointCategoryLabels[category as CheckpointCategory]
        violations.push(`类别“${label}”只有 ${count} 个点位，少于要求的 ${required} 个`)
      }
    }
    if (closePairs.length > 0) {
      const shown = closePairs.slice(0, 5).join('；')
      const more = closePairs.length > 5 ? `等 ${closePairs.length} 对` : ''
      violations.push(`${shown}${more}，小于最小间距 ${constraints.minSpacingM} 米`)
    }
    const kinds = constraints.kinds
    if (kinds) {
      const other = plan.filter((i) => !kinds.includes((m.candidates[i] as CheckpointInput).kind))
      if (other.length > 0) violations.push(`${other.length} 个点位不属于所选点位类型`)
    }
  }
  return {
    size: plan.length,
    totalScore,
    meanScore: plan.length > 0 ? totalScore / plan.length : 0,
    byTownship,
    byCategory,
    minSpacingM: minSpacingM === Number.POSITIVE_INFINITY ? null : minSpacingM,
    violations,
  }
}

/** One side of a comparison: a plan scored with its own weights and checked against its constraints. */
export interface PlanSide {
  checkpointIds: readonly string[]
  weights: DemoWeights
  constraints?: PlanConstraints
}

export interface PlanComparison {
  onlyA: string[]
  onlyB: string[]
  both: string[]
  a: PlanSummary
  b: PlanSummary
}

/** Which points the plans share and each plan's summary; id lists keep each plan's order. */
export function comparePlans(
  a: PlanSide,
  b: PlanSide,
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  options: { townshipNames?: Readonly<Record<string, string>> } = {},
): PlanComparison {
  const inA = new Set(a.checkpointIds)
  const inB = new Set(b.checkpointIds)
  const summary = (side: PlanSide) =>
    summarisePlan(
      side.checkpointIds,
      candidates,
      conditions,
      grids,
      location,
      side.weights,
      side.constraints,
      options,
    )
  return {
    onlyA: [...inA].filter((id) => !inB.has(id)),
    onlyB: [...inB].filter((id) => !inA.has(id)),
    both: [...inA].filter((id) => inB.has(id)),
    a: summary(a),
    b: summary(b),
  }
}

// ---- construction under constraints ----------------------------------------------------------

interface Problem {
  m: Model
  constraints: PlanConstraints
  required: Int32Array // least points per category index
  inPool: Uint8Array // the optimiser may use it: allowed kind, or kept
  keep: number[]
  kept: Uint8Array
  townshipNames: Readonly<Record<string, string>>
}

function townshipLabel(p: Problem, t: number): string {
  const code = p.m.townshipCodes[t] as string
  return p.townshipNames[code] ?? code
}

function categoryLabel(c: number): string {
  return checkpointCategoryLabels[checkpointCategories[c] as CheckpointCategory]
}

function buildProblem(
  m: Model,
  constraints: PlanConstraints,
  keepIds: readonly string[],
  townshipNames: Readonly<Record<string, string>> = {},
): Problem {
  const keep = indexesOf(m, keepIds, 'keep')
  const kept = new Uint8Array(m.n)
  for (const i of keep) kept[i] = 1
  const kinds = constraints.kinds ?? checkpointKinds
  const inPool = new Uint8Array(m.n)
  for (const [i, c] of m.candidates.entries()) {
    inPool[i] = kinds.includes(c.kind) || kept[i] === 1 ? 1 : 0
  }
  const required = new Int32Array(checkpointCategories.length)
  for (const [category, count] of Object.entries(constraints.requiredCategories)) {
    required[checkpointCategories.indexOf(category as CheckpointCategory)] = count ?? 0
  }
  return { m, constraints, required, inPool, keep, kept, townshipNames }
}

/** Throws PlanningInputError for constraints no selection can meet, before any search. */
function checkFeasible(p: Problem): void {
  const { m, constraints } = p
  const { size, minPerTownship, minSpacingM } = constraints
  const townships = m.townshipCodes.length
  if (minPerTownship * townships > size) {
    throw new PlanningInputError(
      `每个乡镇至少 ${minPerTownship} 个 × ${townships} 个乡镇 = ${minPerTownship * townships}，超过方案规模 ${size}：请把方案规模调到 ${minPerTownship * townships} 以上或降低每乡镇最少数`,
      'constraints.minPerTownship',
    )
  }
  const requiredTotal = p.required.reduce((sum, r) => sum + r, 0)
  if (requiredTotal > size) {
    throw new PlanningInputError(
      `各类别最少数合计 ${requiredTotal}，超过方案规模 ${size}：请把方案规模调到 ${requiredTotal} 以上或降低类别最少数`,
      'constraints.requiredCategories',
    )
  }
  if (p.keep.length > size) {
    throw new PlanningInputError(
      `保留的点位有 ${p.keep.length} 个，超过方案规模 ${size}：请少保留一些或把方案规模调大`,
      'keep',
    )
  }
  const poolSize = p.inPool.reduce((sum, v) => sum + v, 0)
  if (poolSize < size) {
    throw new PlanningInputError(
      `可选点位只有 ${poolSize} 个，少于方案规模 ${size}：请把方案规模调到 ${poolSize} 以下或放宽点位类型`,
      'constraints.size',
    )
  }
  const perCategory = new Int32Array(checkpointCategories.length)
  const perTownship = new Int32Array(townships)
  for (let i = 0; i < m.n; i++) {
    if (p.inPool[i] === 0) continue
    bump(perCategory, m.category[i] as number, 1)
    bump(perTownship, m.township[i] as number, 1)
  }
  for (const [c, required] of p.required.entries()) {
    const available = perCategory[c] as number
    if (available < required) {
      const category = checkpointCategories[c] as CheckpointCategory
      const why = constraints.kinds && available === 0 ? '（所选点位类型中没有该类别）' : ''
      throw new PlanningInputError(
        `类别“${categoryLabel(c)}”只有 ${available} 个可选点位${why}，少于要求的 ${required} 个：请把该类别的最少数降到 ${available} 或以下`,
        `constraints.requiredCategories.${category}`,
      )
    }
  }
  for (const [t, available] of perTownship.entries()) {
    if (available < minPerTownship) {
      throw new PlanningInputError(
        `乡镇“${townshipLabel(p, t)}”只有 ${available} 个可选点位，少于每乡镇最少数 ${minPerTownship}：请把每乡镇最少数降到 ${available} 或以下`,
        'constraints.minPerTownship',
      )
    }
  }
  for (const [a, i] of p.keep.entries()) {
    for (const j of p.keep.slice(a + 1)) {
      const d = distance(m, i, j)
      if (d < minSpacingM) {
        const [ci, cj] = [m.candidates[i] as CheckpointInput, m.candidates[j] as CheckpointInput]
        throw new PlanningInputError(
          `保留的点位“${ci.name}”与“${cj.name}”相距 ${Math.round(d)} 米，小于最小间距 ${minSpacingM} 米：请调小最小间距或不保留其中一个`,
          'keep',
        )
      }
    }
  }
}

/** Picks by priority: higher first; ties go to the smaller id. */
type Priority = (i: number, nearestM: number) => number

interface Built {
  chosen: number[]
}

/**
 * Township minimums, then category minimums, then the rest by priority, never closer than the
 * minimum spacing. Each loop adds a point or stops, so it ends within size × candidates steps.
 */
function construct(p: Problem, priority: Priority): Built | PlanningInputError {
  const { m, constraints } = p
  const { size, minPerTownship, minSpacingM } = constraints
  const chosen: number[] = []
  const inPlan = new Uint8Array(m.n)
  const blocked = new Uint8Array(m.n)
  const nearest = new Float64Array(m.n).fill(Number.POSITIVE_INFINITY)
  const perTownship = new Int32Array(m.townshipCodes.length)
  const perCategory = new Int32Array(checkpointCategories.length)
  const add = (i: number) => {
    chosen.push(i)
    inPlan[i] = 1
    bump(perTownship, m.township[i] as number, 1)
    bump(perCategory, m.category[i] as number, 1)
    for (let j = 0; j < m.n; j++) {
      const d = distance(m, i, j)
      if (d < (nearest[j] as number)) nearest[j] = d
      if (d < minSpacingM && j !== i) blocked[j] = 1
    }
  }
  const pick = (accept: (i: number) => boolean, prefer?: (i: number) => boolean): number => {
    let best = -1
    let bestPreferred = false
    let bestPriority = Number.NEGATIVE_INFINITY
    for (const i of m.byId) {
      if (inPlan[i] === 1 || blocked[i] === 1 || p.inPool[i] === 0 || !accept(i)) continue
      const preferred = prefer?.(i) ?? false
      const value = priority(i, nearest[i] as number)
      if (
        best < 0 ||
        (preferred && !bestPreferred) ||
        (preferred === bestPreferred && value > bestPriority)
      ) {
        best = i
        bestPreferred = preferred
        bestPriority = value
      }
    }
    return best
  }
  for (const i of p.keep) add(i)
  const spacingHint = `请把最小间距调小`
  const townshipOrder = m.townshipCodes
    .map((_, t) => t)
    .sort((a, b) => compareIds(m.townshipCodes[a] as string, m.townshipCodes[b] as string))
  // a township's points that also fill a category minimum save the plan a place
  const helpsCategory = (i: number) =>
    (perCategory[m.category[i] as number] as number) <
    (p.required[m.category[i] as number] as number)
  for (const t of townshipOrder) {
    while ((perTownship[t] as number) < minPerTownship) {
      const i = pick((j) => m.township[j] === t, helpsCategory)
      if (i < 0) {
        return new PlanningInputError(
          `最小间距 ${minSpacingM} 米时，按得分依次选点，乡镇“${townshipLabel(p, t)}”只选出 ${perTownship[t]} 个互不过近的点位，少于每乡镇最少数 ${minPerTownship}：${spacingHint}或降低每乡镇最少数`,
          'constraints.minSpacingM',
        )
      }
      add(i)
    }
  }
  for (const [c, required] of p.required.entries()) {
    while ((perCategory[c] as number) < required) {
      const i = pick((j) => m.category[j] === c)
      if (i < 0) {
        return new PlanningInputError(
          `最小间距 ${minSpacingM} 米时，按得分依次选点，类别“${categoryLabel(c)}”只选出 ${perCategory[c]} 个互不过近的点位，少于要求的 ${required} 个：${spacingHint}或降低该类别最少数`,
          'constraints.minSpacingM',
        )
      }
      add(i)
    }
  }
  if (chosen.length > size) {
    return new PlanningInputError(
      `满足每乡镇最少数和各类别最少数需要 ${chosen.length} 个点位，超过方案规模 ${size}：请把方案规模调到 ${chosen.length} 以上或降低最少数`,
      'constraints.size',
    )
  }
  while (chosen.length < size) {
    const i = pick(() => true)
    if (i < 0) {
      return new PlanningInputError(
        `最小间距 ${minSpacingM} 米时，按得分依次选点只选出 ${chosen.length} 个互不过近的点位，少于方案规模 ${size}：${spacingHint}或减小方案规模`,
        'constraints.minSpacingM',
      )
    }
    add(i)
  }
  return { chosen }
}

// ---- optimisation ----------------------------------------------------------------------------

export interface OptimiseOptions {
  timeBudgetMs?: number // safety net only: swaps stop on a fixed amount of work first
  seed?: number // order in which the swap phase tries points
  townshipNames?: Readonly<Record<string, string>> // for messages; codes otherwise
}

export interface OptimiseResult {
  checkpointIds: string[]
  summary: PlanSummary
  search: {
    greedyMeanScore: number // before the swaps
    swaps: number
    passes: number
    converged: boolean // false when the time budget or the pass limit stopped the swaps
  }
}

// The swap phase stops on a count of distance checks, so one seed gives one plan on any machine;
// the clock is only a safety net for a machine far slower than the one the count was sized on.
const maxWork = 20_000_000 // ≈ 0.2 s of distance checks on a 2-core CI machine
const defaultTimeBudgetMs = 1500
const maxPasses = 50
const improvementEpsilon = 1e-9
const earlyGiveUp = 20 // failed random tries in a row after which the baseline stops

/**
 * A plan of constraints.size points: greedy under the constraints, then swaps while the total
 * score improves, within the time budget. Throws PlanningInputError when no plan can be built.
 */
export function optimisePlan(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  constraints: PlanConstraints,
  keep: readonly string[] = [],
  options: OptimiseOptions = {},
): OptimiseResult {
  const startedAt = performance.now()
  const deadline = startedAt + (options.timeBudgetMs ?? defaultTimeBudgetMs)
  const m = withMatrix(buildModel(candidates, conditions, grids, location, weights))
  const p = buildProblem(m, constraints, keep, options.townshipNames)
  checkFeasible(p)
  const built = construct(p, (i, nearestM) => scoreOf(m, i, spacingOf(nearestM)))
  if (built instanceof PlanningInputError) throw built
  const greedy = summariseIndexes(m, idsOf(m, built.chosen), undefined)
  const { chosen, swaps, passes, converged } = improveBySwaps(
    p,
    built.chosen,
    seededRandom(options.seed ?? 1),
    deadline,
  )
  const checkpointIds = idsOf(m, chosen)
  return {
    checkpointIds,
    summary: summariseIndexes(m, checkpointIds, constraints, options.townshipNames),
    search: { greedyMeanScore: greedy.meanScore, swaps, passes, converged },
  }
}

function idsOf(m: Model, indexes: readonly number[]): string[] {
  return indexes.map((i) => (m.candidates[i] as CheckpointInput).id)
}

/**
 * Swaps one plan point for one outside while the plan's total score rises and every constraint
 * still holds. Each swap is priced in O(plan size) from every point's nearest and second-nearest
 * neighbour; candidates are tried best static score first and cut off by an upper bound.
 */
function improveBySwaps(
  p: Problem,
  start: readonly number[],
  random: () => number,
  deadline: number,
): { chosen: number[]; swaps: number; passes: number; converged: boolean } {
  const { m, constraints } = p
  const { minPerTownship, minSpacingM } = constraints
  const plan = [...start]
  const k = plan.length
  const inPlan = new Uint8Array(m.n)
  for (const i of plan) inPlan[i] = 1
  const perTownship = new Int32Array(m.townshipCodes.length)
  const perCategory = new Int32Array(checkpointCategories.length)
  for (const i of plan) {
    bump(perTownship, m.township[i] as number, 1)
    bump(perCategory, m.category[i] as number, 1)
  }
  const byBase = m.byId
    .filter((i) => p.inPool[i] === 1)
    .sort((a, b) => (m.base[b] as number) - (m.base[a] as number))
  // per plan slot: nearest other plan point (distance, slot) and second-nearest distance
  const n1 = new Float64Array(k)
  const n1Slot = new Int32Array(k)
  const n2 = new Float64Array(k)
  const neighbours = () => {
    for (let s = 0; s < k; s++) {
      let d1 = Number.POSITIVE_INFINITY
      let d2 = Number.POSITIVE_INFINITY
      let slot = -1
      for (let t = 0; t < k; t++) {
        if (t === s) continue
        const d = distance(m, plan[s] as number, plan[t] as number)
        if (d < d1) {
          d2 = d1
          d1 = d
          slot = t
        } else if (d < d2) d2 = d
      }
      n1[s] = d1
      n1Slot[s] = slot
      n2[s] = d2
    }
  }
  neighbours()
  const ws = m.wSpacing
  const order = shuffle(
    random,
    Array.from({ length: k }, (_, s) => s),
  )
  let swaps = 0
  let passes = 0
  let converged = false
  let work = 0 // distance checks so far: the deterministic budget
  while (passes < maxPasses) {
    passes++
    let improved = false
    for (const r of order) {
      if (work > maxWork || performance.now() > deadline) {
        return { chosen: plan, swaps, passes, converged: false }
      }
      const out = plan[r] as number
      if (p.kept[out] === 1) continue
      const outTownship = m.township[out] as number
      const outCategory = m.category[out] as number
      const townshipSlack = (perTownship[outTownship] as number) > minPerTownship
      const categorySlack =
        (perCategory[outCategory] as number) > (p.required[outCategory] as number)
      // spacing each other slot would have without `out`, and what removing `out` can gain at most
      let removalGain = 0
      for (let s = 0; s < k; s++) {
        if (s !== r && n1Slot[s] === r) {
          removalGain += spacingOf(n2[s] as number) - spacingOf(n1[s] as number)
        }
      }
      const outSpacing = spacingOf(n1[r] as number)
      let bestDelta = improvementEpsilon
      let bestIn = -1
      for (const a of byBase) {
        const staticDelta = (m.base[a] as number) - (m.base[out] as number)
        if (staticDelta + ws * (1 - outSpacing + removalGain) <= bestDelta) break
        if (inPlan[a] === 1) continue
        if (!townshipSlack && m.township[a] !== outTownship) continue
        if (!categorySlack && m.category[a] !== outCategory) continue
        work += k
        let nearestA = Number.POSITIVE_INFINITY
        let spacingDelta = 0
        let tooClose = false
        for (let s = 0; s < k; s++) {
          if (s === r) continue
          const d = distance(m, a, plan[s] as number)
          if (d < minSpacingM) {
            tooClose = true
            break
          }
          if (d < nearestA) nearestA = d
          const without = n1Slot[s] === r ? (n2[s] as number) : (n1[s] as number)
          spacingDelta += spacingOf(Math.min(without, d)) - spacingOf(n1[s] as number)
        }
        if (tooClose) continue
        const delta = staticDelta + ws * (spacingOf(nearestA) - outSpacing + spacingDelta)
        if (delta > bestDelta) {
          bestDelta = delta
          bestIn = a
        }
      }
      if (bestIn < 0) continue
      plan[r] = bestIn
      inPlan[out] = 0
      inPlan[bestIn] = 1
      bump(perTownship, outTownship, -1)
      bump(perCategory, outCategory, -1)
      bump(perTownship, m.township[bestIn] as number, 1)
      bump(perCategory, m.category[bestIn] as number, 1)
      neighbours()
      swaps++
      improved = true
    }
    if (!improved) {
      converged = true
      break
    }
  }
  return { chosen: plan, swaps, passes, converged }
}

// ---- random baseline -------------------------------------------------------------------------

export interface BaselineResult {
  mean: number | null // mean of the plans' mean scores; null when no random plan could be built
  best: number | null
  samples: number // random plans built
}

/**
 * Mean and best mean score of `samples` random plans that meet the constraints (same construction
 * as the optimiser with random priorities), seeded. Throws PlanningInputError as optimisePlan does.
 */
export function randomBaseline(
  candidates: readonly CheckpointInput[],
  conditions: readonly PointCondition[],
  grids: ReadonlyMap<string, GridCondition>,
  location: readonly boolean[],
  weights: DemoWeights,
  constraints: PlanConstraints,
  samples = 200,
  seed = 1,
  keep: readonly string[] = [],
): BaselineResult {
  const m = withMatrix(buildModel(candidates, conditions, grids, location, weights))
  const p = buildProblem(m, constraints, keep)
  checkFeasible(p)
  // the optimiser's own construction decides feasibility, so both refuse the same constraints alike
  const greedy = construct(p, (i, nearestM) => scoreOf(m, i, spacingOf(nearestM)))
  if (greedy instanceof PlanningInputError) throw greedy
  const random = seededRandom(seed)
  const keys = new Float64Array(m.n)
  let total = 0
  let best = Number.NEGATIVE_INFINITY
  let built = 0
  // a random order can paint itself into a corner under tight spacing: allow as many failed tries
  // as samples, and give up early when the first tries all fail
  for (let attempt = 0; attempt < samples * 2 && built < samples; attempt++) {
    if (attempt === earlyGiveUp && built === 0) break
    for (let i = 0; i < m.n; i++) keys[i] = random()
    const result = construct(p, (i) => keys[i] as number)
    if (result instanceof PlanningInputError) continue
    const mean = summariseIndexes(m, idsOf(m, result.chosen), undefined).meanScore
    total += mean
    best = Math.max(best, mean)
    built++
  }
  return built === 0
    ? { mean: null, best: null, samples: 0 }
    : { mean: total / built, best, samples: built }
}
