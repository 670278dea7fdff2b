// The ledger on PostGIS. An issue's current state is its features row; every write locks that row
// (SELECT … FOR UPDATE), compares the version, runs applyEvent and stores the event and the result
// in one transaction (optimistic concurrency: one winner). Events are appended under the ledger lock.
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
import { toIssueFeature, toIssueState } from '../sqlite/feature-table.ts'
import { DuplicateId, IssueNotFound } from '../store-errors.ts'
import { param, type Queryable, query, queryOne, rowById, type Write } from './postgres-db.ts'
import {
  featureExists,
  insertFeatureRows,
  issuesCollectionId,
  jsonProperty,
  lockedSummary,
  nextFeatureId,
  noteChangedProperties,
  overdueSql,
  saveStats,
  toFeatureRow,
  updateIssueRow,
} from './postgres-features.ts'
import { PostgresPart } from './postgres-part.ts'

export const newIssueIds = { prefix: 'issue-', digits: 5 } // issue-02601 continues the demo's numbering

const sortColumns = { reportedAt: 't', deadlineAt: 'deadline_ms', updatedAt: 'updated_ms' } as const

const issuesDef = (() => {
  const def = findCollection(issuesCollectionId)
  if (!def) throw new Error('the collection list has no issues collection')
  return def
})()

export async function readIssue(db: Queryable, id: string): Promise<IssueState | undefined> {
  const row = await queryOne<{ json: string; version: number | null }>(
    db,
    'SELECT json, version FROM features WHERE collection = $1 AND id = $2',
    [issuesCollectionId, id],
  )
  return row && toIssueState(row.json, row.version)
}

export async function listIssues(db: Queryable, q: IssueListQuery): Promise<IssuePage> {
  const params: unknown[] = []
  const where = [`f.collection = ${param(params, issuesCollectionId)}`]
  for (const [property, value] of issueColumnFilters(q)) {
    if (value !== undefined) where.push(`f.${propertyColumns[property]} = ${param(params, value)}`)
  }
  if (q.gridCodes) {
    where.push(`f.${propertyColumns.gridCode} = ANY(${param(params, [...q.gridCodes])}::text[])`)
  }
  if (q.overdue !== undefined) where.push(overdueSql(q.overdue, q.now.getTime(), params))
  for (const [property, value] of [
    ['source', q.source],
    ['roundId', q.roundId],
  ] as const) {
    if (value !== undefined)
      where.push(`${jsonProperty(property, params)} = ${param(params, value)}`)
  }
  if (q.reportedFromMs !== undefined) where.push(`f.t >= ${param(params, q.reportedFromMs)}`)
  if (q.reportedToMs !== undefined) where.push(`f.t < ${param(params, q.reportedToMs)}`)
  if (q.text) {
    const text = param(params, q.text)
    where.push(
      `(strpos(f.id, ${text}) > 0 OR strpos(f.json::jsonb #>> '{properties,description}', ${text}) > 0
        OR strpos(f.json::jsonb #>> '{properties,issueNo}', ${text}) > 0)`,
    )
  }
  const from = `FROM features f WHERE ${where.join(' AND ')}`
  const total = (await queryOne<{ n: number }>(db, `SELECT count(*) AS n ${from}`, params))?.n ?? 0
  // NULLs sort as SQLite sorts them: first ascending, last descending
  const direction = q.sort.descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'
  const rows = await query<{ json: string; version: number | null }>(
    db,
    `SELECT f.json, f.version ${from} ORDER BY f.${sortColumns[q.sort.key]} ${direction}, f.fid ${q.sort.descending ? 'DESC' : 'ASC'}
     LIMIT ${param(params, q.limit)} OFFSET ${param(params, q.offset)}`,
    params,
  )
  return { items: rows.map((r) => toIssueState(r.json, r.version)), total }
}

/** issue_events rows, as events: `rest` is what follows the FROM (WHERE, ORDER BY, LIMIT). */
async function events(db: Queryable, rest: string, params: unknown[]): Promise<IssueEvent[]> {
  return (await query<EventRow>(db, `SELECT * FROM issue_events ${rest}`, params)).map(toIssueEvent)
}

export function issueEvents(db: Queryable, id: string): Promise<IssueEvent[]> {
  return events(db, 'WHERE issue_id = $1 ORDER BY seq', [id])
}

