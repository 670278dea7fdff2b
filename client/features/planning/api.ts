// The planners' API (/api/planning/*, /api/plans): the answers' types, calls and
// TanStack Query definitions. Compute endpoints are POSTs that write nothing.
import { queryOptions } from '@tanstack/react-query'
import type { FeatureCollection, Geometry } from 'geojson'
import type { CheckpointCategory, CheckpointKind } from '../../../server/domain/checkpoint.ts'
import {
  type DemoFactor,
  type DemoWeights,
  demoFactors,
  type PlanConstraints,
} from '../../../server/domain/demo-factors.ts'
import { apiRequest, apiUrl } from '../../lib/api-client.ts'

// the order of the server's factors
export const factorIds = demoFactors
export type FactorId = DemoFactor
export type Weights = DemoWeights
export type Constraints = PlanConstraints

export interface CandidateRaw {
  recentIssues: number
  openIssues: number
  overdueIssues: number
  gridClosureRate: number | null // null when the grid has no issues
  gridOverdue: number
  location?: boolean
  inRadius: boolean
  onCorridor: boolean
  nearestChosenM: number | null // null when nothing else is chosen
}

export interface Candidate {
  checkpointId: string
  name: string
  kind: CheckpointKind
  category: CheckpointCategory
  townshipCode: string
  townshipName: string
  gridCode: string
  lngLat: [number, number]
  score: number // 0–100
  factors: Record<FactorId, number> // each 0–1
  raw: CandidateRaw
  chosen: boolean
}

/** Every planning answer: when its issue snapshot was taken (ISO 8601 UTC). */
export interface Fresh {
  dataAsOf?: string
}

export interface CandidatesResult extends Fresh {
  weights: Weights
  items: Candidate[]
}

/** summarisePlan() on the server. */
export interface PlanSummary {
  size: number
  totalScore: number
  meanScore: number
  byTownship: Record<string, number>
  byCategory: Partial<Record<CheckpointCategory, number>>
  minSpacingM: number | null // null under two points
  violations: string[] // unmet constraints in Chinese
}

export interface OptimiseResult {
  checkpointIds: string[]
  summary: PlanSummary
  search?: { greedyMeanScore: number; swaps: number; passes: number; converged: boolean }
  baseline: { randomMean: number | null; randomBest: number | null; samples: number }
}

