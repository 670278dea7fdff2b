// The stored issue snapshot on PostGIS (issue-snapshot-store.ts): a header row and one bytea per part.
import type { Sql } from 'postgres'
import {
  type IssueSnapshot,
  type IssueSnapshotRow,
  type IssueSnapshotStore,
  supersedes,
} from '../issue-snapshot-store.ts'
import { type Queryable, query, queryOne, type WriteTransaction } from './postgres-db.ts'

export class PostgresIssueSnapshot implements IssueSnapshotStore {
  private readonly sql: Sql
  private readonly write: WriteTransaction
  private readonly schemaVersion: number

  constructor(sql: Sql, write: WriteTransaction, schemaVersion: number) {
    this.sql = sql
    this.write = write
    this.schemaVersion = schemaVersion
  }

  async issueSnapshot(): Promise<IssueSnapshot | undefined> {
    // one statement sees one snapshot of the tables: a save cannot land in between
    const rows = await query<IssueSnapshotRow & { bytes: Buffer }>(
      this.sql,
      `SELECT h.seq, h.first_seq, h.schema_version, p.bytes
         FROM issue_snapshot h CROSS JOIN issue_snapshot_parts p ORDER BY p.part`,
    )
    const [row] = rows
    if (!row || row.schema_version !== this.schemaVersion) return undefined
    return { seq: row.seq, firstSeq: row.first_seq ?? undefined, parts: rows.map((r) => r.bytes) }
  }

  async saveIssueSnapshot(snapshot: IssueSnapshot): Promise<boolean> {
    // quiet: it changes no data, so no process needs waking
    return this.write(async ({ tx }) => {
      // EXCLUSIVE blocks other saves (and loads) until commit, never readers
      await query(tx, 'LOCK TABLE issue_snapshot IN EXCLUSIVE MODE')
      const stored = await queryOne<IssueSnapshotRow>(
        tx,
        'SELECT seq, first_seq, schema_version FROM issue_snapshot',
      )
      if (!supersedes(snapshot, stored, this.schemaVersion)) return false
      await query(tx, 'DELETE FROM issue_snapshot_parts')
      for (const [part, bytes] of snapshot.parts.entries()) {
        const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        await query(tx, 'INSERT INTO issue_snapshot_parts (part, bytes) VALUES ($1, $2)', [
          part,
          buffer,
        ])
      }
      await query(
        tx,
        `INSERT INTO issue_snapshot (id, seq, first_seq, schema_version, saved_at)
         VALUES (1, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, first_seq = excluded.first_seq,
           schema_version = excluded.schema_version, saved_at = excluded.saved_at`,
        [snapshot.seq, snapshot.firstSeq ?? null, this.schemaVersion, new Date().toISOString()],
      )
      return true
    }, true)
  }
}

/** Loading the issues layer: the snapshot describes issues that are gone (inside its transaction). */
export async function forgetIssueSnapshot(tx: Queryable): Promise<void> {
  await query(tx, 'DELETE FROM issue_snapshot_parts')
  await query(tx, 'DELETE FROM issue_snapshot')
}
