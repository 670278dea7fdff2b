// The stored copy of the wall's issue snapshot (issue-columns-codec.ts), so a restart reads it and
// replays the events after it instead of parsing every issue. It is a cache: loading the issues layer
// deletes it, a store under another schema (a migration since) ignores it, and the newest one wins.

export interface IssueSnapshot {
  /** Seq of the last issue event the snapshot includes; 0 before any. */
  seq: number
  /** Seq of the ledger's first event when it was taken (undefined: none): it names the layer. */
  firstSeq: number | undefined
  parts: Uint8Array[]
}

export interface IssueSnapshotStore {
  /** The stored snapshot, or undefined when none was stored under this schema. */
  issueSnapshot(): Promise<IssueSnapshot | undefined>
  /**
   * Stores the snapshot in one transaction unless a newer one is there (a later layer, or the same
   * layer at a higher seq); true when stored.
   */
  saveIssueSnapshot(snapshot: IssueSnapshot): Promise<boolean>
}

/** The header row both stores keep (table issue_snapshot). */
export interface IssueSnapshotRow {
  seq: number
  first_seq: number | null
  schema_version: number
}

/**
 * Whether `next` may replace the stored one under `schemaVersion`: any written under another
 * schema, else a later layer (its first event is later; none counts as the earliest) or the same
 * layer at a seq as high (so a server whose columns changed replaces what it could not read).
 */
export function supersedes(
  next: Pick<IssueSnapshot, 'seq' | 'firstSeq'>,
  stored: IssueSnapshotRow | undefined,
  schemaVersion: number,
): boolean {
  if (!stored || stored.schema_version !== schemaVersion) return true
  const [nextLayer, storedLayer] = [next.firstSeq ?? 0, stored.first_seq ?? 0]
  return nextLayer !== storedLayer ? nextLayer > storedLayer : next.seq >= stored.seq
}
