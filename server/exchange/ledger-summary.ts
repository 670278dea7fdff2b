// Per-unit totals of the ledger (按责任单位汇总): how many issues each unit holds, by status, and how many are overdue.
import { type IssueProperties, type IssueStatus, isOverdue } from '../domain/issue.ts'
import type { GeoJsonFeature } from '../storage/store.ts'
import type { LedgerLookups } from './columns.ts'

export interface UnitSummary {
  unitCode: string
  unitName: string
  total: number
  byStatus: Record<IssueStatus, number>
  overdue: number
  closedRate: number // closed / total, 0–1
}

/** One entry per unit that has issues, in the order of lookups.unitNames, unknown units last. */
export function summariseByUnit(
  issues: readonly GeoJsonFeature[],
  lookups: LedgerLookups,
  now: Date,
): UnitSummary[] {
  const byUnit = new Map<string, UnitSummary>()
  for (const code of lookups.unitNames.keys()) byUnit.set(code, emptySummary(code, lookups))
  for (const issue of issues) {
    const p = issue.properties as unknown as IssueProperties
    let summary = byUnit.get(p.responsibleUnit)
    if (!summary) {
      summary = emptySummary(p.responsibleUnit, lookups)
      byUnit.set(p.responsibleUnit, summary)
    }
    summary.total++
    if (p.status in summary.byStatus) summary.byStatus[p.status]++
    if (isOverdue(p, now)) summary.overdue++
  }
  return [...byUnit.values()]
    .filter((s) => s.total > 0)
    .map((s) => ({ ...s, closedRate: s.byStatus.closed / s.total }))
}

function emptySummary(unitCode: string, lookups: LedgerLookups): UnitSummary {
  return {
    unitCode,
    unitName: lookups.unitNames.get(unitCode) ?? unitCode,
    total: 0,
    byStatus: { pending: 0, fixing: 0, reviewing: 0, closed: 0 },
    overdue: 0,
    closedRate: 0,
  }
}
