// Typed failures every Store reports the same way; http/ maps each to one status.
import type { IssueState } from '../domain/issue.ts'
import { issuesCollectionId } from './feature-columns.ts'

export class IssueNotFound extends Error {
  override name = 'IssueNotFound'
  readonly issueId: string
  constructor(issueId: string) {
    super(`没有编号为 ${issueId} 的问题`)
    this.issueId = issueId
  }
}

/** Someone else changed the issue first; `current` is the state now. */
export class VersionConflict extends Error {
  override name = 'VersionConflict'
  readonly current: IssueState
  constructor(current: IssueState, expected: number) {
    super(`问题 ${current.id} 已被他人更新（版本 ${expected} → ${current.version}）`)
    this.current = current
  }
}

export class DuplicateId extends Error {
  override name = 'DuplicateId'
  readonly id: string
  constructor(collectionId: string, id: string) {
    super(`${collectionId} 中已有编号为 ${id} 的要素`)
    this.id = id
  }
}

export class DuplicateUser extends Error {
  override name = 'DuplicateUser'
  constructor(username: string) {
    super(`用户名 ${username} 已存在`)
  }
}

/** A `cursor` that no longer names a position: the feature it resumed after was moved or deleted. */
export class StaleCursor extends Error {
  override name = 'StaleCursor'
  constructor() {
    super('参数 cursor 已失效：上一页最后一个要素已被移动或删除，请从第一页重新翻页')
  }
}

/** addFeatures refuses issues: they are born through the ledger, with their first event. */
export function refuseIssueAdds(collectionId: string): void {
  if (collectionId === issuesCollectionId) {
    throw new DuplicateId(collectionId, 'issues are added with createIssues')
  }
}
