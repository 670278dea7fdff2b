// The 问题台账 tab: filters (status, township, unit, category, overdue, 问题来源, 发现时段, 督查轮次, text), sort, a paged list
// with the total, exports of the current filter and, for those allowed, an XLSX/CSV import.
// The filter itself lives in the URL (see ledger-filter.ts); this component only edits it.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { issueCategories, issueStatuses } from '../../../server/domain/issue.ts'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { issueSourceLabels, issueSources } from '../../../server/domain/supervision.ts'
import { ApiError, apiUrl } from '../../lib/api-client.ts'
import { formatCount, formatDate, formatDateTime } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import { optionsOf } from '../../ui/labelled-select.tsx'
import { SearchInput } from '../../ui/search-input.tsx'
import { type CodeName, type IssueView, ledgerQuery } from './api.ts'
import { ImportBox } from './import-box.tsx'
import { issueStatusColors } from './layers.ts'
import {
  exportParams,
  isFiltered,
  type LedgerFilter,
  type LedgerSort,
  ledgerPageSize,
  ledgerSortLabels,
  ledgerSorts,
  pageCount,
  withFilter,
} from './ledger-filter.ts'
import { LedgerPeriodFilter, LedgerSelect, type RoundOption } from './ledger-period.tsx'

export interface LedgerPanelProps {
  filter: LedgerFilter
  onFilterChange: (filter: LedgerFilter) => void
  townships: CodeName[]
  units: CodeName[]
  unitName: (code: string) => string
  selectedId?: string
  onSelect: (issue: IssueView) => void
  canImport: boolean
  signedIn: boolean // exports hold people's names: signed-in readers only
  onImported: () => void
  onLoginRequest: () => void
  rounds?: readonly RoundOption[] // 督查轮次 to filter by, for those who may read them
}

const searchDelayMs = 400 // type a few characters before the list refetches

