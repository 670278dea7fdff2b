// The 问责 part of the Store (migrations: SQLite 019, PostGIS 014).
import type {
  AccountabilityDocument,
  AccountabilityFilter,
  AccountabilityRecord,
  NewAccountabilityRecord,
} from '../domain/accountability.ts'
import { jsonColumn } from './json-column.ts'

export interface AccountabilityStore {
  addAccountability(record: NewAccountabilityRecord): Promise<void>
  accountability(id: string): Promise<AccountabilityRecord | undefined>
  /** Newest decision first (then newest recorded). */
  accountabilityRecords(filter: AccountabilityFilter): Promise<AccountabilityRecord[]>
  /** Sets (or replaces) a record's document; answers false when there is no such record. */
  setAccountabilityDocument(id: string, document: AccountabilityDocument): Promise<boolean>
}

/** A row as both stores read it (JSON columns as text on SQLite, parsed on PostGIS). */
export interface AccountabilityRow {
  id: string
  target_kind: AccountabilityRecord['targetKind']
  target_code: string
  kind: AccountabilityRecord['kind']
  decided_on: string
  decided_by: string
  note: string
  issue_ids: unknown
  document: unknown
  recorded_by: string
  recorded_at: string
}

export function toAccountabilityRecord(row: AccountabilityRow): AccountabilityRecord {
  const document = jsonColumn(row.document) as AccountabilityDocument | null
  return {
    id: row.id,
    targetKind: row.target_kind,
    targetCode: row.target_code,
    kind: row.kind,
    decidedOn: row.decided_on,
    decidedBy: row.decided_by,
    note: row.note,
    issueIds: jsonColumn(row.issue_ids) as string[],
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    ...(document ? { document } : {}),
  }
}

/** The WHERE clause of a filter with `?` or `$n` placeholders, and its values. */
export function accountabilityWhere(
  filter: AccountabilityFilter,
  placeholder: (n: number) => string,
): { where: string; values: string[] } {
  const terms: string[] = []
  const values: string[] = []
  const add = (sql: string, value: string) => {
    values.push(value)
    terms.push(`${sql} ${placeholder(values.length)}`)
  }
  if (filter.targetCode) add('target_code =', filter.targetCode)
  if (filter.kind) add('kind =', filter.kind)
  if (filter.from) add('decided_on >=', filter.from)
  if (filter.to) add('decided_on <=', filter.to)
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', values }
}

/** The accountability_records columns a new record fills, in the order of `accountabilityValues`. */
export const accountabilityColumns =
  'id, target_kind, target_code, kind, decided_on, decided_by, note, issue_ids, recorded_by, recorded_at'
export const accountabilityValues = (r: NewAccountabilityRecord): unknown[] => [
  r.id,
  r.targetKind,
  r.targetCode,
  r.kind,
  r.decidedOn,
  r.decidedBy,
  r.note,
  JSON.stringify(r.issueIds),
  r.recordedBy,
  r.recordedAt,
]
