// The rounds and supervision_documents rows and their mapping, shared by the SQLite and PostGIS
// stores (JSON columns arrive as text from SQLite and parsed from PostGIS), and the values both write.
import type { Round } from '../domain/supervision.ts'
import { columnMap } from './column-map.ts'
import {
  type DocumentKind,
  DocumentNumberTaken,
  type DocumentRecord,
  type IssuedFiles,
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

const roundMap = columnMap<Round>()(
  'id, kind, number, name, starts_on, ends_on, teams:json, targets:json, created_by, created_at, updated_at',
)
const documentMap = columnMap<DocumentRecord>()(
  'id, kind, status, content:json, created_by, created_at, updated_at, year?, number?, unit_code?, round_id?, issued_by?, issued_at?, received_by?, received_at?',
)
const roundOwnMap = roundMap.omit('id', 'createdBy', 'createdAt', 'updatedAt')
/** A new round's columns (after seq and id). */
export const newRounds = roundMap.omit('id')
/** A new draft's columns (after seq and id). */
export const newDrafts = documentMap.omit(
  ...(['id', 'year', 'number', 'issuedBy', 'issuedAt', 'receivedBy', 'receivedAt'] as const),
)

/** The columns a document is read from (all but the docx and pdf files). */
export const documentColumns = documentMap.columns

export const toRound = (row: RoundRow): Round => roundMap.fromRow(row)
export const toDocument = (row: DocumentRow): DocumentRecord => documentMap.fromRow(row)

/** A round's own columns, in the order of `roundValues`. */
export const roundColumns = roundOwnMap.columns
export const roundValues = roundOwnMap.values

/** A document filter's columns and values (an empty kind or unit filters nothing). */
export const documentFilterColumns = (f: { kind?: DocumentKind; unitCode?: string }) =>
  [
    ['kind', f.kind || undefined],
    ['unit_code', f.unitCode || undefined],
  ] as const

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
