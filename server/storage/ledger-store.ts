// The ledger part of the Store: issues as current state + append-only events, photos' metadata and
// the responsible units. Each write stores the event and the new state in one transaction, and the
// new state is always applyEvent(old state, event) — so an issue's history replays to it.
import type {
  IssueCategory,
  IssueEvent,
  IssueState,
  IssueStatus,
  NewIssueEvent,
} from '../domain/issue.ts'
import type { Unit } from '../domain/units.ts'

export const issueSortKeys = ['reportedAt', 'deadlineAt', 'updatedAt'] as const
export type IssueSortKey = (typeof issueSortKeys)[number]

export interface IssueListQuery {
  status?: IssueStatus
  category?: IssueCategory
  townshipCode?: string
  gridCode?: string
  /** any of these grids (a grid member's or manager's own); empty matches nothing */
  gridCodes?: readonly string[]
  responsibleUnit?: string
  /** derived against `now`: open and past its deadline */
  overdue?: boolean
  /** part of the id, the 问题编号 or the description */
  text?: string
  /** 问题来源 (issue source) */
  source?: string
  /** 督查轮次 id */
  roundId?: string
  /** 发现时间 reportedAt in [reportedFromMs, reportedToMs): a period */
  reportedFromMs?: number
  reportedToMs?: number
  sort: { key: IssueSortKey; descending: boolean }
  limit: number
  offset: number
  now: Date
}

export interface IssuePage {
  items: IssueState[]
  total: number // every match, ignoring limit and offset
}

/** An event as the store received it for a new issue: no id yet (report) or a given one (import). */
export type FirstEvent = Omit<NewIssueEvent, 'issueId'> & { issueId?: string }

export interface AttachmentRecord {
  id: string
  issueId: string
  contentType: string
  bytes: number
  sha256: string // hex
  fileName: string // under the attachments folder
  uploadedBy: string // username
  createdAt: string
}

export interface UnitRecord extends Unit {
  active: boolean
}

export interface LedgerStore {
  /** One issue's current state, or undefined. */
  issue(id: string): Promise<IssueState | undefined>
  /** A page of issues matching every given filter, sorted (ties by id order), plus the total. */
  listIssues(query: IssueListQuery): Promise<IssuePage>
  /** The issue's history, oldest first; empty for an unknown issue. */
  issueEvents(id: string): Promise<IssueEvent[]>
  /** Every issue's events after `afterSeq`, oldest first, at most `limit` (live catch-up). */
  issueEventsAfter(afterSeq: number, limit: number): Promise<IssueEvent[]>
  /** The newest events of all issues, newest first, at most `limit`. */
  latestIssueEvents(limit: number): Promise<IssueEvent[]>
  /**
   * Creates issues from their first events (report or import), all or nothing. An event without
   * issueId gets the next `issue-NNNNN`. Throws DuplicateId when a given id is taken.
   */
  createIssues(events: readonly FirstEvent[]): Promise<{ state: IssueState; event: IssueEvent }[]>
  /**
   * Appends a transition or note and stores the resulting state, if the issue is still at
   * `expectedVersion` (any version when undefined). Throws IssueNotFound, VersionConflict (carrying
   * the current state) or InvalidTransition.
   */
  appendIssueEvent(
    event: NewIssueEvent,
    expectedVersion: number | undefined,
  ): Promise<{ state: IssueState; event: IssueEvent }>
  /**
   * Like appendIssueEvent, but the event is decided from the current state inside the transaction
   * (one read, and checks that cannot go stale before the write). `decide` throws to write nothing.
   */
  transactIssue(
    issueId: string,
    expectedVersion: number | undefined,
    decide: (current: IssueState) => NewIssueEvent,
  ): Promise<{ state: IssueState; event: IssueEvent }>
  addAttachment(attachment: AttachmentRecord): Promise<void>
  attachment(id: string): Promise<AttachmentRecord | undefined>
  issueAttachments(issueId: string): Promise<AttachmentRecord[]>
  /** Every unit, in display order. */
  units(): Promise<UnitRecord[]>
  /** Adds the units not yet there (by code); existing ones keep their name and state. */
  seedUnits(units: readonly Unit[]): Promise<number>
}
