// The stored issue snapshot on SQLite (issue-snapshot-store.ts): a header row and one BLOB per part.
import { setImmediate as nextTurn } from 'node:timers/promises'
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
    // part by part with a turn of the event loop between (5M issues: 375 MB, seconds in one
    // statement); a save by another process meanwhile changes the header, and the read starts over
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = this.head()
      if (!head || head.schema_version !== this.schemaVersion) return undefined
      const parts: Buffer[] = []
      const read = this.prepare('SELECT bytes FROM issue_snapshot_parts WHERE part = ?').pluck()
      for (let part = 0; part < head.parts; part++) {
        await nextTurn()
        const bytes = read.get(part) as Buffer | undefined
        if (!bytes) break
        parts.push(bytes)
      }
      const after = this.head()
      if (
        parts.length === head.parts &&
        after?.seq === head.seq &&
        after.saved_at === head.saved_at
      ) {
        return { seq: head.seq, firstSeq: head.first_seq ?? undefined, parts }
      }
    }
    return this.readAtOnce() // saves keep coming: one statement, one transaction
  }

  private head() {
    return this.prepare(
      `SELECT seq, first_seq, schema_version, saved_at,
              (SELECT count(*) FROM issue_snapshot_parts) AS parts
         FROM issue_snapshot`,
    ).get() as (IssueSnapshotRow & { saved_at: string; parts: number }) | undefined
  }

  private readAtOnce(): IssueSnapshot | undefined {
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
