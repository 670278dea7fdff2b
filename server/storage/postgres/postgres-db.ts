// What the parts of the PostGIS store share: the connection pool, typed queries with $n parameters,
// and write transactions that take the ledger lock when they append events and NOTIFY once at commit.
import type { Sql, TransactionSql } from 'postgres'
import type { ColumnMap } from '../column-map.ts'
import { seqId } from '../seq-id.ts'

/** The pool or one transaction's connection. */
export type Queryable = Sql | TransactionSql

/** The channel every write transaction NOTIFYs once, with the newest event seq as payload. */
export const changesChannel = 'store_changes'

// advisory lock keys (any fixed bigints); held to the end of the transaction that takes them
const ledgerLock = 1_402_000_002 // appending issue events: seq order is then commit order
const featureIdsLock = 1_402_000_003 // generating `<prefix><n>` feature ids

/** One write transaction. */
export class Write {
  readonly tx: TransactionSql
  /** The newest issue event seq this transaction inserted (0: none): the NOTIFY payload. */
  lastSeq = 0
  private ledgerLocked = false
  private idsLocked = false

  constructor(tx: TransactionSql) {
    this.tx = tx
  }

  /**
   * Serialises event appends: a seq drawn under this lock commits before any larger one, so a reader
   * that has seen seq N never later finds a new event below N. Take it as late as possible.
   */
  async lockLedger(): Promise<void> {
    if (this.ledgerLocked) return
    await this.tx`SELECT pg_advisory_xact_lock(${ledgerLock})`
    this.ledgerLocked = true
  }

  async lockFeatureIds(): Promise<void> {
    if (this.idsLocked) return
    await this.tx`SELECT pg_advisory_xact_lock(${featureIdsLock})`
    this.idsLocked = true
  }
}

/** Runs `fn` in one transaction; NOTIFYs at its commit unless `quiet` (sessions, rate limits). */
export type WriteTransaction = <T>(fn: (w: Write) => Promise<T>, quiet?: boolean) => Promise<T>

/** Rows of a query with $1…$n parameters. */
export async function query<T>(db: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  return (await db.unsafe(text, params as never[], { prepare: true })) as unknown as T[]
}

/** The first row, or undefined. */
export async function queryOne<T>(
  db: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  return (await query<T>(db, text, params))[0]
}

/** The row of `table` with this id, as `from` maps it; undefined when there is none. */
export async function rowById<T>(
  db: Queryable,
  table: string,
  id: string,
  from: (row: never) => T,
): Promise<T | undefined> {
  const row = await queryOne(db, `SELECT * FROM ${table} WHERE id = $1`, [id])
  return row === undefined ? undefined : from(row as never)
}

/** A jsonb column as the driver parses it (jsonb parameters are sent as text: `$n::text::jsonb`). */
export function fromJson<T>(value: unknown): T {
  return value as T
}

/** Whether a driver error is a unique violation, optionally of one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: unknown; constraint_name?: unknown } | null
  return e?.code === '23505' && (constraint === undefined || e.constraint_name === constraint)
}

/** Appends `value` to `params` and returns its placeholder. */
export function param(params: unknown[], value: unknown): string {
  params.push(value)
  return `$${params.length}`
}

/** The next value of a table's `seq` identity, taken before the insert so the id can be made from it. */
export async function nextSeq(db: Queryable, table: string): Promise<number> {
  const row = await queryOne<{ seq: number | string }>(
    db,
    'SELECT nextval(pg_get_serial_sequence($1, $2)) AS seq',
    [table, 'seq'],
  )
  return Number(row?.seq)
}

/**
 * Inserts `value` as a new row of `table`, its id made from the seq drawn first (`seqId(prefix, seq)`),
 * and returns the row; JSON values are sent as text and cast to jsonb.
 */
export async function insertNumbered<T, R>(
  tx: Queryable,
  table: string,
  prefix: string,
  map: ColumnMap<T>,
  value: T,
): Promise<R> {
  const seq = await nextSeq(tx, table)
  const placeholders = map.json.map((json, i) => `$${i + 3}${json ? '::text::jsonb' : ''}`)
  const row = await queryOne<R>(
    tx,
    `INSERT INTO ${table} (seq, id, ${map.columns}) VALUES ($1, $2, ${placeholders.join(', ')}) RETURNING *`,
    [seq, seqId(prefix, seq), ...map.values(value)],
  )
  return row as R
}
