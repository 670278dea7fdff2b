// 点位测评: each check-point category's checklist (静态指标 that must be in place, 动态指标 that must
// stay clear), items linked to 测评标准 codes; an inspection records pass / fail / 不适用 per item.
// Scoring and the map's status of a point are here. Pure.
import type { CheckpointCategory } from './checkpoint.ts'
import type { IssueCategory } from './issue.ts'

export const checklistItemKinds = ['static', 'dynamic'] as const
export type ChecklistItemKind = (typeof checklistItemKinds)[number]

export interface ChecklistItem {
  code: string // market-d01
  category: CheckpointCategory
  kind: ChecklistItemKind
  text: string
  standardCode: string // 03-02-01
  issueCategory: IssueCategory // the ledger category a failure is reported under
}

export const checkResults = ['pass', 'fail', 'na'] as const
export type CheckResult = (typeof checkResults)[number]

/** 督查组 inspection, or the point's own unit's weekly 自查. */
export const inspectionKinds = ['supervision', 'self'] as const
export type InspectionKind = (typeof inspectionKinds)[number]

export interface ItemResult {
  itemCode: string
  result: CheckResult
  note?: string
  attachmentIds?: string[]
  issueId?: string // the ledger issue a failure became
}

export interface Inspection {
  id: string // insp-00001
  checkpointId: string
  kind: InspectionKind
  inspector: string
  inspectorName: string
  unitCode?: string
  at: string
  score: number // 0–1
  passed: number
  failed: number
  notApplicable: number
  results: ItemResult[]
}

export type NewInspection = Omit<Inspection, 'id' | 'results'> & {
  results: Omit<ItemResult, 'issueId'>[]
}

export interface InspectionScore {
  score: number // passed / applicable, 1 when nothing applies
  passed: number
  failed: number
  notApplicable: number
}

/** The score of a set of results: the share of applicable items that passed. */
export function scoreResults(results: readonly Pick<ItemResult, 'result'>[]): InspectionScore {
  const passed = results.filter((r) => r.result === 'pass').length
  const failed = results.filter((r) => r.result === 'fail').length
  const notApplicable = results.length - passed - failed
  const applicable = passed + failed
  return {
    score: applicable === 0 ? 1 : Math.round((passed / applicable) * 10_000) / 10_000,
    passed,
    failed,
    notApplicable,
  }
}

/** What a result set lacks against the checklist: missing items, unknown ones, repeats. */
export function resultProblems(
  checklist: readonly ChecklistItem[],
  results: readonly Pick<ItemResult, 'itemCode' | 'result'>[],
): string[] {
  const problems: string[] = []
  const known = new Set(checklist.map((i) => i.code))
  const seen = new Set<string>()
  for (const r of results) {
    if (!known.has(r.itemCode)) problems.push(`检查项 ${r.itemCode} 不在该点位的测评清单中`)
    if (seen.has(r.itemCode)) problems.push(`检查项 ${r.itemCode} 重复`)
    seen.add(r.itemCode)
    if (!checkResults.includes(r.result)) problems.push(`检查项 ${r.itemCode} 结果无效`)
  }
  for (const item of checklist) {
    if (!seen.has(item.code)) problems.push(`检查项「${item.text}」未填写结果`)
  }
  return problems
}

export const staleAfterDays = 14 // a point not inspected for longer is 过期 on the map

/** How the map colours a point: by its latest inspection's result and age. */
export const checkStatuses = ['never', 'stale', 'failing', 'passing'] as const
export type CheckStatus = (typeof checkStatuses)[number]

export interface LatestInspection {
  checkpointId: string
  inspectionId: string
  at: string
  score: number
  failed: number
}

export function checkStatusOf(latest: LatestInspection | undefined, nowMs: number): CheckStatus {
  if (!latest) return 'never'
  if (nowMs - Date.parse(latest.at) > staleAfterDays * 86_400_000) return 'stale'
  return latest.failed > 0 ? 'failing' : 'passing'
}
