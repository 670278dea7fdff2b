// The wall's live feed: the latest issue events, newest first, deduplicated by seq and capped so a
// wall left on for days holds a fixed number of rows. Pure.

export interface FeedEvent {
  seq: number
  issueId: string
  issueNo?: string // 问题编号, what the row names the issue by; absent while it has none
  at: string // ISO 8601
  action: string // report | import | assign | rectify | approve | reject | reopen | note
  category?: string
  townshipCode?: string
  description?: string
  source?: string // 问题来源 (IssueSource), when the issue has one
}

export const feedCap = 30 // rows kept; the panel shows as many as fit

/** Merges new events into the feed: newest first, one row per seq, at most `cap` rows. */
export function mergeFeed(
  current: readonly FeedEvent[],
  incoming: readonly FeedEvent[],
  cap = feedCap,
): FeedEvent[] {
  const bySeq = new Map<number, FeedEvent>()
  for (const e of current) bySeq.set(e.seq, e)
  for (const e of incoming) if (Number.isFinite(e.seq)) bySeq.set(e.seq, e) // the later copy wins
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, Math.max(0, cap))
}

/** Short verbs for the feed, as a 通报 would say them. */
export const feedActionLabels: Record<string, string> = {
  report: '发现',
  import: '导入',
  assign: '交办',
  rectify: '整改',
  approve: '销号',
  reject: '退回',
  reopen: '重开',
  note: '备注',
}

export type FeedTone = 'found' | 'progress' | 'closed' | 'back' | 'quiet'

export function feedTone(action: string): FeedTone {
  if (action === 'report' || action === 'import') return 'found'
  if (action === 'approve') return 'closed'
  if (action === 'reject' || action === 'reopen') return 'back'
  if (action === 'note') return 'quiet'
  return 'progress'
}

/** Reads an event pushed by the server (`data:` of `event: issue`); undefined when unusable. */
export function parseStreamEvent(data: string): FeedEvent | undefined {
  let body: unknown
  try {
    body = JSON.parse(data)
  } catch {
    return undefined
  }
  return toFeedEvent(body)
}

/**
 * One feed row from the server's JSON: an IssueEvent with the issue's category and township, either
 * flat or under `issue` (the stream carries the IssueView summary along).
 */
export function toFeedEvent(body: unknown): FeedEvent | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const e = body as Record<string, unknown>
  const issue = (typeof e.issue === 'object' && e.issue !== null ? e.issue : {}) as Record<
    string,
    unknown
  >
  const seq = Number(e.seq)
  if (!Number.isInteger(seq) || typeof e.action !== 'string') return undefined
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
  const changes = (typeof e.changes === 'object' && e.changes !== null ? e.changes : {}) as Record<
    string,
    unknown
  >
  return {
    seq,
    issueId: text(e.issueId) ?? text(issue.id) ?? '',
    at: text(e.at) ?? '',
    action: e.action,
    category: text(e.category) ?? text(issue.category) ?? text(changes.category),
    townshipCode: text(e.townshipCode) ?? text(issue.townshipCode) ?? text(changes.townshipCode),
    description: text(e.description) ?? text(issue.description) ?? text(changes.description),
    ...sourceOf(text(e.source) ?? text(issue.source) ?? text(changes.source)),
    ...issueNoOf(text(e.issueNo) ?? text(issue.issueNo) ?? text(changes.issueNo)),
  }
}

const sourceOf = (source: string | undefined) => (source ? { source } : {})
const issueNoOf = (issueNo: string | undefined) => (issueNo ? { issueNo } : {})
