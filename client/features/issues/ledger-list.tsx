// The ledger's list: one row per issue (category, status, 逾期, number, description, unit and the
// date that matters now), or while loading a skeleton, the empty note or the load error.
import type { UseQueryResult } from '@tanstack/react-query'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { ApiError } from '../../lib/api-client.ts'
import { formatDate, formatDateTime } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import type { IssuePage, IssueView } from './api.ts'
import { issueStatusColors } from './layers.ts'

export function LedgerList(props: {
  ledger: UseQueryResult<IssuePage>
  filtered: boolean // the empty note then suggests 清除筛选
  unitName: (code: string) => string
  selectedId?: string
  onSelect: (issue: IssueView) => void
  onLoginRequest: () => void
}) {
  const { ledger } = props
  if (ledger.isError) {
    return (
      <LedgerError
        error={ledger.error}
        onRetry={() => ledger.refetch()}
        onLogin={props.onLoginRequest}
      />
    )
  }
  if (ledger.isPending) {
    return (
      <ul className="ledger__list is-loading" aria-busy="true">
        {[0, 1, 2, 3].map((i) => (
          <li key={i} className="ledger__skeleton" />
        ))}
      </ul>
    )
  }
  if ((ledger.data?.total ?? 0) === 0) {
    return (
      <p className="ledger__empty" data-testid="ledger-empty">
        {props.filtered
          ? '没有符合当前筛选条件的问题。可以放宽条件，或点击“清除筛选”查看全部。'
          : '台账中还没有问题。督导员登录后可点击“上报问题”，在地图上登记发现的问题。'}
      </p>
    )
  }
  return (
    <ul className={`ledger__list${ledger.isPlaceholderData ? ' is-stale' : ''}`}>
      {ledger.data?.items.map((issue) => (
        <LedgerRow
          key={issue.id}
          issue={issue}
          unitName={props.unitName}
          selected={issue.id === props.selectedId}
          onSelect={props.onSelect}
        />
      ))}
    </ul>
  )
}

interface LedgerRowProps {
  issue: IssueView
  unitName: (code: string) => string
  selected: boolean
  onSelect: (issue: IssueView) => void
}

function LedgerRow({ issue, unitName, selected, onSelect }: LedgerRowProps) {
  const status = issueStatusLabels[issue.status] ?? issue.status
  const color = toCssColor(issueStatusColors[issue.status] ?? [134, 142, 150, 255])
  return (
    <li>
      <button
        type="button"
        className={`ledger-row${selected ? ' is-selected' : ''}`}
        onClick={() => onSelect(issue)}
        aria-current={selected ? 'true' : undefined}
        data-issue-id={issue.id}
        title={`${issue.issueNo ?? issue.id}：${issue.description}`}
      >
        <span className="ledger-row__top">
          <strong>{issueCategoryLabels[issue.category] ?? issue.category}</strong>
          <span className="chip" style={{ backgroundColor: color }}>
            {status}
          </span>
          {issue.overdue && <span className="chip is-overdue">逾期</span>}
          <span className="ledger-row__id">{issue.issueNo ?? issue.id}</span>
        </span>
        <span className="ledger-row__desc">{issue.description}</span>
        <span className="ledger-row__meta">
          <span>
            {!issue.responsibleUnit
              ? '未交办'
              : issue.status === 'pending'
                ? `拟交办 ${unitName(issue.responsibleUnit)}` // proposed until 交办
                : unitName(issue.responsibleUnit)}
          </span>
          <span title={`发现于 ${formatDateTime(issue.reportedAt)}`}>
            {issue.status === 'closed' && issue.closedAt
              ? `销号 ${formatDate(issue.closedAt)}`
              : issue.deadlineAt && issue.status !== 'pending'
                ? `期限 ${formatDateTime(issue.deadlineAt)}`
                : `发现 ${formatDateTime(issue.reportedAt)}`}
          </span>
        </span>
      </button>
    </li>
  )
}

function LedgerError(props: { error: unknown; onRetry: () => void; onLogin: () => void }) {
  const status = props.error instanceof ApiError ? props.error.status : undefined
  const message =
    status === 401
      ? '查看问题台账需要先登录。'
      : props.error instanceof Error
        ? props.error.message
        : '台账加载失败，请重试。'
  return (
    <div className="ledger__error" role="alert">
      <p>{message}</p>
      {status === 401 ? (
        <button type="button" className="text-button" onClick={props.onLogin}>
          登录
        </button>
      ) : (
        <button type="button" className="text-button" onClick={props.onRetry}>
          重试
        </button>
      )}
    </div>
  )
}
