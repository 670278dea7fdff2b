// 问责 records on PostGIS (migration 014).
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
import { query, rowById } from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresAccountability extends PostgresPart implements AccountabilityStore {
  async addAccountability(r: NewAccountabilityRecord): Promise<void> {
    await this.write(async (w) => {
      await query(
        w.tx,
        `INSERT INTO accountability_records (${accountabilityColumns})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10)`,
        accountabilityValues(r),
      )
    }, true)
  }

  async accountability(id: string): Promise<AccountabilityRecord | undefined> {
    return rowById(this.db, 'accountability_records', id, toAccountabilityRecord)
  }

  async accountabilityRecords(filter: AccountabilityFilter): Promise<AccountabilityRecord[]> {
    const { where, values } = accountabilityWhere(filter, (n) => `$${n}`)
    const rows = await query<AccountabilityRow>(
      this.db,
      `SELECT * FROM accountability_records ${where} ORDER BY decided_on DESC, recorded_at DESC, id`,
      values,
    )
    return rows.map(toAccountabilityRecord)
  }

  async setAccountabilityDocument(id: string, document: AccountabilityDocument): Promise<boolean> {
    return this.write(async (w) => {
      const rows = await query(
        w.tx,
        'UPDATE accountability_records SET document = $1::text::jsonb WHERE id = $2 RETURNING id',
        [JSON.stringify(document), id],
      )
      return rows.length === 1
    }, true)
  }
}
