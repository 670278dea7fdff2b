// The issue_events and attachments rows, their mapping and the values they are written from, shared by the SQLite and PostGIS stores
// (JSON columns arrive as text from SQLite and parsed from PostGIS).
import type { IssueEvent, NewIssueEvent } from '../domain/issue.ts'
import { jsonColumn } from './json-column.ts'
import type { AttachmentRecord } from './ledger-store.ts'

export interface EventRow {
  seq: number
  issue_id: string
  at: string
  actor: string
  actor_name: string
  role: string
  action: IssueEvent['action']
  from_status: IssueEvent['from'] | null
  to_status: IssueEvent['to'] | null
  note: string | null
  attachment_ids: unknown
  changes: unknown
}

export interface AttachmentRow {
  id: string
  issue_id: string
  content_type: string
  bytes: number
  sha256: string
  file_name: string
  uploaded_by: string
  created_at: string
}

export function toIssueEvent(row: EventRow): IssueEvent {
  const event: IssueEvent = {
    seq: row.seq,
    issueId: row.issue_id,
    at: row.at,
    actor: row.actor,
    actorName: row.actor_name,
    role: row.role,
    action: row.action,
  }
  if (row.from_status !== null) event.from = row.from_status
  if (row.to_status !== null) event.to = row.to_status
  if (row.note !== null) event.note = row.note
  if (row.attachment_ids !== null) event.attachmentIds = jsonColumn<string[]>(row.attachment_ids)
  if (row.changes !== null) event.changes = jsonColumn<IssueEvent['changes']>(row.changes)
  return event
}

export function toAttachment(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    issueId: row.issue_id,
    contentType: row.content_type,
    bytes: row.bytes,
    sha256: row.sha256,
    fileName: row.file_name,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  }
}

/** The issue_events columns a new event fills, in the order of `eventValues`. */
export const eventColumns =
  'issue_id, at, actor, actor_name, role, action, from_status, to_status, note, attachment_ids, changes'
export const eventValues = (event: NewIssueEvent): unknown[] => [
  event.issueId,
  event.at,
  event.actor,
  event.actorName,
  event.role,
  event.action,
  event.from ?? null,
  event.to ?? null,
  event.note ?? null,
  event.attachmentIds ? JSON.stringify(event.attachmentIds) : null,
  event.changes ? JSON.stringify(event.changes) : null,
]

/** The attachments columns, in the order of `attachmentValues`. */
export const attachmentColumns =
  'id, issue_id, content_type, bytes, sha256, file_name, uploaded_by, created_at'
export const attachmentValues = (a: AttachmentRecord): unknown[] => [
  a.id,
  a.issueId,
  a.contentType,
  a.bytes,
  a.sha256,
  a.fileName,
  a.uploadedBy,
  a.createdAt,
]
