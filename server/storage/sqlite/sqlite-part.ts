// What every SQLite sub-store (accounts, plans, 督查, …) shares: the store's cached statements and
// its write transaction (BEGIN IMMEDIATE, retried while busy; see sqlite-store.ts).
import type { Prepare } from './feature-table.ts'

export type Transaction = <T>(fn: () => T) => T

export abstract class SqlitePart {
  protected readonly prepare: Prepare
  protected readonly transaction: Transaction

  constructor(prepare: Prepare, transaction: Transaction) {
    this.prepare = prepare
    this.transaction = transaction
  }
}
