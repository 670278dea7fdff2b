// An issue as the ledger API returns it: its properties flat, plus id, version, position, the derived
// overdue flag and what the caller may do to it now. Pure.
import { type IssueProperties, type IssueState, isOverdue } from '../domain/issue.ts'
import { allowedActions, type User } from '../domain/roles.ts'

export interface IssueView extends IssueProperties {
  id: string
  version: number
  lngLat: [lng: number, lat: number]
  overdue: boolean
  allowedActions: string[] // transitions the caller may make now, then 'note' when they may add notes
}

export function toIssueView(state: IssueState, user: User | undefined, now: Date): IssueView {
  return {
    id: state.id,
    version: state.version,
    lngLat: state.lngLat,
    ...state.properties,
    overdue: isOverdue(state.properties, now),
    allowedActions: allowedActions(user, state.properties),
  }
}
