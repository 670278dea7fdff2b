// The ledger on SQLite. An issue's current state is its features row (JSON, indexed columns,
// version); every write runs applyEvent on the stored state and saves the event and the result in one
// transaction, with the version compared inside it (optimistic concurrency: one winner).
import type { CollectionDef } from '../../collections.ts'
import { findCollection } from '../../collections.ts'
import { place } from '../../config/place.ts'
import type { IssueEvent, IssueState, NewIssueEvent } from '../../domain/issue.ts'
import { formatIssueNo } from '../../domain/issue-number.ts'
import type { Unit } from '../../domain/units.ts'
import { propertyColumns } from '../feature-columns.ts'
import {
  firstIssueEvent,
  importEvent,
  issueColumnFilters,
  issueNoRange,
  nextIssueEvent,
} from '../ledger-events.ts'
import {
  type AttachmentRow,
  attachmentColumns,
  attachmentValues,
  type EventRow,
  eventColumns,
  eventValues,
  toAttachment,
  toIssueEvent,
} from '../ledger-rows.ts'
import type {
  AttachmentRecord,
  FirstEvent,
  IssueListQuery,
  IssuePage,
  LedgerStore,
  UnitRecord,
} from '../ledger-store.ts'
import { DuplicateId, IssueNotFound } from '../store-errors.ts'
import { overdueSql } from './feature-sql.ts'
import {
  type FeatureTable,
  issuesCollectionId,
  type Prepare,
  toIssueFeature,
  toIssueState,
} from './feature-table.ts'
import { SqlitePart, type Transaction } from './sqlite-part.ts'

export const newIssueIds = { prefix: 'issue-', digits: 5 } // issue-02601 continues the demo's numbering

const sortColumns = { reportedAt: 't', deadlineAt: 'deadline_ms', updatedAt: 'updated_ms' } as const

export class SqliteLedger extends SqlitePart implements LedgerStore {
  private readonly table: FeatureTable
  private readonly syncCaches: () => void
  private readonly issuesDef: CollectionDef
  private unitRows: UnitRecord[] | undefined

  /** `syncCaches` drops the cached units when another process wrote since they were read. */
  constructor(
    prepare: Prepare,
    transaction: Transaction,
    table: FeatureTable,
    syncCaches: () => void,
  ) {
    super(prepare, transaction)
    this.table = table
    this.syncCaches = syncCaches
    const def = findCollection(issuesCollectionId)
    if (!def) throw new Error('the collection list has no issues collection')
    this.issuesDef = def
  }

  async issue(id: string): Promise<IssueState | undefined> {
    const row = this.issueRow(id)
    return row && toIssueState(row.json, row.version)
  }

  async listIssues(query: IssueListQuery): Promise<IssuePage> {
    const where = ['f.collection = ?']
    const params: unknown[] = [issuesCollectionId]
    for (const [property, value] of issueColumnFilters(query)) {
      if (value === undefined) continue
      where.push(`f.${propertyColumns[property]} = ?`)
      params.push(value)
    }
    if (query.gridCodes) {
      where.push(`f.${propertyColumns.gridCode} IN (SELECT value FROM json_each(?))`)
      params.push(JSON.stringify(query.gridCodes))
    }
    if (query.overdue !== undefined) {
      const overdue = overdueSql(query.overdue, query.now.getTime())
      where.push(overdue.sql)
      params.push(...overdue.params)
    }
    for (const [property, value] of [
      ['source', query.source],
      ['roundId', query.roundId],
    ] as const) {
      if (value === undefined) continue
      where.push(`json_extract(f.json, '$.properties.${property}') = ?`)
      params.push(value)
    }
    if (query.reportedFromMs !== undefined) {
      where.push('f.t >= ?')
      params.push(query.reportedFromMs)
    }
    if (query.reportedToMs !== undefined) {
      where.push('f.t < ?')
      params.push(query.reportedToMs)
    }
    if (query.text) {
      where.push(
        `(instr(f.id, ?) > 0 OR instr(json_extract(f.json, '$.properties.description'), ?) > 0
          OR instr(json_extract(f.json, '$.properties.issueNo'), ?) > 0)`,
      )
      params.push(query.text, query.text, query.text)
    }
    const from = `FROM features f WHERE ${where.join(' AND ')}`
    const total = this.prepare(`SELECT count(*) ${from}`)
      .pluck()
      .get(...params) as number
    const direction = query.sort.descending ? 'DESC' : 'ASC'
    const rows = this.prepare(
      `SELECT f.json, f.version ${from} ORDER BY f.${sortColumns[query.sort.key]} ${direction}, f.fid ${direction} LIMIT ? OFFSET ?`,
    ).all(...params, query.limit, query.offset) as { json: string; version: number | null }[]
    return { items: rows.map((r) => toIssueState(r.json, r.version)), total }
  }

