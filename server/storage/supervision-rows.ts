// The rounds and supervision_documents rows and their mapping, shared by the SQLite and PostGIS
// stores (JSON columns arrive as text from SQLite and parsed from PostGIS), and the values both write.
import type { NewRound, Round } from '../domain/supervision.ts'
import { jsonColumn } from './json-column.ts'
import {
  type DocumentKind,
  DocumentNumberTaken,
  type DocumentRecord,
  type IssuedFiles,
  type NewDocument,
} from './supervision-store.ts'

export interface RoundRow {
  id: string
  kind: Round['kind']
  number: number
  name: string
  starts_on: string
  ends_on: string
  teams: unknown
  targets: unknown
  created_by: string
  created_at: string
  updated_at: string
}

export interface DocumentRow {
  id: string
  kind: DocumentKind
  status: 'draft' | 'issued'
  year: number | null
  number: number | null
  unit_code: string | null
  round_id: string | null
  content: unknown
  created_by: string
  created_at: string
  updated_at: string
  issued_by: string | null
  issued_at: string | null
  received_by: string | null
  received_at: string | null
}

export const documentColumns =
  'id, kind, status, year, number, unit_code, round_id, content, created_by, created_at, updated_at, issued_by, issued_at, received_by, received_at'

export function toRound(row: RoundRow): Round {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    teams: jsonColumn<Round['teams']>(row.teams),
    targets: jsonColumn<Round['targets']>(row.targets),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toDocument(row: DocumentRow): DocumentRecord {
  const doc: DocumentRecord = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    content: jsonColumn<unknown>(row.content),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
  if (row.year !== null) doc.year = row.year
  if (row.number !== null) doc.number = row.number
  if (row.unit_code !== null) doc.unitCode = row.unit_code
  if (row.round_id !== null) doc.roundId = row.round_id
  if (row.issued_by !== null) doc.issuedBy = row.issued_by
  if (row.issued_at !== null) doc.issuedAt = row.issued_at
  if (row.received_by !== null) doc.receivedBy = row.received_by
  if (row.received_at !== null) doc.receivedAt = row.received_at
  return doc
}

/** A round's own columns, in the order of `roundValues`. */
export const roundColumns = 'kind, number, name, starts_on, ends_on, teams, targets'
export const roundValues = (r: Omit<NewRound, 'createdBy'>): unknown[] => [
  r.kind,
  r.number,
  r.name,
  r.startsOn,
  r.endsOn,
  JSON.stringify(r.teams),
  JSON.stringify(r.targets),
]

/** A document filter's columns and values (an empty kind or unit filters nothing). */
export const documentFilterColumns = (f: { kind?: DocumentKind; unitCode?: string }) =>
  [
    ['kind', f.kind || undefined],
    ['unit_code', f.unitCode || undefined],
  ] as const

/** A new draft's values: kind, unit_code, round_id, content, created_by, created_at. */
export const draftValues = (doc: NewDocument): unknown[] => [
  doc.kind,
  doc.unitCode ?? null,
  doc.roundId ?? null,
  JSON.stringify(doc.content),
  doc.createdBy,
  doc.createdAt,
]

/** An issued document's values: year, number, content, docx, pdf, issued_by, issued_at. */
export const issuedValues = (files: IssuedFiles): unknown[] => [
  files.year,
  files.number,
  JSON.stringify(files.content),
  Buffer.from(files.docx),
  Buffer.from(files.pdf),
  files.issuedBy,
  files.issuedAt,
]

export const numberTaken = (files: IssuedFiles): DocumentNumberTaken =>
  new DocumentNumberTaken(`${files.year} 年第 ${files.number} 号已被占用`)