export interface Plan {
  id: string
  name: string
  checkpointIds: string[]
  weights: Weights
  constraints: Constraints
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface PlanListItem extends Plan {
  summary?: PlanSummary
}

export interface PlanComparison {
  onlyA: string[]
  onlyB: string[]
  both: string[]
  a: PlanSummary
  b: PlanSummary
}

export interface PointConditions {
  openIssues: number
  overdueIssues: number
  recentIssues?: number
}

export interface DrawnPoint {
  id: string
  name: string
  category: CheckpointCategory
  townshipCode: string
  gridCode?: string
  lngLat: [number, number]
  condition: PointConditions
  s: number // point score rate in [0, 1]
}

export interface Distribution {
  mean: number
  stdev: number
  min?: number
  max?: number
  p5: number
  p50: number
  p95: number
  histogram: { from: number; to: number; count: number }[] // 20 bins over [0, 1]
}

export interface WorstPoint extends DrawnPoint {
  drawnShare: number
  badShare: number
  drawnCount?: number
  badCount?: number
}

export interface RehearsalRequest {
  seed: number
  draws?: number
  perCategory?: Partial<Record<CheckpointCategory, number>>
  radiusM?: number
  township?: string
}

export interface RehearsalResult extends Fresh {
  seed: number
  draws: number
  radiusM?: number
  perCategory?: Partial<Record<CheckpointCategory, number>>
  pointsPerDraw?: number
  poolSize?: number
  first: DrawnPoint[]
  firstScore?: number
  distribution: Distribution
  worst: WorstPoint[]
}

export interface ForecastRequest {
  seed: number
  draws?: number
  fixedShare?: number
  radiusM?: number
}

export interface ForecastPart {
  expected: number // of the place's 实地考察 share
  low: number // p5
  high: number // p95
  fixedMean: number | null
  randomMean: number | null
  fixedPoints?: number
  fixedFailing?: number
  randomPoints?: number
  fixedLoss?: number
  randomLoss?: number
}

export interface ForecastTownship extends ForecastPart {
  code: string
  name: string
  note?: string
}

export interface ShareForecast {
  method: 'field' | 'materials' | 'survey' | 'departments'
  points: number
  expected: number | null // null: no evidence yet
  low: number
  high: number
  basis: string
}

/** All four shares of the 测评体系 (server/assessment/forecast-shares.ts). */
export interface AssessmentForecast {
  shares: ShareForecast[]
  total: { points: number; expected: number | null; low: number; high: number }
  vetoAlarms: { standardCode: string; text: string; reason: string }[]
  actions: { kind: string; target: string; text: string; gain: number }[]
}

export interface ForecastResult extends Fresh {
  assumptions: string[]
  model: Record<string, unknown>
  county: ForecastPart
  townships: ForecastTownship[]
  assessment?: AssessmentForecast // absent while the store has no 测评体系
}

export type RadiusStatus = 'clean' | 'open' | 'overdue'

export interface NearbyIssue {
  id: string
  issueNo?: string // 问题编号, what the list shows
  lngLat: [number, number]
  status: string
  category: string
  overdue: boolean
  gridCode?: string
  distanceM: number
}

export interface SeatRadiusVillage {
  code: string
  name: string
  distanceM?: number
  open: number
  overdue: number
  total: number
  status: RadiusStatus
}

export interface SeatRadiusTownship {
  code: string
  name: string
  lngLat: [number, number]
  radiusM: number
  open: number
  overdue: number
  total: number
  status: RadiusStatus
  villages: SeatRadiusVillage[]
  otherIssues?: { open: number; overdue: number; total: number }
  openIssues?: NearbyIssue[]
}

export interface SeatRadiusResult extends Fresh {
  radiusM: number
  townships: SeatRadiusTownship[]
}

export interface Corridor {
  id: string
  name: string
  kind: 'road' | 'river'
  townshipCode?: string
  synthetic?: boolean
  widthM?: number
  lengthKm: number
  open: number
  overdue: number
  total: number
  openIssues: NearbyIssue[]
}

export interface CorridorsResult extends Fresh {
  widthM: number
  corridors: Corridor[]
  geojson: FeatureCollection
}

export const planningKeys = {
  all: ['planning'] as const,
  candidates: (weights: Weights, plan: readonly string[]) =>
    [...planningKeys.all, 'candidates', weights, plan] as const,
  plans: () => [...planningKeys.all, 'plans'] as const,
  compare: (a: string, b: string) => [...planningKeys.all, 'plans', 'compare', a, b] as const,
  seatRadius: (radiusM: number) => [...planningKeys.all, 'seat-radius', radiusM] as const,
  corridors: (widthM: number) => [...planningKeys.all, 'corridors', widthM] as const,
}

export function getCandidates(
  weights: Weights,
  plan: readonly string[],
  signal?: AbortSignal,
): Promise<CandidatesResult> {
  return apiRequest('api/planning/candidates', {
    json: { weights, plan },
    signal,
    action: '计算候选点得分',
  })
}

export const candidatesQuery = (weights: Weights, plan: readonly string[]) =>
  queryOptions({
    queryKey: planningKeys.candidates(weights, plan),
    queryFn: ({ signal }) => getCandidates(weights, plan, signal),
    staleTime: 60_000,
  })

export function optimisePlan(
  weights: Weights,
  constraints: Constraints,
  keep: readonly string[] = [],
): Promise<OptimiseResult> {
  return apiRequest('api/planning/optimise', {
    json: { weights, constraints, ...(keep.length ? { keep } : {}) },
    action: '一键优化',
  })
}

export const plansQuery = () =>
  queryOptions({
    queryKey: planningKeys.plans(),
    queryFn: ({ signal }) =>
      apiRequest<PlanListItem[] | { items: PlanListItem[] }>('api/plans', { signal }),
    select: (body) => (Array.isArray(body) ? body : body.items),
  })

export type PlanDraft = Pick<Plan, 'name' | 'checkpointIds' | 'weights' | 'constraints'>

export function createPlan(draft: PlanDraft): Promise<Plan> {
  return apiRequest('api/plans', { method: 'POST', json: draft, action: '保存方案' })
}

export function updatePlan(id: string, draft: PlanDraft): Promise<Plan> {
  return apiRequest(`api/plans/${encodeURIComponent(id)}`, {
    method: 'PUT',
    json: draft,
    action: '更新方案',
  })
}

export function deletePlan(id: string): Promise<void> {
  return apiRequest(`api/plans/${encodeURIComponent(id)}`, { method: 'DELETE', action: '删除方案' })
}

export const compareQuery = (a: string, b: string) =>
  queryOptions({
    queryKey: planningKeys.compare(a, b),
    queryFn: ({ signal }) =>
      apiRequest<PlanComparison>('api/plans/compare', {
        query: `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
        signal,
      }),
  })

export function planExportUrl(id: string, format: 'xlsx' | 'geojson'): string {
  return apiUrl(`api/plans/${encodeURIComponent(id)}/export.${format}`)
}

export function runRehearsal(
  request: RehearsalRequest,
  signal?: AbortSignal,
): Promise<RehearsalResult> {
  return apiRequest('api/planning/rehearsal', { json: request, signal, action: '模拟抽检' })
}

export function runForecast(
  request: ForecastRequest,
  signal?: AbortSignal,
): Promise<ForecastResult> {
  return apiRequest('api/planning/forecast', { json: request, signal, action: '得分预测' })
}

type Listing<T> = T[] | { items?: T[]; townships?: T[]; corridors?: T[]; [key: string]: unknown }

function listOf<T>(body: Listing<T>): T[] {
  if (Array.isArray(body)) return body
  return body.townships ?? body.corridors ?? body.items ?? []
}

/** The seat-radius answer, whether a bare list or wrapped. */
export function toSeatRadiusResult(
  body: Listing<SeatRadiusTownship>,
  radiusM: number,
): SeatRadiusResult {
  const dataAsOf = Array.isArray(body) ? undefined : body.dataAsOf
  return { radiusM, townships: listOf(body), ...(typeof dataAsOf === 'string' ? { dataAsOf } : {}) }
}

/** The corridors answer; without a `geojson` collection the buffers come from each corridor's `buffer`. */
export function toCorridorsResult(
  body: Listing<Corridor & { buffer?: Geometry | null }>,
  widthM: number,
): CorridorsResult {
  const corridors = listOf(body)
  const given = Array.isArray(body) ? undefined : (body.geojson as FeatureCollection | undefined)
  const geojson: FeatureCollection = given ?? {
    type: 'FeatureCollection',
    features: corridors.flatMap((c) =>
      c.buffer
        ? [
            {
              type: 'Feature' as const,
              id: c.id,
              geometry: c.buffer,
              properties: { id: c.id, name: c.name, kind: c.kind },
            },
          ]
        : [],
    ),
  }
  const dataAsOf = Array.isArray(body) ? undefined : body.dataAsOf
  return {
    widthM,
    corridors: corridors.map(({ buffer: _, ...c }) => ({ ...c, openIssues: c.openIssues ?? [] })),
    geojson,
    ...(typeof dataAsOf === 'string' ? { dataAsOf } : {}),
  }
}

export const seatRadiusQuery = (radiusM: number) =>
  queryOptions({
    queryKey: planningKeys.seatRadius(radiusM),
    queryFn: async ({ signal }) =>
      toSeatRadiusResult(
        await apiRequest<Listing<SeatRadiusTownship>>('api/planning/seat-radius', {
          query: `radiusM=${radiusM}`,
          signal,
        }),
        radiusM,
      ),
    staleTime: 60_000,
  })

export const corridorsQuery = (widthM: number) =>
  queryOptions({
    queryKey: planningKeys.corridors(widthM),
    queryFn: async ({ signal }) =>
      toCorridorsResult(
        await apiRequest<Listing<Corridor & { buffer?: Geometry | null }>>(
          'api/planning/corridors',
          {
            query: `widthM=${widthM}`,
            signal,
          },
        ),
        widthM,
      ),
    staleTime: 60_000,
  })