export function LedgerPanel(props: LedgerPanelProps) {
  const { filter, onFilterChange, townships, units, unitName, selectedId, onSelect } = props
  const ledger = useQuery({ ...ledgerQuery(filter), placeholderData: keepPreviousData })
  const set = (patch: Partial<LedgerFilter>) => onFilterChange(withFilter(filter, patch))
  // A select over one code of the filter: its name, its value, and '' clears it
  const codeField = (key: 'status' | 'township' | 'unit' | 'category' | 'source') => ({
    name: key,
    value: filter[key] ?? '',
    onChange: (v: string) => set({ [key]: v || undefined }),
  })

  const [text, setText] = useState(filter.q ?? '')
  useEffect(() => setText(filter.q ?? ''), [filter.q])
  useEffect(() => {
    const q = text.trim()
    if (q === (filter.q ?? '')) return
    const timer = setTimeout(
      () => onFilterChange(withFilter(filter, { q: q || undefined })),
      searchDelayMs,
    )
    return () => clearTimeout(timer)
  }, [text, filter, onFilterChange])

  const total = ledger.data?.total ?? 0
  const pages = pageCount(total)
  const first = total ? (filter.page - 1) * ledgerPageSize + 1 : 0
  const last = Math.min(filter.page * ledgerPageSize, total)
  const filtered = isFiltered(filter)
  const exportQuery = exportParams(filter)

  return (
    <div className="ledger" data-testid="ledger-panel">
      <div className="ledger__filters">
        <SearchInput
          className="ledger__search"
          placeholder="搜索问题描述或编号"
          value={text}
          maxLength={100}
          onChange={setText}
          onEnter={() => onFilterChange(withFilter(filter, { q: text.trim() || undefined }))}
        />
        <LedgerSelect
          label="状态"
          {...codeField('status')}
          options={optionsOf(issueStatuses, issueStatusLabels)}
        />
        <LedgerSelect
          label="逾期"
          name="overdue"
          value={filter.overdue === undefined ? '' : filter.overdue ? '1' : '0'}
          options={[
            { value: '1', label: '仅逾期' },
            { value: '0', label: '未逾期' },
          ]}
          onChange={(v) => set({ overdue: v === '' ? undefined : v === '1' })}
        />
        <LedgerSelect
          label="乡镇"
          {...codeField('township')}
          options={townships.map((t) => ({ value: t.code, label: t.name }))}
        />
        <LedgerSelect
          label="类别"
          {...codeField('category')}
          options={optionsOf(issueCategories, issueCategoryLabels)}
        />
        <LedgerSelect
          label="问题来源"
          {...codeField('source')}
          options={optionsOf(issueSources, issueSourceLabels)}
        />
        <LedgerPeriodFilter filter={filter} rounds={props.rounds} set={set} />
        <LedgerSelect
          label="责任单位"
          wide
          {...codeField('unit')}
          options={units.map((u) => ({ value: u.code, label: u.name }))}
        />
        <label className="ledger__field is-wide">
          <span className="ledger__field-label">排序</span>
          <select
            name="sort"
            value={filter.sort}
            onChange={(e) => set({ sort: e.target.value as LedgerSort })}
          >
            {ledgerSorts.map((s) => (
              <option key={s} value={s}>
                {ledgerSortLabels[s]}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="ledger__bar">
        <p className="ledger__total" aria-live="polite" data-testid="ledger-total">
          {ledger.isPending
            ? '正在加载台账…'
            : ledger.isError
              ? '台账加载失败'
              : `共 ${formatCount(total)} 条${total ? `，第 ${first}–${last} 条` : ''}`}
          {ledger.isFetching && !ledger.isPending && (
            <span className="spinner" role="status" aria-label="更新中" />
          )}
        </p>
        {filtered && (
          <button
            type="button"
            className="text-button"
            onClick={() => onFilterChange(withFilter(filter, clearedFilter))}
          >
            清除筛选
          </button>
        )}
      </div>

      <div className="ledger__exports">
        {props.signedIn ? (
          <>
            <span className="ledger__exports-label">导出当前筛选：</span>
            <a
              className="text-button"
              href={apiUrl('api/issues/export.xlsx', exportQuery)}
              download
            >
              导出 Excel
            </a>
            <a className="text-button" href={apiUrl('api/issues/export.csv', exportQuery)} download>
              CSV
            </a>
            <a
              className="text-button"
              href={apiUrl('api/issues/export.geojson', exportQuery)}
              download
            >
              GeoJSON
            </a>
          </>
        ) : (
          <button
            type="button"
            className="text-button"
            onClick={() => props.onLoginRequest()}
            title="台账含上报人、经办人等个人信息"
          >
            登录后可导出台账
          </button>
        )}
        {props.canImport && <ImportBox onImported={props.onImported} />}
      </div>

      {ledger.isError ? (
        <LedgerError
          error={ledger.error}
          onRetry={() => ledger.refetch()}
          onLogin={props.onLoginRequest}
        />
      ) : ledger.isPending ? (
        <ul className="ledger__list is-loading" aria-busy="true">
          {[0, 1, 2, 3].map((i) => (
            <li key={i} className="ledger__skeleton" />
          ))}
        </ul>
      ) : total === 0 ? (
        <p className="ledger__empty" data-testid="ledger-empty">
          {filtered
            ? '没有符合当前筛选条件的问题。可以放宽条件，或点击“清除筛选”查看全部。'
            : '台账中还没有问题。督导员登录后可点击“上报问题”，在地图上登记发现的问题。'}
        </p>
      ) : (
        <ul className={`ledger__list${ledger.isPlaceholderData ? ' is-stale' : ''}`}>
          {ledger.data?.items.map((issue) => (
            <LedgerRow
              key={issue.id}
              issue={issue}
              unitName={unitName}
              selected={issue.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}

      {total > ledgerPageSize && (
        <nav className="ledger__pager" aria-label="翻页">
          <button
            type="button"
            className="text-button"
            disabled={filter.page <= 1}
            onClick={() => set({ page: filter.page - 1 })}
          >
            上一页
          </button>
          <span>
            第 {filter.page} / {pages} 页
          </span>
          <button
            type="button"
            className="text-button"
            disabled={filter.page >= pages}
            onClick={() => set({ page: filter.page + 1 })}
          >
            下一页
          </button>
        </nav>
      )}
    </div>
  )
}

const clearedFilter: Partial<LedgerFilter> = {
  status: undefined,
  township: undefined,
  unit: undefined,
  category: undefined,
  overdue: undefined,
  source: undefined,
  period: undefined,
  from: undefined,
  to: undefined,
  round: undefined,
  q: undefined,
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
