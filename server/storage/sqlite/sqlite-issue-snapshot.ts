// The stored issue snapshot on SQLite (issue-snapshot-store.ts): a header row and one BLOB per part.
import type { Statement } from 'better-sqlite3'
import {
  type IssueSnapshot,
  type IssueSnapshotRow,
  type IssueSnapshotStore,
  supersedes,
} from '../issue-snapshot-store.ts'

export class SqliteIssueSnapshot implements IssueSnapshotStore {
  private readonly prepare: (sql: string) => Statement
  private readonly transaction: <T>(fn: () => T) => T
  private readonly schemaVersion: number

  constructor(
    prepare: (sql: string) => Statement,
    transaction: <T>(fn: () => T) => T,
    schemaVersion: number,
  ) {
    this.prepare = prepare
    this.transaction = transaction
    this.schemaVersion = schemaVersion
  }

  async issueSnapshot(): Promise<IssueSnapshot | undefined> {
    // one statement reads in one transaction: a save by another process cannot land in between
    const rows = this.prepare(
      `SELECT h.seq, h.first_seq, h.schema_version, p.bytes
         FROM issue_snapshot h CROSS JOIN issue_snapshot_parts p ORDER BY p.part`,
    ).all() as (IssueSnapshotRow & { bytes: Buffer })[]
    const [row] = rows
    if (!row || row.schema_version !== this.schemaVersion) return undefined
    const parts = rows.map((r) => r.bytes)
    return { seq: row.seq, firstSeq: row.first_seq ?? undefined, parts }
  }

  async saveIssueSnapshot(snapshot: IssueSnapshot): Promise<boolean> {
    return this.transaction(() => {
      const stored = this.prepare('SELECT seq, first_seq, schema_version FROM issue_snapshot').get()
      if (!supersedes(snapshot, stored as IssueSnapshotRow | undefined, this.schemaVersion)) {
        return false
      }
      this.prepare('DELETE FROM issue_snapshot_parts').run()
      const insert = this.prepare('INSERT INTO issue_snapshot_parts (part, bytes) VALUES (?, ?)')
      for (const [part, bytes] of snapshot.parts.entries()) {
        insert.run(part, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      }
      this.prepare(
        `INSERT OR REPLACE INTO issue_snapshot (id, seq, first_seq, schema_version, saved_at)
         VALUES (1, ?, ?, ?, ?)`,
      ).run(snapshot.seq, snapshot.firstSeq ?? null, this.schemaVersion, new Date().toISOString())
      return true
    })
  }

  /** Loading the issues layer: the snapshot describes issues that are gone (inside its transaction). */
  forget(): void {
    this.prepare('DELETE FROM issue_snapshot_parts').run()
    this.prepare('DELETE FROM issue_snapshot').run()
  }
}
