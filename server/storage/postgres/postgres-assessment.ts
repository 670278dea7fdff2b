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
  type GroupRow,
  type InspectionRow,
  inspectionId,
  type ResultRow,
  type StandardRow,
  type SystemRow,
  toChecklistItem,
  toInspection,
  toItemResult,
  toSystem,
} from '../assessment-rows.ts'
import type { FailureIssue } from '../assessment-store.ts'
import { type Queryable, query, queryOne } from './postgres-db.ts'
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
      let ordinal = 0
      for (const item of system.items) {
        await query(
          w.tx,
          'INSERT INTO assessment_groups (year, code, name, ordinal) VALUES ($1, $2, $3, $4)',
          [system.year, item.code, item.name, ordinal++],
        )
        for (const content of item.contents) {
          await query(
            w.tx,
            'INSERT INTO assessment_groups (year, code, name, ordinal) VALUES ($1, $2, $3, $4)',
            [system.year, content.code, content.name, ordinal++],
          )
          for (const s of content.standards) {
            await query(
              w.tx,
              `INSERT INTO assessment_standards (year, code, text, method, points, veto, lead_units,
                 responsible_units, support_units, ordinal)
               VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::text::jsonb, $10)`,
              [
                system.year,
                s.code,
                s.text,
                s.method,
                s.points,
                s.veto,
                JSON.stringify(s.leadUnits),
                JSON.stringify(s.responsibleUnits),
                JSON.stringify(s.supportUnits),
                ordinal++,
              ],
            )
          }
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
          [i.code, i.category, i.kind, i.text, i.standardCode, i.issueCategory, ordinal],
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
      const next = await queryOne<{ seq: number }>(
        w.tx,
        "SELECT nextval(pg_get_serial_sequence('inspections', 'seq')) AS seq",
      )
      const seq = Number(next?.seq)
      const id = inspectionId(seq)
      await query(
        w.tx,
        `INSERT INTO inspections (seq, id, checkpoint_id, kind, inspector, inspector_name, unit_code,
           at, score, passed, failed, not_applicable)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          seq,
          id,
          inspection.checkpointId,
          inspection.kind,
          inspection.inspector,
          inspection.inspectorName,
          inspection.unitCode ?? null,
          inspection.at,
          inspection.score,
          inspection.passed,
          inspection.failed,
          inspection.notApplicable,
        ],
      )
      const issues = await createIssues(
        w,
        failures.map((f) => f.event),
      )
      const issueOf = new Map(failures.map((f, i) => [f.itemCode, issues[i]?.state.id]))
      for (const [ordinal, r] of inspection.results.entries()) {
        await query(
          w.tx,
          `INSERT INTO inspection_results (inspection_id, item_code, result, note, attachment_ids, issue_id, ordinal)
           VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7)`,
          [
            id,
            r.itemCode,
            r.result,
            r.note ?? null,
            r.attachmentIds?.length ? JSON.stringify(r.attachmentIds) : null,
            issueOf.get(r.itemCode) ?? null,
            ordinal,
          ],
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
    const rows = await query<{
      checkpoint_id: string
      id: string
      at: string
      score: number
      failed: number
    }>(
      this.db,
      `SELECT DISTINCT ON (checkpoint_id) checkpoint_id, id, at, score, failed FROM inspections
       ORDER BY checkpoint_id, at DESC, seq DESC`,
    )
    return rows.map((r) => ({
      checkpointId: r.checkpoint_id,
      inspectionId: r.id,
      at: r.at,
      score: Number(r.score),
      failed: Number(r.failed),
    }))
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
