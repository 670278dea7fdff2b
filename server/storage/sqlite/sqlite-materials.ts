// 台账材料, their files and history, 签字移交 records and 问卷 rounds on SQLite (migration 017). Every
// change of a material is one transaction that also appends its material_events row.
import type {
  Material,
  MaterialFile,
  MaterialReport,
  MaterialStatus,
} from '../../domain/material.ts'
import type { NewSurveyRound, SurveyRound } from '../../domain/survey.ts'
import {
  type HandoverRow,
  handoverFilterColumns,
  type MaterialEventRow,
  type MaterialFileRow,
  type MaterialRow,
  materialFileColumns,
  materialFileValues,
  materialFilterColumns,
  newHandovers,
  newSurveyRounds,
  type SurveyRow,
  toHandover,
  toMaterialEvent,
  toMaterialFile,
  toMaterials,
  toSurveyRound,
} from '../material-rows.ts'
import type {
  Handover,
  MaterialEvent,
  MaterialFilter,
  MaterialMove,
  MaterialStore,
  NewHandover,
} from '../material-store.ts'
import { seqId } from '../seq-id.ts'
import { whereEquals } from '../where-equals.ts'
import { SqlitePart } from './sqlite-part.ts'

/** The SQL and parameters of a filter's columns (`?` placeholders). */
function whereOf(columns: Parameters<typeof whereEquals>[0]): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const sql = whereEquals(columns, (value) => {
    params.push(value)
    return '?'
  })
  return { sql, params }
}

export class SqliteMaterials extends SqlitePart implements MaterialStore {
  async materials(filter: MaterialFilter): Promise<Material[]> {
    const { sql, params } = whereOf(materialFilterColumns(filter))
    const rows = this.prepare(`SELECT * FROM materials ${sql} ORDER BY seq`).all(
      ...params,
    ) as MaterialRow[]
    return this.withFiles(rows)
  }

  async material(id: string): Promise<Material | undefined> {
    return this.read(id)
  }

  async openMaterial(
    key: { year: number; standardCode: string; unitCode: string },
    by: string,
    at: string,
  ): Promise<Material> {
    return this.transaction(() => {
      const found = this.prepare(
        'SELECT id FROM materials WHERE year = ? AND standard_code = ? AND unit_code = ?',
      )
        .pluck()
        .get(key.year, key.standardCode, key.unitCode) as string | undefined
      if (found) return this.read(found) as Material
      const seq = this.prepare(
        `INSERT INTO materials (id, year, standard_code, unit_code, status, created_at, updated_at)
         VALUES ('', ?, ?, ?, 'draft', ?, ?)`,
      ).run(key.year, key.standardCode, key.unitCode, at, at).lastInsertRowid
      const id = seqId('mat', seq)
      this.prepare('UPDATE materials SET id = ? WHERE seq = ?').run(id, seq)
      this.event(id, 'create', by, at)
      return this.read(id) as Material
    })
  }

  async saveReport(
    id: string,
    report: MaterialReport,
    expect: readonly MaterialStatus[],
    by: string,
    at: string,
  ): Promise<Material | undefined> {
    return this.transaction(() => {
      if (!this.update(id, expect, 'report = ?, updated_at = ?', [JSON.stringify(report), at])) {
        return undefined
      }
      this.event(id, 'report', by, at)
      return this.read(id)
    })
  }

