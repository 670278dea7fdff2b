// 征求上级主管部门意见 (部门评价): the result the 创建办 records per assessment year, in points out of
// the year's 部门评价 share, with where it came from. A new entry supersedes the year's earlier ones;
// they stay readable as its history.

export interface NewDepartmentEvaluation {
  year: number // the 测评体系 year it counts for
  score: number // points, 0 ≤ score ≤ points
  points: number // the share's full points in that year's 测评体系 when entered
  department: string // the 上级主管部门, e.g. 省文明办
  document: string // the document the result comes from: its title or 文号
  evaluatedOn: string // YYYY-MM-DD, the day of the document
  note: string // may be empty
  enteredBy: string // username
  enteredAt: string // ISO 8601
}

export interface DepartmentEvaluation extends NewDepartmentEvaluation {
  id: string // deval-0001
}

/** The year's entries newest first, each marked by whether a later entry superseded it. */
export function evaluationHistory(
  newestFirst: readonly DepartmentEvaluation[],
): (DepartmentEvaluation & { current: boolean })[] {
  return newestFirst.map((e, i) => ({ ...e, current: i === 0 }))
}
