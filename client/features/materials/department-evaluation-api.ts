// 部门评价 (征求上级主管部门意见) from /api/assessment/department-evaluations: the year's entries,
// newest (in force) first, and recording one.
import { queryOptions } from '@tanstack/react-query'
import type { DepartmentEvaluation } from '../../../server/domain/department-evaluation.ts'
import { apiRequest } from '../../lib/api-client.ts'

export interface DepartmentEvaluations {
  year: number
  points: number // the year's 部门评价 share
  items: (DepartmentEvaluation & { current: boolean })[]
}

export interface DepartmentEvaluationInput {
  year: number
  score: number
  department: string
  document: string
  evaluatedOn: string
  note?: string
}

export const departmentEvaluationKeys = {
  all: ['department-evaluations'] as const,
  year: (year?: number) => [...departmentEvaluationKeys.all, year ?? 'newest'] as const,
}

export const departmentEvaluationsQuery = (year?: number) =>
  queryOptions({
    queryKey: departmentEvaluationKeys.year(year),
    queryFn: () =>
      apiRequest<DepartmentEvaluations>('api/assessment/department-evaluations', {
        ...(year ? { query: `year=${year}` } : {}),
      }),
  })

export function recordDepartmentEvaluation(
  input: DepartmentEvaluationInput,
): Promise<DepartmentEvaluation> {
  return apiRequest('api/assessment/department-evaluations', {
    json: input,
    action: '录入部门评价',
  })
}