  async issueEvents(id: string): Promise<IssueEvent[]> {
    const rows = this.prepare('SELECT * FROM issue_events WHERE issue_id = ? ORDER BY seq').all(
      id,
    ) as EventRow[]
    return rows.map(toIssueEvent)
  }

  async issueEventsAfter(afterSeq: number, limit: number): Promise<IssueEvent[]> {
    const rows = this.prepare('SELECT * FROM issue_events WHERE seq > ? ORDER BY seq LIMIT ?').all(
      afterSeq,
      limit,
    ) as EventRow[]
    return rows.map(toIssueEvent)
  }

  async latestIssueEvents(limit: number): Promise<IssueEvent[]> {
    const rows = this.prepare('SELECT * FROM issue_events ORDER BY seq DESC LIMIT ?').all(
      limit,
    ) as EventRow[]
    return rows.map(toIssueEvent)
  }

  async createIssues(
    events: readonly FirstEvent[],
  ): Promise<{ state: IssueState; event: IssueEvent }[]> {
    return this.transaction(() => this.insertIssues(events))
  }

  /** createIssues' body, for writers that already hold a transaction (inspections). */
  insertIssues(events: readonly FirstEvent[]): { state: IssueState; event: IssueEvent }[] {
    const summary = this.table.stats.summary(issuesCollectionId)
    const ordinal = summary.toRow().ordinal
    const created = events.map((first) => {
      const issueId = first.issueId ?? this.table.nextId(issuesCollectionId, newIssueIds)
      if (this.table.fidOf(issuesCollectionId, issueId) !== undefined) {
        throw new DuplicateId(issuesCollectionId, issueId)
      }
      const { event, state } = firstIssueEvent(first, issueId, this.nextIssueNo(first))
      const inserted = this.table.insert(this.issuesDef, issueId, toIssueFeature(state))
      if (inserted.gridBox) this.table.insertRtree(inserted.fid, inserted.gridBox, ordinal)
      summary.add(inserted.bbox, inserted.onGrid, inserted.t, inserted.properties)
      return { state, event: this.insertEvent(event) }
    })
    this.table.stats.save(summary.toRow())
    return created
  }

  async appendIssueEvent(
    event: NewIssueEvent,
    expectedVersion: number | undefined,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.transactIssue(event.issueId, expectedVersion, () => event)
  }

  async transactIssue(
    issueId: string,
    expectedVersion: number | undefined,
    decide: (current: IssueState) => NewIssueEvent,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.transaction(() => this.writeIssueEvent(issueId, expectedVersion, decide))
  }

  /** transactIssue's body, for writers that already hold a transaction (grid changes). */
  writeIssueEvent(
    issueId: string,
    expectedVersion: number | undefined,
    decide: (current: IssueState) => NewIssueEvent,
  ): { state: IssueState; event: IssueEvent } {
    const row = this.issueRow(issueId)
    if (!row) throw new IssueNotFound(issueId)
    const current = toIssueState(row.json, row.version)
    const { event, state } = nextIssueEvent(issueId, current, expectedVersion, decide)
    this.table.updateIssue(row.fid, state)
    this.table.stats.noteChangedProperties(
      issuesCollectionId,
      state.properties as unknown as Record<string, unknown>,
    )
    return { state, event: this.insertEvent(event) }
  }

