// 重复上报检查: open issues of the same category near the position, nearest first. The reporter can add
// a note (and the photos) to one of them instead of reporting the same problem twice.
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import type { NearbyIssue } from '../../features/issues/api.ts'
import { formatDateTime } from '../../lib/format.ts'
import { formatDistance } from './field-helpers.ts'

export interface DuplicateListProps {
  issues: readonly NearbyIssue[]
  radiusMeters: number
  onSupplement: (issue: NearbyIssue) => void
}

export function DuplicateList({ issues, radiusMeters, onSupplement }: DuplicateListProps) {
  if (!issues.length) return null
  return (
    <section
      className="m-section m-duplicates"
      aria-label="附近的同类问题"
      data-testid="duplicates"
    >
      <h2 className="m-section__title">
        附近 {radiusMeters} 米内已有 {issues.length} 条同类问题
      </h2>
      <p className="m-muted">如果是同一处问题，请补充到已有问题，不要重复上报。</p>
      <ul className="m-cards">
        {issues.map((issue) => (
          <li key={issue.id} className="m-card" data-issue-id={issue.id}>
            <div className="m-card__head">
              <strong>{issueCategoryLabels[issue.category]}</strong>
              <span className={`m-badge m-badge--${issue.status}`}>
                {issueStatusLabels[issue.status]}
              </span>
              <span className="m-muted">{formatDistance(issue.distanceMeters)}</span>
            </div>
            <p className="m-card__text">{issue.description}</p>
            <p className="m-muted">
              {issue.issueNo ?? issue.id} · 发现于 {formatDateTime(issue.reportedAt)}
            </p>
            {issue.allowedActions.includes('note') && (
              <button
                type="button"
                className="m-button m-button--plain"
                onClick={() => onSupplement(issue)}
              >
                补充到此问题
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