export function issueEventsAfter(db: Queryable, afterSeq: number, limit: number) {
  return events(db, 'WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit])
}

export function latestIssueEvents(db: Queryable, limit: number): Promise<IssueEvent[]> {
  return events(db, 'ORDER BY seq DESC LIMIT $1', [limit])
}

export async function createIssues(
  w: Write,
  events: readonly FirstEvent[],
): Promise<{ state: IssueState; event: IssueEvent }[]> {
  await w.lockLedger() // first: the new rows and their events go in under one lock
  const summary = await lockedSummary(w.tx, issuesCollectionId)
  const created: { state: IssueState; event: IssueEvent }[] = []
  for (const first of events) {
    const issueId = first.issueId ?? (await nextFeatureId(w, issuesCollectionId, newIssueIds))
    if (await featureExists(w.tx, issuesCollectionId, issueId)) {
      throw new DuplicateId(issuesCollectionId, issueId)
    }
    const { event, state } = firstIssueEvent(first, issueId, await nextIssueNo(w, first))
    const row = toFeatureRow(issuesDef, issueId, toIssueFeature(state))
    await insertFeatureRows(w.tx, issuesCollectionId, [row])
    summary.add(row.bbox, true, row.t ?? undefined, row.properties)
    created.push({ state, event: await insertEvent(w, event) })
  }
  await saveStats(w.tx, summary.toRow())
  return created
}

/**
 * The next 问题编号 of the place and the issue's year, counted in this transaction: the upsert locks
 * the counter row until commit, so a concurrent creation waits and then counts on; a rollback gives
 * the number back.
 */
async function nextIssueNo(w: Write, first: FirstEvent): Promise<string> {
  const { year, min, max } = issueNoRange(first)
  // the year's counter when it exists; the scan of the numbers already given only to start it
  // (in the INSERT's VALUES it would run for every new issue: O(issues) each). Two writers
  // starting the same year both insert: ON CONFLICT makes the second one count on.
  const next = await queryOne<{ last: number }>(
    w.tx,
    'UPDATE issue_numbers SET last = last + 1 WHERE county = $1 AND year = $2 RETURNING last',
    [place.code, year],
  )
  if (next) return formatIssueNo(year, Number(next.last))
  const row = await queryOne<{ last: number }>(
    w.tx,
    `INSERT INTO issue_numbers (county, year, last)
     VALUES ($1, $2, 1 + coalesce((SELECT substr(max(json::jsonb #>> '{properties,issueNo}'), 6)::bigint
                                   FROM features WHERE collection = 'issues'
                                   AND json::jsonb #>> '{properties,issueNo}' BETWEEN $3 AND $4), 0))
     ON CONFLICT (county, year) DO UPDATE SET last = issue_numbers.last + 1
     RETURNING last`,
    [place.code, year, min, max],
  )
  if (!row) throw new Error('issue_numbers returned no row')
  return formatIssueNo(year, Number(row.last))
}

/** transactIssue's body, inside a write transaction (also used by grid changes). */
export async function writeIssueEvent(
  w: Write,
  issueId: string,
  expectedVersion: number | undefined,
  decide: (current: IssueState) => NewIssueEvent,
): Promise<{ state: IssueState; event: IssueEvent }> {
  const row = await queryOne<{ json: string; version: number | null }>(
    w.tx,
    'SELECT json, version FROM features WHERE collection = $1 AND id = $2 FOR UPDATE',
    [issuesCollectionId, issueId],
  )
  if (!row) throw new IssueNotFound(issueId)
  const current = toIssueState(row.json, row.version)
  const { event, state } = nextIssueEvent(issueId, current, expectedVersion, decide)
  await updateIssueRow(w.tx, state)
  const stored = await insertEvent(w, event)
  await noteChangedProperties(
    w.tx,
    issuesCollectionId,
    state.properties as unknown as Record<string, unknown>,
  )
  return { state, event: stored }
}

export async function insertEvent(w: Write, event: NewIssueEvent): Promise<IssueEvent> {
  await w.lockLedger()
  const row = await queryOne<{ seq: number }>(
    w.tx,
    `INSERT INTO issue_events (${eventColumns})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb) RETURNING seq`,
    eventValues(event),
  )
  const seq = row?.seq as number
  w.lastSeq = Math.max(w.lastSeq, seq)
  return { seq, ...event }
}

/** One import event per issue of a freshly loaded issues collection, in load order. */
export async function recordImports(
  w: Write,
  issues: readonly { id: string; json: string }[],
  at: string,
): Promise<void> {
  await w.lockLedger()
  const chunk = 2000 // events per INSERT
  for (let start = 0; start < issues.length; start += chunk) {
    const part = issues.slice(start, start + chunk)
    const events = part.map(({ id, json }) => importEvent(id, toIssueState(json, 1), at))
    const rows = await query<{ seq: number }>(
      w.tx,
      `INSERT INTO issue_events (issue_id, at, actor, actor_name, role, action, to_status, changes)
       SELECT u.id, $1, 'system', '系统', 'system', 'import', u.status, u.changes::jsonb
       FROM unnest($2::text[], $3::text[], $4::text::jsonb[]) WITH ORDINALITY AS u(id, status, changes, n)
       ORDER BY u.n
       RETURNING seq`,
      [
        at,
        events.map((e) => e.issueId),
        events.map((e) => e.to ?? null),
        events.map((e) => JSON.stringify(e.changes)),
      ],
    )
    for (const r of rows) w.lastSeq = Math.max(w.lastSeq, r.seq)
  }
}

export async function addAttachment(db: Queryable, a: AttachmentRecord): Promise<void> {
  await query(
    db,
    `INSERT INTO attachments (${attachmentColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    attachmentValues(a),
  )
}

export async function attachment(db: Queryable, id: string): Promise<AttachmentRecord | undefined> {
  return rowById(db, 'attachments', id, toAttachment)
}

export async function issueAttachments(
  db: Queryable,
  issueId: string,
): Promise<AttachmentRecord[]> {
  const rows = await query<AttachmentRow>(
    db,
    'SELECT * FROM attachments WHERE issue_id = $1 ORDER BY created_at, seq',
    [issueId],
  )
  return rows.map(toAttachment)
}

export async function units(db: Queryable): Promise<UnitRecord[]> {
  return query<UnitRecord>(db, 'SELECT code, name, kind, active FROM units ORDER BY ordinal, code')
}

export async function seedUnits(w: Write, list: readonly Unit[]): Promise<number> {
  await query(w.tx, 'LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE') // ordinals from one writer
  let added = 0
  for (const unit of list) {
    const rows = await query(
      w.tx,
      `INSERT INTO units (code, name, kind, active, ordinal)
       SELECT $1, $2, $3, true, coalesce(max(ordinal), 0) + 1 FROM units
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [unit.code, unit.name, unit.kind],
    )
    added += rows.length
  }
  return added
}

