// The 测评体系, checklists and inspections on SQLite. An inspection's failed items become ledger issues
// through the ledger's own insert, inside the inspection's transaction.
import type { AssessmentSystem, AssessmentSystemRecord } from '../../domain/assessment-system.ts'
import type {
  ChecklistItem,
  Inspection,
  ItemResult,
  LatestInspection,
  NewInspection,
} from '../../domain/checklist.ts'
import type { IssueEvent, IssueState } from '../../domain/issue.ts'
import {
  checklistItemValues,
  type GroupRow,
  type InspectionRow,
  inspectionColumns,
  inspectionId,
  inspectionValues,
  type LatestInspectionRow,
  type ResultRow,
  resultRowValues,
  type StandardRow,
  systemRowValues,
  toChecklistItem,
  toInspection,
  toItemResult,
  toLatestInspection,
  toSystem,
} from '../assessment-rows.ts'
import type { AssessmentStore, FailureIssue } from '../assessment-store.ts'
import type { Prepare } from './feature-table.ts'
import type { SqliteLedger } from './sqlite-ledger.ts'
import { SqlitePart, type Transaction } from './sqlite-part.ts'

export class SqliteAssessment extends SqlitePart implements AssessmentStore {
  private readonly ledger: SqliteLedger

  constructor(prepare: Prepare, transaction: Transaction, ledger: SqliteLedger) {
    super(prepare, transaction)
    this.ledger = ledger
  }

  async assessmentYears(): Promise<number[]> {
    return this.prepare('SELECT year FROM assessment_systems ORDER BY year DESC')
      .pluck()
      .all() as number[]
  }

  async assessmentSystem(year: number): Promise<AssessmentSystemRecord | undefined> {
    const header = this.prepare('SELECT * FROM assessment_systems WHERE year = ?').get(year) as
      | {
          year: number
          name: string
          source: string
          illustrative: number
          updated_by: string
          updated_at: string
        }
      | undefined
    if (!header) return undefined
    const groups = this.prepare(
      'SELECT code, name FROM assessment_groups WHERE year = ? ORDER BY ordinal',
    ).all(year) as GroupRow[]
    const standards = (
      this.prepare('SELECT * FROM assessment_standards WHERE year = ? ORDER BY ordinal').all(
        year,
      ) as (Omit<StandardRow, 'veto' | 'lead_units' | 'responsible_units' | 'support_units'> & {
        veto: number
        lead_units: string
        responsible_units: string
        support_units: string
      })[]
    ).map(
      (r): StandardRow => ({
        ...r,
        veto: r.veto === 1,
        lead_units: JSON.parse(r.lead_units) as string[],
        responsible_units: JSON.parse(r.responsible_units) as string[],
        support_units: JSON.parse(r.support_units) as string[],
      }),
    )
    return toSystem({ ...header, illustrative: header.illustrative === 1 }, groups, standards)
  }

  async saveAssessmentSystem(system: AssessmentSystem, by: string, at: string): Promise<void> {
    this.transaction(() => {
      this.prepare('DELETE FROM assessment_standards WHERE year = ?').run(system.year)
      this.prepare('DELETE FROM assessment_groups WHERE year = ?').run(system.year)
      this.prepare('DELETE FROM assessment_systems WHERE year = ?').run(system.year)
      this.prepare(
        `INSERT INTO assessment_systems (year, name, source, illustrative, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(system.year, system.name, system.source, system.illustrative ? 1 : 0, by, at)
      const group = this.prepare(
        'INSERT INTO assessment_groups (year, code, name, ordinal) VALUES (?, ?, ?, ?)',
      )
      const standard = this.prepare(
        `INSERT INTO assessment_standards (year, code, text, method, points, veto, lead_units,
           responsible_units, support_units, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      for (const row of systemRowValues(system, (flag) => (flag ? 1 : 0))) {
        if ('group' in row) group.run(...row.group)
        else standard.run(...row.standard)
      }
    })
  }

  async checklistItems(): Promise<ChecklistItem[]> {
    return (
      this.prepare('SELECT * FROM checklist_items ORDER BY category, ordinal').all() as Parameters<
        typeof toChecklistItem
      >[0][]
    ).map(toChecklistItem)
  }

  async seedChecklistItems(items: readonly ChecklistItem[]): Promise<number> {
    return this.transaction(() => {
      const insert = this.prepare(
        `INSERT OR IGNORE INTO checklist_items (code, category, kind, text, standard_code, issue_category, ordinal)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      let added = 0
      items.forEach((i, ordinal) => {
        added += insert.run(...checklistItemValues(i, ordinal)).changes
      })
      return added
    })
  }

  async recordInspection(
    inspection: NewInspection,
    failures: readonly FailureIssue[],
  ): Promise<{ inspection: Inspection; issues: { state: IssueState; event: IssueEvent }[] }> {
    return this.transaction(() => {
      const seq = this.prepare(
        `INSERT INTO inspections (id, ${inspectionColumns}) VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...inspectionValues(inspection)).lastInsertRowid
      const id = inspectionId(Number(seq))
      this.prepare('UPDATE inspections SET id = ? WHERE seq = ?').run(id, seq)
      const issues = this.ledger.insertIssues(failures.map((f) => f.event))
      const insert = this.prepare(
        `INSERT INTO inspection_results (inspection_id, item_code, result, note, attachment_ids, issue_id, ordinal)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      for (const values of resultRowValues(id, inspection, failures, issues)) insert.run(...values)
      return { inspection: this.read(id) as Inspection, issues }
    })
  }

  async inspection(id: string): Promise<Inspection | undefined> {
    return this.read(id)
  }

  async inspections(filter: { checkpointId?: string; limit: number }): Promise<Inspection[]> {
    const where = filter.checkpointId === undefined ? '' : 'WHERE checkpoint_id = ?'
    const params = filter.checkpointId === undefined ? [] : [filter.checkpointId]
    const rows = this.prepare(
      `SELECT * FROM inspections ${where} ORDER BY at DESC, seq DESC LIMIT ?`,
    ).all(...params, filter.limit) as InspectionRow[]
    return rows.map((row) => toInspection(row, this.results(row.id)))
  }

  async latestInspections(): Promise<LatestInspection[]> {
    const rows = this.prepare(
      `SELECT i.checkpoint_id, i.id, i.at, i.score, i.failed FROM inspections i
       WHERE i.seq = (SELECT j.seq FROM inspections j WHERE j.checkpoint_id = i.checkpoint_id
                      ORDER BY j.at DESC, j.seq DESC LIMIT 1)
       ORDER BY i.checkpoint_id`,
    ).all() as LatestInspectionRow[]
    return rows.map(toLatestInspection)
  }

  private read(id: string): Inspection | undefined {
    const row = this.prepare('SELECT * FROM inspections WHERE id = ?').get(id) as
      | InspectionRow
      | undefined
    return row && toInspection(row, this.results(id))
  }

  private results(id: string): ItemResult[] {
    return (
      this.prepare('SELECT * FROM inspection_results WHERE inspection_id = ? ORDER BY ordinal').all(
        id,
      ) as (Omit<ResultRow, 'attachment_ids'> & { attachment_ids: string | null })[]
    ).map((r) =>
      toItemResult({
        ...r,
        attachment_ids:
          r.attachment_ids === null ? null : (JSON.parse(r.attachment_ids) as string[]),
      }),
    )
  }
}
