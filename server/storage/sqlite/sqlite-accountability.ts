// 问责 records on SQLite (migration 019).
import type {
  AccountabilityDocument,
  AccountabilityFilter,
  AccountabilityRecord,
  NewAccountabilityRecord,
} from '../../domain/accountability.ts'
import {
  type AccountabilityRow,
  type AccountabilityStore,
  accountabilityColumns,
  accountabilityValues,
  accountabilityWhere,
  toAccountabilityRecord,
} from '../accountability-store.ts'
import { SqlitePart } from './sqlite-part.ts'

export class SqliteAccountability extends SqlitePart implements AccountabilityStore {
  async addAccountability(r: NewAccountabilityRecord): Promise<void> {
    this.prepare(
      `INSERT INTO accountability_records (${accountabilityColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...accountabilityValues(r))
  }

  async accountability(id: string): Promise<AccountabilityRecord | undefined> {
    return this.rowById('accountability_records', id, toAccountabilityRecord)
  }

  async accountabilityRecords(filter: AccountabilityFilter): Promise<AccountabilityRecord[]> {
    const { where, values } = accountabilityWhere(filter, () => '?')
    const rows = this.prepare(
      `SELECT * FROM accountability_records ${where} ORDER BY decided_on DESC, recorded_at DESC, id`,
    ).all(...values) as AccountabilityRow[]
    return rows.map(toAccountabilityRecord)
  }

  async setAccountabilityDocument(id: string, document: AccountabilityDocument): Promise<boolean> {
    const { changes } = this.prepare(
      'UPDATE accountability_records SET document = ? WHERE id = ?',
    ).run(JSON.stringify(document), id)
    return changes === 1
  }
}
