// The six factors of a demonstration point's score (示范点), their Chinese labels, default weights
// and formula constants, and the plan constraints' shape. Pure: the client imports it.
import {
  type CheckpointCategory,
  type CheckpointKind,
  fixedCheckpointCategories,
} from './checkpoint.ts'

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

/** The planning screen's shorter labels, next to the weight sliders (the sheets use the long ones). */
export const demoFactorScreenLabels: Record<DemoFactor, string> = {
  density: '近期问题少',
  closure: '网格办结率',
  overdue: '网格逾期少',
  category: '点位类别',
  location: '1公里/沿线',
  spacing: '点位分散',
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

/** The plan size used when a request or the planning screen names none. */
export const defaultPlanSize = 12

export interface PlanConstraints {
  size: number // points in the plan, 1–100
  minPerTownship: number // 0–10 points in every township among the candidates
  requiredCategories: Partial<Record<CheckpointCategory, number>> // least points per category
  minSpacingM: number // 0–10000 metres between any two points of the plan
  kinds?: CheckpointKind[] // kinds the optimiser may add; kept points may be of any kind
}

/** What validateConstraints fills in for a missing field. */
export const defaultPlanConstraints: Readonly<PlanConstraints> = {
  size: defaultPlanSize,
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

/** One line per factor: what is measured and when it is 1, in the formulas' own numbers. */
export function demoFactorExplanations(): Record<DemoFactor, string> {
  const s = demoScoreSettings
  return {
    density: `点位 ${s.radiusM} 米内近 ${s.recentDays} 天上报的问题数；0 条得满分，${s.recentCap} 条及以上得 0。`,
    closure: `点位所在网格的问题办结率；网格内没有问题时按 ${s.emptyGridClosure} 计。`,
    overdue: `点位所在网格的逾期问题数；0 条得满分，${s.overdueCap} 条及以上得 0。`,
    category:
      '农贸市场、小区、学校、医院、公园广场、文明实践站 1.0；主干道、车站等 0.8；其他 0.5；随机类 0.3。',
    location: '位于乡镇政府所在地 1 公里范围内或沿线走廊上得 1，否则 0。',
    spacing: `与已选其他点位的最近距离，${s.spacingFullM} 米及以上得满分；未选其他点时为 1。`,
  }
}
