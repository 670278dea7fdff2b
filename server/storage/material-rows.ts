// Row shapes of the materials tables and their mapping to domain objects, shared by the SQLite and
// PostGIS stores (JSON columns arrive as text from SQLite and parsed from PostGIS; bigints as strings).
import type { Material, MaterialFile, MaterialReport, MaterialStatus } from '../domain/material.ts'
import type { NewSurveyRound, SurveyRound } from '../domain/survey.ts'
import { jsonColumn } from './json-column.ts'
import type { Handover, MaterialEvent, MaterialFilter, NewHandover } from './material-store.ts'

export interface MaterialRow {
  id: string
  year: number
  standard_code: string
  unit_code: string
  status: MaterialStatus
  report: unknown
  submitted_by: string | null
  submitted_at: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  return_reason: string | null
  created_at: string
  updated_at: string
}

export interface MaterialFileRow {
  id: string
  material_id: string
  kind: MaterialFile['kind']
  content_type: string
  bytes: number
  sha256: string
  file_name: string
  title: string
  uploaded_by: string
  created_at: string
}

export interface HandoverRow {
  id: string
  year: number
  unit_code: string
  material_ids: unknown
  signed_by_name: string
  signed_by_title: string
  signed_on: string
  handed_over_by: string
  created_at: string
  received_by: string | null
  received_at: string | null
}

export interface SurveyRow {
  id: string
  name: string
  conducted_on: string
  source: string
  cells: unknown
  created_by: string
  created_at: string
}

export interface MaterialEventRow {
  seq: number | string
  material_id: string
  action: MaterialEvent['action']
  by_user: string
  at: string
  note: string | null
}

export function toMaterial(row: MaterialRow, files: readonly MaterialFileRow[]): Material {
  const m: Material = {
    id: row.id,
    year: Number(row.year),
    standardCode: row.standard_code,
    unitCode: row.unit_code,
    status: row.status,
    report: row.report === null ? null : jsonColumn<MaterialReport>(row.report),
    files: files.map(toMaterialFile),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
  if (row.submitted_by !== null) m.submittedBy = row.submitted_by
  if (row.submitted_at !== null) m.submittedAt = row.submitted_at
  if (row.reviewed_by !== null) m.reviewedBy = row.reviewed_by
  if (row.reviewed_at !== null) m.reviewedAt = row.reviewed_at
  if (row.return_reason !== null) m.returnReason = row.return_reason
  return m
}

export function toMaterialFile(row: MaterialFileRow): MaterialFile {
  return {
    id: row.id,
    materialId: row.material_id,
    kind: row.kind,
    contentType: row.content_type,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    fileName: row.file_name,
    title: row.title,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  }
}

export function toHandover(row: HandoverRow): Handover {
  const h: Handover = {
    id: row.id,
    year: Number(row.year),
    unitCode: row.unit_code,
    materialIds: jsonColumn<string[]>(row.material_ids),
    signedByName: row.signed_by_name,
    signedByTitle: row.signed_by_title,
    signedOn: row.signed_on,
    handedOverBy: row.handed_over_by,
    createdAt: row.created_at,
  }
  if (row.received_by !== null) h.receivedBy = row.received_by
  if (row.received_at !== null) h.receivedAt = row.received_at
  return h
}

export function toSurveyRound(row: SurveyRow): SurveyRound {
  return {
    id: row.id,
    name: row.name,
    conductedOn: row.conducted_on,
    source: row.source,
    cells: jsonColumn<SurveyRound['cells']>(row.cells),
    createdBy: row.created_by,
    createdAt: row.created_at,
  }
}

export function toMaterialEvent(row: MaterialEventRow): MaterialEvent {
  const e: MaterialEvent = {
    seq: Number(row.seq),
    materialId: row.material_id,
    action: row.action,
    by: row.by_user,
    at: row.at,
  }
  if (row.note !== null) e.note = row.note
  return e
}

/** A material filter's columns and values (unset values are left out of the WHERE). */
export const materialFilterColumns = (f: MaterialFilter) =>
  [
    ['year', f.year],
    ['unit_code', f.unitCode],
    ['standard_code', f.standardCode],
    ['status', f.status],
  ] as const

/** A handover filter's columns and values. */
export const handoverFilterColumns = (f: { year?: number; unitCode?: string }) =>
  [
    ['year', f.year],
    ['unit_code', f.unitCode],
  ] as const

/** Materials with their files (files in seq order, any material's). */
export function toMaterials(
  rows: readonly MaterialRow[],
  files: readonly MaterialFileRow[],
): Material[] {
  const byMaterial = new Map<string, MaterialFileRow[]>()
  for (const f of files) {
    const list = byMaterial.get(f.material_id)
    if (list) list.push(f)
    else byMaterial.set(f.material_id, [f])
  }
  return rows.map((r) => toMaterial(r, byMaterial.get(r.id) ?? []))
}

/** The values of a material_files row, in `materialFileColumns` order. */
export const materialFileColumns =
  'id, material_id, kind, content_type, bytes, sha256, file_name, title, uploaded_by, created_at'
export const materialFileValues = (file: MaterialFile): unknown[] => [
  file.id,
  file.materialId,
  file.kind,
  file.contentType,
  file.bytes,
  file.sha256,
  file.fileName,
  file.title,
  file.uploadedBy,
  file.createdAt,
]

/** The values of a new material_handovers row (after seq and id), in `handoverColumns` order. */
export const handoverColumns =
  'year, unit_code, material_ids, signed_by_name, signed_by_title, signed_on, handed_over_by, created_at'
export const handoverValues = (h: NewHandover): unknown[] => [
  h.year,
  h.unitCode,
  JSON.stringify(h.materialIds),
  h.signedByName,
  h.signedByTitle,
  h.signedOn,
  h.handedOverBy,
  h.createdAt,
]

/** The values of a new survey_rounds row (after seq and id), in `surveyColumns` order. */
export const surveyColumns = 'name, conducted_on, source, cells, created_by, created_at'
export const surveyValues = (round: NewSurveyRound, by: string, at: string): unknown[] => [
  round.name,
  round.conductedOn,
  round.source,
  JSON.stringify(round.cells),
  by,
  at,
]
