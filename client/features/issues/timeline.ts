// An issue's events as a readable timeline: who (name and role), when (Beijing time), what
// (上报 / 交办 / …), from → to, the note, the changed fields and the photos. Pure.
import { issueEventLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { formatDateTime } from '../../lib/format.ts'
import type { Attachment, IssueEvent } from './api.ts'

export type TimelineTone = 'start' | 'progress' | 'done' | 'back' | 'note'

const tones: Record<string, TimelineTone> = {
  report: 'start',
  import: 'start',
  assign: 'progress',
  rectify: 'progress',
  approve: 'done',
  reject: 'back',
  reopen: 'back',
  note: 'note',
}

export interface TimelineEntry {
  key: string
  title: string
  tone: TimelineTone
  who: string // 李四（督导员）
  at: string // 2026-11-23 10:05 (Beijing time)
  atIso: string
  transition?: string // 待交办 → 整改中
  note?: string
  details: string[] // 责任单位：县城市管理局 …
  photos: Attachment[]
}

export interface TimelineNames {
  role?: (role: string) => string | undefined
  unit?: (code: string) => string | undefined
}

function statusLabel(status: string): string {
  return (issueStatusLabels as Record<string, string>)[status] ?? status
}

function describeChange(key: string, value: unknown, names: TimelineNames): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const text = String(value)
  switch (key) {
    case 'responsibleUnit':
      return `责任单位：${names.unit?.(text) ?? text}`
    case 'deadlineAt':
      return `整改期限：${formatDateTime(text)}`
  }
  return undefined // other fields show elsewhere (title, transition) or are internal
}

/** Oldest first, as the loop ran. Photos an event names are shown with it. */
export function toTimeline(
  events: readonly IssueEvent[],
  attachments: readonly Attachment[],
  names: TimelineNames = {},
): TimelineEntry[] {
  const byId = new Map(attachments.map((a) => [a.id, a]))
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((event) => {
      const role = event.role ? (names.role?.(event.role) ?? event.role) : undefined // '' hides it
      const name = event.actorName || event.actor
      // a report's changes are the whole new issue: its unit and deadline are proposals until 交办
      const changes = event.action === 'assign' ? (event.changes ?? {}) : {}
      const details = Object.entries(changes)
        .map(([key, value]) => describeChange(key, value, names))
        .filter((d): d is string => Boolean(d))
      const photos = (event.attachmentIds ?? [])
        .map((id) => byId.get(id))
        .filter((a): a is Attachment => Boolean(a))
      return {
        key: `${event.issueId}-${event.seq}`,
        title: (issueEventLabels as Record<string, string>)[event.action] ?? event.action,
        tone: tones[event.action] ?? 'note',
        who: role ? `${name}（${role}）` : name,
        at: formatDateTime(event.at),
        atIso: event.at,
        transition:
          event.from && event.to && event.from !== event.to
            ? `${statusLabel(event.from)} → ${statusLabel(event.to)}`
            : undefined,
        note: event.note?.trim() || undefined,
        details,
        photos,
      }
    })
}

/** Photos no event names (e.g. uploaded with a new report): shown in the detail's own gallery. */
export function looseAttachments(
  events: readonly IssueEvent[],
  attachments: readonly Attachment[],
): Attachment[] {
  const named = new Set(events.flatMap((e) => e.attachmentIds ?? []))
  return attachments.filter((a) => !named.has(a.id))
}

/**
 * 整改前 / 整改后 for reviewers: the photos of the latest 整改上报 are "after"; the report's photos
 * (loose uploads) and those of earlier events, taken before it, are "before". Undefined until the
 * issue has been rectified.
 */
export function beforeAfterPhotos(
  events: readonly IssueEvent[],
  attachments: readonly Attachment[],
): { before: Attachment[]; after: Attachment[] } | undefined {
  const rectify = [...events].sort((a, b) => b.seq - a.seq).find((e) => e.action === 'rectify')
  if (!rectify) return undefined
  const afterIds = new Set(rectify.attachmentIds ?? [])
  const earlier = new Set(
    events.filter((e) => e.seq < rectify.seq).flatMap((e) => e.attachmentIds ?? []),
  )
  const loose = new Set(looseAttachments(events, attachments).map((a) => a.id))
  const takenBefore = (a: Attachment) => Date.parse(a.createdAt) <= Date.parse(rectify.at)
  return {
    before: attachments.filter(
      (a) => !afterIds.has(a.id) && (earlier.has(a.id) || (loose.has(a.id) && takenBefore(a))),
    ),
    after: attachments.filter((a) => afterIds.has(a.id)),
  }
}
