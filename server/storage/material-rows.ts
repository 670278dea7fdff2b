// Row shapes of the materials tables and their mapping to domain objects, shared by the SQLite and
// PostGIS stores (JSON columns arrive as text from SQLite and parsed from PostGIS; bigints as strings).
import type { Material, MaterialFile, MaterialStatus } from '../domain/material.ts'
import type { SurveyRound } from '../domain/survey.ts'
import { columnMap } from './column-map.ts'
import type { Handover, MaterialEvent, MaterialFilter } from './material-store.ts'

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

const materialMap = columnMap<Material>()(
  'id, year:number, standard_code, unit_code, status, report:json, created_at, updated_at, submitted_by?, submitted_at?, reviewed_by?, reviewed_at?, return_reason?',
)
const fileMap = columnMap<MaterialFile>()(
  'id, material_id, kind, content_type, bytes:number, sha256, file_name, title, uploaded_by, created_at',
)
const handoverMap = columnMap<Handover>()(
  'id, year:number, unit_code, material_ids:json, signed_by_name, signed_by_title, signed_on, handed_over_by, created_at, received_by?, received_at?',
)
const surveyMap = columnMap<SurveyRound>()(
  'id, name, conducted_on, source, cells:json, created_by, created_at',
)
const eventMap = columnMap<MaterialEvent>()(
  'seq:number, material_id, action, by_user as by, at, note?',
)
/** A new handover's columns (after seq and id). */
export const newHandovers = handoverMap.omit('id', 'receivedBy', 'receivedAt')
/** A new survey round's columns (after seq and id). */
export const newSurveyRounds = surveyMap.omit('id')

export function toMaterial(row: MaterialRow, files: readonly MaterialFileRow[]): Material {
  return { ...materialMap.fromRow(row), files: files.map(toMaterialFile) }
}

export const toMaterialFile = (row: MaterialFileRow): MaterialFile => fileMap.fromRow(row)
export const toHandover = (row: HandoverRow): Handover => handoverMap.fromRow(row)
export const toSurveyRound = (row: SurveyRow): SurveyRound => surveyMap.fromRow(row)
export const toMaterialEvent = (row: MaterialEventRow): MaterialEvent => eventMap.fromRow(row)

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

/** The material_files columns, in the order of `materialFileValues`. */
export const materialFileColumns = fileMap.columns
export const materialFileValues = fileMap.values
