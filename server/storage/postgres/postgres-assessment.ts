// The 测评体系, checklists and inspections on PostGIS. An inspection's failed items become ledger
// issues through the ledger's createIssues, inside the inspection's write transaction.
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
  type SystemRow,
  systemRowValues,
  toChecklistItem,
  toInspection,
  toItemResult,
  toLatestInspection,
  toSystem,
} from '../assessment-rows.ts'
import type { FailureIssue } from '../assessment-store.ts'
import { nextSeq, type Queryable, query, queryOne } from './postgres-db.ts'
import { createIssues } from './postgres-ledger.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresAssessment extends PostgresPart {
  async assessmentYears(): Promise<number[]> {
    const rows = await query<{ year: number }>(
      this.db,
      'SELECT year FROM assessment_systems ORDER BY year DESC',
    )
    return rows.map((r) => Number(r.year))
  }

  async assessmentSystem(year: number): Promise<AssessmentSystemRecord | undefined> {
    const header = await queryOne<SystemRow>(
      this.db,
      'SELECT * FROM assessment_systems WHERE year = $1',
      [year],
    )
    if (!header) return undefined
    const groups = await query<GroupRow>(
      this.db,
      'SELECT code, name FROM assessment_groups WHERE year = $1 ORDER BY ordinal',
      [year],
    )
    const standards = await query<StandardRow>(
      this.db,
      'SELECT * FROM assessment_standards WHERE year = $1 ORDER BY ordinal',
      [year],
    )
    return toSystem(header, groups, standards)
  }

  async saveAssessmentSystem(system: AssessmentSystem, by: string, at: string): Promise<void> {
    await this.write(async (w) => {
      await query(w.tx, 'DELETE FROM assessment_systems WHERE year = $1', [system.year])
      await query(
        w.tx,
        `INSERT INTO assessment_systems (year, name, source, illustrative, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [system.year, system.name, system.source, system.illustrative, by, at],
      )
      for (const row of systemRowValues(system, (flag) => flag)) {
        if ('group' in row) {
          await query(
            w.tx,
            'INSERT INTO assessment_groups (year, code, name, ordinal) VALUES ($1, $2, $3, $4)',
            row.group,
          )
        } else {
          await query(
            w.tx,
            `INSERT INTO assessment_standards (year, code, text, method, points, veto, lead_units,
               responsible_units, support_units, ordinal)
             VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::text::jsonb, $10)`,
            row.standard,
          )
        }
      }
    }, true)
  }

  async checklistItems(): Promise<ChecklistItem[]> {
    const rows = await query<Parameters<typeof toChecklistItem>[0]>(
      this.db,
      'SELECT * FROM checklist_items ORDER BY category, ordinal',
    )
    return rows.map(toChecklistItem)
  }

  async seedChecklistItems(items: readonly ChecklistItem[]): Promise<number> {
    return this.write(async (w) => {
      let added = 0
      for (const [ordinal, i] of items.entries()) {
        const rows = await query(
          w.tx,
          `INSERT INTO checklist_items (code, category, kind, text, standard_code, issue_category, ordinal)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING code`,
          checklistItemValues(i, ordinal),
        )
        added += rows.length
      }
      return added
    }, true)
  }

  async recordInspection(
    inspection: NewInspection,
    failures: readonly FailureIssue[],
  ): Promise<{ inspection: Inspection; issues: { state: IssueState; event: IssueEvent }[] }> {
    return this.write(async (w) => {
      const seq = await nextSeq(w.tx, 'inspections')
      const id = inspectionId(seq)
      await query(
        w.tx,
        `INSERT INTO inspections (seq, id, ${inspectionColumns})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [seq, id, ...inspectionValues(inspection)],
      )
      const issues = await createIssues(
        w,
        failures.map((f) => f.event),
      )
      for (const values of resultRowValues(id, inspection, failures, issues)) {
        await query(
          w.tx,
          `INSERT INTO inspection_results (inspection_id, item_code, result, note, attachment_ids, issue_id, ordinal)
           VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7)`,
          values,
        )
      }
      const row = await queryOne<InspectionRow>(w.tx, 'SELECT * FROM inspections WHERE id = $1', [
        id,
      ])
      return {
        inspection: toInspection(row as InspectionRow, await this.results(w.tx, id)),
        issues,
      }
    })
  }

  async inspection(id: string): Promise<Inspection | undefined> {
    const row = await queryOne<InspectionRow>(this.db, 'SELECT * FROM inspections WHERE id = $1', [
      id,
    ])
    return row && toInspection(row, await this.results(this.db, id))
  }

  async inspections(filter: { checkpointId?: string; limit: number }): Promise<Inspection[]> {
    const rows =
      filter.checkpointId === undefined
        ? await query<InspectionRow>(
            this.db,
            'SELECT * FROM inspections ORDER BY at DESC, seq DESC LIMIT $1',
            [filter.limit],
          )
        : await query<InspectionRow>(
            this.db,
            'SELECT * FROM inspections WHERE checkpoint_id = $1 ORDER BY at DESC, seq DESC LIMIT $2',
            [filter.checkpointId, filter.limit],
          )
    const found: Inspection[] = []
    for (const row of rows) found.push(toInspection(row, await this.results(this.db, row.id)))
    return found
  }

  async latestInspections(): Promise<LatestInspection[]> {
    const rows = await query<LatestInspectionRow>(
      this.db,
      `SELECT DISTINCT ON (checkpoint_id) checkpoint_id, id, at, score, failed FROM inspections
       ORDER BY checkpoint_id, at DESC, seq DESC`,
    )
    return rows.map(toLatestInspection)
  }

  private async results(db: Queryable, id: string): Promise<ItemResult[]> {
    const rows = await query<ResultRow>(
      db,
      'SELECT * FROM inspection_results WHERE inspection_id = $1 ORDER BY ordinal',
      [id],
    )
    return rows.map(toItemResult)
  }
}