  async addAttachment(a: AttachmentRecord): Promise<void> {
    this.prepare(
      `INSERT INTO attachments (${attachmentColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...attachmentValues(a))
  }

  async attachment(id: string): Promise<AttachmentRecord | undefined> {
    return this.rowById('attachments', id, toAttachment)
  }

  async issueAttachments(issueId: string): Promise<AttachmentRecord[]> {
    const rows = this.prepare(
      'SELECT * FROM attachments WHERE issue_id = ? ORDER BY created_at, rowid',
    ).all(issueId) as AttachmentRow[]
    return rows.map(toAttachment)
  }

  async units(): Promise<UnitRecord[]> {
    this.syncCaches()
    // every 交办 checks the unit: keep the few dozen rows; seedUnits is the only writer
    this.unitRows ??= (
      this.prepare(
        'SELECT code, name, kind, active FROM units ORDER BY ordinal, code',
      ).all() as (Omit<UnitRecord, 'active'> & { active: number })[]
    ).map((r) => ({ ...r, active: r.active === 1 }))
    return this.unitRows.map((u) => ({ ...u }))
  }

  /** Drops the cached unit rows (another writer changed the units table). */
  forgetUnits(): void {
    this.unitRows = undefined
  }

  async seedUnits(units: readonly Unit[]): Promise<number> {
    this.unitRows = undefined
    return this.transaction(() => {
      let added = 0
      let ordinal = this.prepare('SELECT coalesce(max(ordinal), 0) FROM units')
        .pluck()
        .get() as number
      for (const unit of units) {
        const { changes } = this.prepare(
          'INSERT OR IGNORE INTO units (code, name, kind, active, ordinal) VALUES (?, ?, ?, 1, ?)',
        ).run(unit.code, unit.name, unit.kind, ordinal + 1)
        if (changes > 0) {
          added++
          ordinal++
        }
      }
      return added
    })
  }

  /** Writes one import event per issue of a freshly loaded issues collection. */
  recordImports(features: readonly { id: string; json: string }[], at: string): void {
    for (const { id, json } of features)
      this.insertEvent(importEvent(id, toIssueState(json, 1), at))
  }

  /**
   * The next 问题编号 of the place and the issue's year, counted in this transaction: a rolled-back
   * creation gives its number back, and the write lock keeps two processes from sharing one.
   */
  private nextIssueNo(first: FirstEvent): string {
    const { year, min, max } = issueNoRange(first)
    // the year's counter when it exists; the scan of the numbers already given only to start it
    // (as part of the INSERT it would run for every new issue: O(issues) each)
    const next = this.prepare(
      'UPDATE issue_numbers SET last = last + 1 WHERE county = ? AND year = ? RETURNING last',
    )
      .pluck()
      .get(place.code, year) as number | undefined
    if (next !== undefined) return formatIssueNo(year, next)
    const n = this.prepare(
      `INSERT INTO issue_numbers (county, year, last)
       VALUES (?, ?, 1 + coalesce((SELECT CAST(substr(max(json_extract(json, '$.properties.issueNo')), 6) AS INTEGER)
                                   FROM features WHERE collection = 'issues'
                                   AND json_extract(json, '$.properties.issueNo') BETWEEN ? AND ?), 0))
       ON CONFLICT (county, year) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
      .pluck()
      .get(place.code, year, min, max) as number
    return formatIssueNo(year, n)
  }

  private issueRow(id: string): { fid: number; json: string; version: number | null } | undefined {
    return this.prepare(
      'SELECT fid, json, version FROM features WHERE collection = ? AND id = ?',
    ).get(issuesCollectionId, id) as
      | { fid: number; json: string; version: number | null }
      | undefined
  }

  private insertEvent(event: NewIssueEvent): IssueEvent {
    const seq = this.prepare(
      `INSERT INTO issue_events (${eventColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
    )
      .pluck()
      .get(...eventValues(event)) as number
    return { seq, ...event }
  }
}
