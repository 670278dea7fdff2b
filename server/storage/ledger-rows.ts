// The issue_events and attachments rows and their mapping, shared by the SQLite and PostGIS stores
// (JSON columns arrive as text from SQLite and parsed from PostGIS).
import type { IssueEvent } from '../domain/issue.ts'
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