  async addMaterialFile(file: MaterialFile, expect: readonly MaterialStatus[]): Promise<boolean> {
    return this.transaction(() => {
      if (!this.update(file.materialId, expect, 'updated_at = ?', [file.createdAt])) return false
      this.prepare(
        `INSERT INTO material_files (${materialFileColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...materialFileValues(file))
      this.event(file.materialId, 'upload', file.uploadedBy, file.createdAt, file.title)
      return true
    })
  }

  async removeMaterialFile(
    id: string,
    fileId: string,
    expect: readonly MaterialStatus[],
    by: string,
    at: string,
  ): Promise<MaterialFile | undefined> {
    return this.transaction(() => {
      const row = this.prepare('SELECT * FROM material_files WHERE id = ? AND material_id = ?').get(
        fileId,
        id,
      ) as MaterialFileRow | undefined
      if (!row) return undefined
      if (!this.update(id, expect, 'updated_at = ?', [at])) return undefined
      this.prepare('DELETE FROM material_files WHERE id = ?').run(fileId)
      this.event(id, 'remove-file', by, at, row.title)
      return toMaterialFile(row)
    })
  }

  async materialFile(fileId: string): Promise<MaterialFile | undefined> {
    return this.rowById('material_files', fileId, toMaterialFile)
  }

  async moveMaterial(id: string, change: MaterialMove): Promise<Material | undefined> {
    return this.transaction(() => {
      const review = change.action !== 'submit'
      const moved = this.update(
        id,
        change.from,
        review
          ? 'status = ?, updated_at = ?, reviewed_by = ?, reviewed_at = ?, return_reason = ?'
          : 'status = ?, updated_at = ?, submitted_by = ?, submitted_at = ?',
        [change.to, change.at, change.by, change.at, ...(review ? [change.reason ?? null] : [])],
      )
      if (!moved) return undefined
      this.event(id, change.action, change.by, change.at, change.reason)
      return this.read(id)
    })
  }

  async materialEvents(id: string): Promise<MaterialEvent[]> {
    return (
      this.prepare('SELECT * FROM material_events WHERE material_id = ? ORDER BY seq').all(
        id,
      ) as MaterialEventRow[]
    ).map(toMaterialEvent)
  }

  async materialsRevision(): Promise<number> {
    return this.prepare('SELECT coalesce(max(seq), 0) FROM material_events').pluck().get() as number
  }

  async handovers(filter: { year?: number; unitCode?: string }): Promise<Handover[]> {
    const { sql, params } = whereOf(handoverFilterColumns(filter))
    return (
      this.prepare(`SELECT * FROM material_handovers ${sql} ORDER BY seq DESC`).all(
        ...params,
      ) as HandoverRow[]
    ).map(toHandover)
  }

  async handover(id: string): Promise<Handover | undefined> {
    return this.rowById('material_handovers', id, toHandover)
  }

  async addHandover(h: NewHandover): Promise<Handover> {
    return this.transaction(() =>
      toHandover(this.insertNumbered('material_handovers', 'handover', newHandovers, h)),
    )
  }

  async receiveHandover(id: string, by: string, at: string): Promise<Handover | undefined> {
    this.prepare(
      'UPDATE material_handovers SET received_by = ?, received_at = ? WHERE id = ? AND received_at IS NULL',
    ).run(by, at, id)
    return this.handover(id)
  }

  async surveyRounds(): Promise<SurveyRound[]> {
    return (
      this.prepare('SELECT * FROM survey_rounds ORDER BY conducted_on, seq').all() as SurveyRow[]
    ).map(toSurveyRound)
  }

  async surveyRound(id: string): Promise<SurveyRound | undefined> {
    return this.rowById('survey_rounds', id, toSurveyRound)
  }

  async addSurveyRound(round: NewSurveyRound, by: string, at: string): Promise<SurveyRound> {
    const row = { ...round, createdBy: by, createdAt: at }
    return this.transaction(() =>
      toSurveyRound(this.insertNumbered('survey_rounds', 'survey', newSurveyRounds, row)),
    )
  }

  async deleteSurveyRound(id: string): Promise<boolean> {
    return this.prepare('DELETE FROM survey_rounds WHERE id = ?').run(id).changes > 0
  }

  /** Sets `set` on the material while its status is one of `expect`; false when it is not. */
  private update(id: string, expect: readonly string[], set: string, values: unknown[]): boolean {
    const statuses = expect.map(() => '?').join(', ')
    return (
      this.prepare(`UPDATE materials SET ${set} WHERE id = ? AND status IN (${statuses})`).run(
        ...values,
        id,
        ...expect,
      ).changes > 0
    )
  }

  private event(
    id: string,
    action: MaterialEvent['action'],
    by: string,
    at: string,
    note?: string,
  ) {
    this.prepare(
      'INSERT INTO material_events (material_id, action, by_user, at, note) VALUES (?, ?, ?, ?, ?)',
    ).run(id, action, by, at, note ?? null)
  }

  private read(id: string): Material | undefined {
    const row = this.prepare('SELECT * FROM materials WHERE id = ?').get(id) as
      | MaterialRow
      | undefined
    return row && this.withFiles([row])[0]
  }

  private withFiles(rows: readonly MaterialRow[]): Material[] {
    if (rows.length === 0) return []
    // one query for all files: ids of a year's materials run to a few hundred, within SQLite's limits
    const all = (
      rows.length === 1
        ? this.prepare('SELECT * FROM material_files WHERE material_id = ? ORDER BY seq').all(
            rows[0]?.id,
          )
        : this.prepare(
            `SELECT * FROM material_files WHERE material_id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
          ).all(JSON.stringify(rows.map((r) => r.id)))
    ) as MaterialFileRow[]
    return toMaterials(rows, all)
  }
}
