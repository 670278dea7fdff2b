// 台账材料, their files and history, 签字移交 records and 问卷 rounds on PostGIS (migration 012), as
// sqlite-materials.ts: every change of a material is one transaction with its material_events row.
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
import {
  insertNumbered,
  nextSeq,
  param,
  type Queryable,
  query,
  queryOne,
  rowById,
} from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresMaterials extends PostgresPart implements MaterialStore {
  async materials(filter: MaterialFilter): Promise<Material[]> {
    const params: unknown[] = []
    const where = whereEquals(materialFilterColumns(filter), (v) => param(params, v))
    const rows = await query<MaterialRow>(
      this.db,
      `SELECT * FROM materials ${where} ORDER BY seq`,
      params,
    )
    return withFiles(this.db, rows)
  }

  async material(id: string): Promise<Material | undefined> {
    return read(this.db, id)
  }

  async openMaterial(
    key: { year: number; standardCode: string; unitCode: string },
    by: string,
    at: string,
  ): Promise<Material> {
    return this.write(async (w) => {
      const seq = await nextSeq(w.tx, 'materials')
      const id = seqId('mat', seq)
      const inserted = await queryOne<{ id: string }>(
        w.tx,
        `INSERT INTO materials (seq, id, year, standard_code, unit_code, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $6)
         ON CONFLICT (year, standard_code, unit_code) DO NOTHING RETURNING id`,
        [seq, id, key.year, key.standardCode, key.unitCode, at],
      )
      if (inserted) await event(w.tx, id, 'create', by, at)
      const row = await queryOne<MaterialRow>(
        w.tx,
        'SELECT * FROM materials WHERE year = $1 AND standard_code = $2 AND unit_code = $3',
        [key.year, key.standardCode, key.unitCode],
      )
      return (await withFiles(w.tx, [row as MaterialRow]))[0] as Material
    })
  }

  async saveReport(
    id: string,
    report: MaterialReport,
    expect: readonly MaterialStatus[],
    by: string,
    at: string,
  ): Promise<Material | undefined> {
    return this.write(async (w) => {
      const set = 'report = $1::text::jsonb, updated_at = $2'
      if (!(await update(w.tx, id, expect, set, [JSON.stringify(report), at]))) return undefined
      await event(w.tx, id, 'report', by, at)
      return read(w.tx, id)
    })
  }

  async addMaterialFile(file: MaterialFile, expect: readonly MaterialStatus[]): Promise<boolean> {
    return this.write(async (w) => {
      if (!(await update(w.tx, file.materialId, expect, 'updated_at = $1', [file.createdAt]))) {
        return false
      }
      await query(
        w.tx,
        `INSERT INTO material_files (${materialFileColumns})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        materialFileValues(file),
      )
      await event(w.tx, file.materialId, 'upload', file.uploadedBy, file.createdAt, file.title)
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
    return this.write(async (w) => {
      const file = await queryOne<MaterialFileRow>(
        w.tx,
        'SELECT * FROM material_files WHERE id = $1 AND material_id = $2',
        [fileId, id],
      )
      if (!file) return undefined
      if (!(await update(w.tx, id, expect, 'updated_at = $1', [at]))) return undefined
      await query(w.tx, 'DELETE FROM material_files WHERE id = $1', [fileId])
      await event(w.tx, id, 'remove-file', by, at, file.title)
      return toMaterialFile(file)
    })
  }

  async materialFile(fileId: string): Promise<MaterialFile | undefined> {
    return rowById(this.db, 'material_files', fileId, toMaterialFile)
  }

  async moveMaterial(id: string, change: MaterialMove): Promise<Material | undefined> {
    return this.write(async (w) => {
      const review = change.action !== 'submit'
      const moved = await update(
        w.tx,
        id,
        change.from,
        review
          ? 'status = $1, updated_at = $2, reviewed_by = $3, reviewed_at = $2, return_reason = $4'
          : 'status = $1, updated_at = $2, submitted_by = $3, submitted_at = $2',
        review
          ? [change.to, change.at, change.by, change.reason ?? null]
          : [change.to, change.at, change.by],
      )
      if (!moved) return undefined
      await event(w.tx, id, change.action, change.by, change.at, change.reason)
      return read(w.tx, id)
    })
  }

  async materialEvents(id: string): Promise<MaterialEvent[]> {
    return (
      await query<MaterialEventRow>(
        this.db,
        'SELECT * FROM material_events WHERE material_id = $1 ORDER BY seq',
        [id],
      )
    ).map(toMaterialEvent)
  }

  async materialsRevision(): Promise<number> {
    const row = await queryOne<{ n: string | number }>(
      this.db,
      'SELECT coalesce(max(seq), 0) AS n FROM material_events',
    )
    return Number(row?.n ?? 0)
  }

  async handovers(filter: { year?: number; unitCode?: string }): Promise<Handover[]> {
    const params: unknown[] = []
    const where = whereEquals(handoverFilterColumns(filter), (v) => param(params, v))
    return (
      await query<HandoverRow>(
        this.db,
        `SELECT * FROM material_handovers ${where} ORDER BY seq DESC`,
        params,
      )
    ).map(toHandover)
  }

  async handover(id: string): Promise<Handover | undefined> {
    return rowById(this.db, 'material_handovers', id, toHandover)
  }

  async addHandover(h: NewHandover): Promise<Handover> {
    return this.write(async (w) =>
      toHandover(await insertNumbered(w.tx, 'material_handovers', 'handover', newHandovers, h)),
    )
  }

  async receiveHandover(id: string, by: string, at: string): Promise<Handover | undefined> {
    await this.write((w) =>
      query(
        w.tx,
        'UPDATE material_handovers SET received_by = $1, received_at = $2 WHERE id = $3 AND received_at IS NULL',
        [by, at, id],
      ),
    )
    return this.handover(id)
  }

  async surveyRounds(): Promise<SurveyRound[]> {
    return (
      await query<SurveyRow>(this.db, 'SELECT * FROM survey_rounds ORDER BY conducted_on, seq')
    ).map(toSurveyRound)
  }

  async surveyRound(id: string): Promise<SurveyRound | undefined> {
    return rowById(this.db, 'survey_rounds', id, toSurveyRound)
  }

  async addSurveyRound(round: NewSurveyRound, by: string, at: string): Promise<SurveyRound> {
    const row = { ...round, createdBy: by, createdAt: at }
    return this.write(async (w) =>
      toSurveyRound(await insertNumbered(w.tx, 'survey_rounds', 'survey', newSurveyRounds, row)),
    )
  }

  async deleteSurveyRound(id: string): Promise<boolean> {
    return this.write(async (w) => {
      const row = await queryOne<{ id: string }>(
        w.tx,
        'DELETE FROM survey_rounds WHERE id = $1 RETURNING id',
        [id],
      )
      return row !== undefined
    })
  }
}

/** Sets `set` ($1…$n: `values`) on the material while its status is one of `expect`; false when it is not. */
async function update(
  db: Queryable,
  id: string,
  expect: readonly string[],
  set: string,
  values: unknown[],
): Promise<boolean> {
  const n = values.length
  const row = await queryOne(
    db,
    `UPDATE materials SET ${set} WHERE id = $${n + 1} AND status = ANY($${n + 2}::text[]) RETURNING id`,
    [...values, id, [...expect]],
  )
  return row !== undefined
}

async function event(
  db: Queryable,
  id: string,
  action: MaterialEvent['action'],
  by: string,
  at: string,
  note?: string,
): Promise<void> {
  await query(
    db,
    'INSERT INTO material_events (material_id, action, by_user, at, note) VALUES ($1, $2, $3, $4, $5)',
    [id, action, by, at, note ?? null],
  )
}

async function read(db: Queryable, id: string): Promise<Material | undefined> {
  const row = await queryOne<MaterialRow>(db, 'SELECT * FROM materials WHERE id = $1', [id])
  return row && (await withFiles(db, [row]))[0]
}

async function withFiles(db: Queryable, rows: readonly MaterialRow[]): Promise<Material[]> {
  if (rows.length === 0) return []
  const files = await query<MaterialFileRow>(
    db,
    'SELECT * FROM material_files WHERE material_id = ANY($1::text[]) ORDER BY seq',
    [rows.map((r) => r.id)],
  )
  return toMaterials(rows, files)
}
