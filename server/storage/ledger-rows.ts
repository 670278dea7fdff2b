// The issue_events and attachments rows, their mapping and the values they are written from, shared by the SQLite and PostGIS stores
// (JSON columns arrive as text from SQLite and parsed from PostGIS).
import type { IssueEvent } from '../domain/issue.ts'
import { columnMap, type RowOf } from './column-map.ts'
import type { AttachmentRecord } from './ledger-store.ts'

const eventMap = columnMap<IssueEvent>()(
  'seq, issue_id, at, actor, actor_name, role, action, from_status as from?, to_status as to?, note?, attachment_ids:json?, changes:json?',
)
export type EventRow = RowOf<typeof eventMap>
const newEventMap = eventMap.omit('seq')
const attachmentMap = columnMap<AttachmentRecord>()(
  'id, issue_id, content_type, bytes, sha256, file_name, uploaded_by, created_at',
)
export type AttachmentRow = RowOf<typeof attachmentMap>

export const toIssueEvent = (row: EventRow): IssueEvent => eventMap.fromRow(row)
export const toAttachment = (row: AttachmentRow): AttachmentRecord => attachmentMap.fromRow(row)

/** The issue_events columns a new event fills, in the order of `eventValues`. */
export const eventColumns = newEventMap.columns
export const eventValues = newEventMap.values

/** The attachments columns, in the order of `attachmentValues`. */
export const attachmentColumns = attachmentMap.columns
export const attachmentValues = attachmentMap.values
