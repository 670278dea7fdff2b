// 部门评价's use cases: the 创建办 records the 征求上级主管部门意见 result of an assessment year, in
// points out of that year's 部门评价 share (its 标准 points in the 测评体系); a new entry supersedes
// the year's earlier ones, which stay readable. The forecast reads the newest (forecast-inputs.ts).
import { methodTotals } from '../domain/assessment-system.ts'
import { type DepartmentEvaluation, evaluationHistory } from '../domain/department-evaluation.ts'
import { Forbidden, InvalidInput } from '../domain/errors.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import type { User } from '../domain/roles.ts'
import type { Store } from '../storage/store.ts'

export interface DepartmentEvaluationInput {
  year: number
  score: number
  department: string
  document: string
  evaluatedOn: string // YYYY-MM-DD
  note?: string
}

export interface DepartmentEvaluations {
  year: number
  points: number // the year's 部门评价 share
  items: (DepartmentEvaluation & { current: boolean })[] // newest first
}

/** The results are the county's own business, as survey figures are. */
export function assertDepartmentEvaluationReader(user: User): void {
  if (!['admin', 'inspector', 'commander', 'planner'].includes(user.role)) {
    throw new Forbidden('仅创建办、指挥长和规划人员可查看部门评价')
  }
}

/** The 部门评价 share of the year's 测评体系, or undefined when the year has no system. */
async function sharePoints(store: Store, year: number): Promise<number | undefined> {
  const system = await store.assessmentSystem(year)
  return system && methodTotals(system).departments
}

export async function recordDepartmentEvaluation(
  store: Store,
  user: User,
  input: DepartmentEvaluationInput,
  now: Date,
): Promise<DepartmentEvaluation> {
  const points = await sharePoints(store, input.year)
  if (points === undefined) {
    throw new InvalidInput([{ field: 'year', message: `没有 ${input.year} 年度的测评体系` }])
  }
  if (points <= 0) {
    throw new InvalidInput([
      { field: 'year', message: `${input.year} 年度的测评体系没有部门评价分值` },
    ])
  }
  if (input.score > points) {
    throw new InvalidInput([
      {
        field: 'score',
        message: `得分须在 0 至 ${points} 分之间（${input.year} 年度部门评价满分）`,
      },
    ])
  }
  return store.addDepartmentEvaluation({
    year: input.year,
    score: input.score,
    points,
    department: input.department,
    document: input.document,
    evaluatedOn: input.evaluatedOn,
    note: input.note ?? '',
    enteredBy: user.username,
    enteredAt: now.toISOString(),
  })
}

/** The year's entries with the share's points; the newest 测评体系 year when none is asked. */
export async function departmentEvaluationsOf(
  store: Store,
  year?: number,
): Promise<DepartmentEvaluations> {
  const wanted = year ?? (await store.assessmentYears())[0]
  const points = wanted === undefined ? undefined : await sharePoints(store, wanted)
  if (wanted === undefined || points === undefined) {
    throw new RecordNotFound(
      wanted === undefined ? '尚无测评体系' : `没有 ${wanted} 年度的测评体系`,
    )
  }
  return {
    year: wanted,
    points,
    items: evaluationHistory(await store.departmentEvaluations(wanted)),
  }
}

/** The year's result in force (the newest entry), or null when none was entered. */
export async function latestDepartmentEvaluation(
  store: Store,
  year: number,
): Promise<DepartmentEvaluation | null> {
  return (await store.departmentEvaluations(year))[0] ?? null
}
