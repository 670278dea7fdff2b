// What the whole forecast needs beyond the 实地考察 model: the evidence of the other methods, as a
// small port. storeEvidence implements it over the store: 材料审核 and 问卷调查 from their tables
// (material-evidence.ts); 部门评价 the year's newest entry (department-evaluation-service.ts), null
// until one is entered.
import type { Store } from '../storage/store.ts'
import { latestDepartmentEvaluation } from './department-evaluation-service.ts'
import { latestSurveyRates, materialEvidence } from './material-evidence.ts'
import { materialSettingsOf } from './material-wiring.ts'

export type MaterialStatus = 'missing' | 'submitted' | 'approved' | 'returned'

export interface SurveyRates {
  knowledge: number // 知晓率 0–1
  support: number // 支持率 0–1
  satisfaction: number // 满意率 0–1
  n: number // sample size
}

export interface DepartmentScore {
  score: number // points out of the 部门评价 share
  source: string // the 上级主管部门 and the day, for the forecast's basis
}

export interface AssessmentEvidence {
  /** One status per 材料审核 标准 that has any material; absent 标准 count as missing. */
  materialStatuses(year: number): Promise<{ standardCode: string; status: MaterialStatus }[]>
  /** The latest survey round's county-wide rates, or null when none is recorded. */
  latestSurvey(): Promise<SurveyRates | null>
  /** The year's 部门评价 as entered, in points out of its share, or null when not entered. */
  departmentScore(year: number): Promise<DepartmentScore | null>
}

/**
 * The evidence this store holds. Materials are those of the campaign year of the place's schedule
 * (the `year` asked is the 测评体系's, which is the one in force for it).
 */
export function storeEvidence(
  store: Store,
  now: () => Date = () => new Date(),
): AssessmentEvidence {
  return {
    materialStatuses: async () => materialEvidence(store, materialSettingsOf(store, now()), now()),
    latestSurvey: () => latestSurveyRates(store),
    departmentScore: async (year) => {
      const entry = await latestDepartmentEvaluation(store, year)
      return entry && { score: entry.score, source: `${entry.department}，${entry.evaluatedOn}` }
    },
  }
}
