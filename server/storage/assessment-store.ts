// The 测评体系 part of the Store: the system per year (项目 → 内容 → 标准), the 点位测评 checklists
// and the inspections recorded against them. An inspection and the ledger issues its failed items
// become are written in one transaction.
import type { AssessmentSystem, AssessmentSystemRecord } from '../domain/assessment-system.ts'
import type {
  ChecklistItem,
  Inspection,
  LatestInspection,
  NewInspection,
} from '../domain/checklist.ts'
import type { IssueEvent, IssueState } from '../domain/issue.ts'
import type { FirstEvent } from './ledger-store.ts'

/** A failed item's issue: the first event of the issue to create for it. */
export interface FailureIssue {
  itemCode: string
  event: FirstEvent
}

export interface AssessmentStore {
  /** The years that have a system, newest first. */
  assessmentYears(): Promise<number[]>
  assessmentSystem(year: number): Promise<AssessmentSystemRecord | undefined>
  /** Replaces the year's system, all its rows, in one transaction. */
  saveAssessmentSystem(system: AssessmentSystem, by: string, at: string): Promise<void>
  /** Every checklist item, by category then order. */
  checklistItems(): Promise<ChecklistItem[]>
  /** Adds the items not yet there (by code); existing ones stay. Returns how many were added. */
  seedChecklistItems(items: readonly ChecklistItem[]): Promise<number>
  /**
   * Records an inspection and creates one ledger issue per failure (as createIssues would), all in
   * one transaction; each failed result carries its issue's id.
   */
  recordInspection(
    inspection: NewInspection,
    failures: readonly FailureIssue[],
  ): Promise<{ inspection: Inspection; issues: { state: IssueState; event: IssueEvent }[] }>
  inspection(id: string): Promise<Inspection | undefined>
  /** Inspections newest first, optionally of one point. */
  inspections(filter: { checkpointId?: string; limit: number }): Promise<Inspection[]>
  /** The newest inspection of every inspected point. */
  latestInspections(): Promise<LatestInspection[]>
}
