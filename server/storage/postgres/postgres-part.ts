// What every PostGIS sub-store (accounts, plans, 督查, …) shares: the pool it reads from and the
// store's write transaction (one NOTIFY at commit; see postgres-store.ts).
import type { Queryable, WriteTransaction } from './postgres-db.ts'

export abstract class PostgresPart {
  protected readonly db: Queryable
  protected readonly write: WriteTransaction

  constructor(db: Queryable, write: WriteTransaction) {
    this.db = db
    this.write = write
  }
}