/** The ledger part of the PostGIS store (store-parts.ts): reads from the pool, writes in one
 * transaction each. */
export class PostgresLedger extends PostgresPart implements LedgerStore {
  issue(id: string): Promise<IssueState | undefined> {
    return readIssue(this.db, id)
  }
  listIssues(q: IssueListQuery): Promise<IssuePage> {
    return listIssues(this.db, q)
  }
  issueEvents(id: string): Promise<IssueEvent[]> {
    return issueEvents(this.db, id)
  }
  issueEventsAfter(afterSeq: number, limit: number): Promise<IssueEvent[]> {
    return issueEventsAfter(this.db, afterSeq, limit)
  }
  latestIssueEvents(limit: number): Promise<IssueEvent[]> {
    return latestIssueEvents(this.db, limit)
  }
  createIssues(events: readonly FirstEvent[]): Promise<{ state: IssueState; event: IssueEvent }[]> {
    return this.write((w) => createIssues(w, events))
  }
  appendIssueEvent(
    event: NewIssueEvent,
    expectedVersion: number | undefined,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.transactIssue(event.issueId, expectedVersion, () => event)
  }
  transactIssue(
    issueId: string,
    expectedVersion: number | undefined,
    decide: (current: IssueState) => NewIssueEvent,
  ): Promise<{ state: IssueState; event: IssueEvent }> {
    return this.write((w) => writeIssueEvent(w, issueId, expectedVersion, decide))
  }
  addAttachment(a: AttachmentRecord): Promise<void> {
    return addAttachment(this.db, a)
  }
  attachment(id: string): Promise<AttachmentRecord | undefined> {
    return attachment(this.db, id)
  }
  issueAttachments(issueId: string): Promise<AttachmentRecord[]> {
    return issueAttachments(this.db, issueId)
  }
  units(): Promise<UnitRecord[]> {
    return units(this.db)
  }
  seedUnits(list: readonly Unit[]): Promise<number> {
    return this.write((w) => seedUnits(w, list))
  }
}
