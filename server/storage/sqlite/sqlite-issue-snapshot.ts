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
    // statement); a save switching the header meanwhile deletes these parts, and the read starts over
    for (let attempt = 0; attempt < 3; attempt++) {
      const head = this.head()
      if (!head || head.schema_version !== this.schemaVersion) return undefined
      const parts: Buffer[] = []
      const read = this.prepare('SELECT bytes FROM issue_snapshot_parts WHERE part = ?').pluck()
      for (let part = head.first_part; part < head.first_part + head.part_count; part++) {
        await nextTurn()
        const bytes = read.get(part) as Buffer | undefined
        if (!bytes) break
        parts.push(bytes)
      }
      const after = this.head()
      if (parts.length === head.part_count && after?.first_part === head.first_part) {
        return { seq: head.seq, firstSeq: head.first_seq ?? undefined, parts }
      }
    }
    return undefined // saves keep coming: the caller builds from the issues instead
  }

  async saveIssueSnapshot(snapshot: IssueSnapshot): Promise<boolean> {
    // the last part, written first, reserves the range after every part stored (this process's or
    // another's): a save starting meanwhile numbers its parts after it
    const count = snapshot.parts.length
    const first = this.transaction(() => {
      if (!supersedes(snapshot, this.head(), this.schemaVersion)) return undefined
      const next = this.prepare('SELECT coalesce(max(part) + 1, 0) FROM issue_snapshot_parts')
        .pluck()
        .get() as number
      this.insertPart(next + count - 1, snapshot.parts[count - 1])
      return next
    })
    if (first === undefined) return false
    for (let i = 0; i < count - 1; i++) {
      await nextTurn() // one part per transaction: the rest of the server goes on meanwhile
      this.transaction(() => this.insertPart(first + i, snapshot.parts[i]))
    }
    const last = first + count
    return this.transaction(() => {
      const saved = supersedes(snapshot, this.head(), this.schemaVersion)
      // the parts in force after this: ours, or those of a newer one stored meanwhile
      const keep = saved ? { from: first, to: last } : this.range()
      this.prepare('DELETE FROM issue_snapshot_parts WHERE part < ? OR part >= ?').run(
        keep.from,
        keep.to,
      )
      if (saved) {
        this.prepare(
          `INSERT OR REPLACE INTO issue_snapshot
             (id, seq, first_seq, schema_version, saved_at, first_part, part_count)
           VALUES (1, ?, ?, ?, ?, ?, ?)`,
        ).run(
          snapshot.seq,
          snapshot.firstSeq ?? null,
          this.schemaVersion,
          new Date().toISOString(),
          first,
          snapshot.parts.length,
        )
      }
      return saved
    })
  }

  private insertPart(part: number, bytes: Uint8Array | undefined): void {
    if (!bytes) return
    this.prepare('INSERT INTO issue_snapshot_parts (part, bytes) VALUES (?, ?)').run(
      part,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    )
  }

  private head() {
    return this.prepare(
      'SELECT seq, first_seq, schema_version, first_part, part_count FROM issue_snapshot',
    ).get() as (IssueSnapshotRow & { first_part: number; part_count: number }) | undefined
  }

  /** The part numbers in force: none while no snapshot is stored. */
  private range(): { from: number; to: number } {
    const head = this.head()
    return head
      ? { from: head.first_part, to: head.first_part + head.part_count }
      : { from: 0, to: 0 }
  }

  /** Loading the issues layer: the snapshot describes issues that are gone (inside its transaction). */
  forget(): void {
    this.prepare('DELETE FROM issue_snapshot_parts').run()
    this.prepare('DELETE FROM issue_snapshot').run()
  }
}
