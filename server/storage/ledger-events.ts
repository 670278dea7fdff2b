// The ledger's rules both stores run around their SQL: an issue's first event and its 问题编号's
// year, a later event checked against the stored state, an import event, and the list filters that
// have an indexed column. The stores keep the reads, the locks and the writes.
import {
  applyEvent,
  InvalidTransition,
  type IssueState,
  type NewIssueEvent,
} from '../domain/issue.ts'
import { formatIssueNo, issueNoYear } from '../domain/issue-number.ts'
import type { FirstEvent, IssueListQuery } from './ledger-store.ts'
import { IssueNotFound, VersionConflict } from './store-errors.ts'

/** The year a first event's 问题编号 counts in, and the range of that year's numbers. */
export function issueNoRange(first: FirstEvent): { year: number; min: string; max: string } {
  const reportedAt = first.changes?.reportedAt
  if (!reportedAt) throw new InvalidTransition(undefined, first.action, '首个事件须包含发现时间')
  const year = issueNoYear(reportedAt)
  return { year, min: formatIssueNo(year, 0), max: formatIssueNo(year, 999_999) }
}

/** A new issue's first event (with its id and 问题编号) and the state it creates. */
export function firstIssueEvent(
  first: FirstEvent,
  issueId: string,
  issueNo: string,
): { event: NewIssueEvent; state: IssueState } {
  const event: NewIssueEvent = { ...first, issueId, changes: { ...first.changes, issueNo } }
  return { event, state: applyEvent(undefined, event) }
}

/**
 * A later event on the stored state: the version must be the expected one (when given), the event
 * must be about this issue, and applyEvent must accept it (InvalidTransition otherwise).
 */
export function nextIssueEvent(
  issueId: string,
  current: IssueState,
  expectedVersion: number | undefined,
  decide: (current: IssueState) => NewIssueEvent,
): { event: NewIssueEvent; state: IssueState } {
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new VersionConflict(current, expectedVersion)
  }
  const event = decide(current)
  if (event.issueId !== issueId) throw new IssueNotFound(event.issueId)
  return { event, state: applyEvent(current, event) }
}

/** The import event of an issue loaded from geodata. */
export function importEvent(id: string, state: IssueState, at: string): NewIssueEvent {
  return {
    issueId: id,
    at,
    actor: 'system',
    actorName: '系统',
    role: 'system',
    action: 'import',
    to: state.properties?.status,
    changes: { ...state.properties, lngLat: state.lngLat },
  }
}

/** The list filters on an indexed property column: [property, value], unset values included. */
export const issueColumnFilters = (q: IssueListQuery): [string, string | undefined][] => [
  ['status', q.status],
  ['category', q.category],
  ['townshipCode', q.townshipCode],
  ['gridCode', q.gridCode],
  ['responsibleUnit', q.responsibleUnit],
]
