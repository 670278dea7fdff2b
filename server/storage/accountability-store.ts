// The 问责 part of the Store (migrations: SQLite 019, PostGIS 014).
import type {
  AccountabilityDocument,
  AccountabilityFilter,
  AccountabilityRecord,
  NewAccountabilityRecord,
} from '../domain/accountability.ts'
import { columnMap, type RowOf } from './column-map.ts'

export interface AccountabilityStore {
  addAccountability(record: NewAccountabilityRecord): Promise<void>
  accountability(id: string): Promise<AccountabilityRecord | undefined>
  /** Newest decision first (then newest recorded). */
  accountabilityRecords(filter: AccountabilityFilter): Promise<AccountabilityRecord[]>
  /** Sets (or replaces) a record's document; answers false when there is no such record. */
  setAccountabilityDocument(id: string, document: AccountabilityDocument): Promise<boolean>
}

const recordMap = columnMap<AccountabilityRecord>()(
  'id, target_kind, target_code, kind, decided_on, decided_by, note, issue_ids:json, recorded_by, recorded_at, document:json?',
)
/** A row as both stores read it. */
export type AccountabilityRow = RowOf<typeof recordMap>
const newRecordMap = recordMap.omit('document')

export const toAccountabilityRecord = (row: AccountabilityRow): AccountabilityRecord =>
  recordMap.fromRow(row)

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
export const accountabilityColumns = newRecordMap.columns
export const accountabilityValues = newRecordMap.values
