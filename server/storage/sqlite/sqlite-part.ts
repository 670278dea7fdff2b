// What every SQLite sub-store (accounts, plans, 督查, …) shares: the store's cached statements and
// its write transaction (BEGIN IMMEDIATE, retried while busy; see sqlite-store.ts).
import type { ColumnMap } from '../column-map.ts'
import { seqId } from '../seq-id.ts'
import type { Prepare } from './feature-table.ts'

export type Transaction = <T>(fn: () => T) => T

export abstract class SqlitePart {
  protected readonly prepare: Prepare
  protected readonly transaction: Transaction

  constructor(prepare: Prepare, transaction: Transaction) {
    this.prepare = prepare
    this.transaction = transaction
  }

  /**
   * Inserts `value` as a new row of `table` (in a transaction) and returns the row read back: its id
   * is made from the seq SQLite assigns (`seqId(prefix, seq)`), so the row is inserted, then named.
   */
  protected insertNumbered<T, R>(table: string, prefix: string, map: ColumnMap<T>, value: T): R {
    const values = map.values(value)
    const seq = this.prepare(
      `INSERT INTO ${table} (id, ${map.columns}) VALUES ('', ${values.map(() => '?').join(', ')})`,
    ).run(...values).lastInsertRowid
    this.prepare(`UPDATE ${table} SET id = ? WHERE seq = ?`).run(seqId(prefix, seq), seq)
    return this.prepare(`SELECT * FROM ${table} WHERE seq = ?`).get(seq) as R
  }

  /** The row of `table` with this id, as `from` maps it; undefined when there is none. */
  protected rowById<T>(table: string, id: string, from: (row: never) => T): T | undefined {
    const row = this.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id)
    return row === undefined ? undefined : from(row as never)
  }
}
