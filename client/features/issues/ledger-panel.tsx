// The 问题台账 tab: filters (status, township, unit, category, overdue, 问题来源, 发现时段, 督查轮次, text), sort, a paged list
// with the total, exports of the current filter and, for those allowed, an XLSX/CSV import.
// The filter itself lives in the URL (see ledger-filter.ts); this component only edits it.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { apiUrl } from '../../lib/api-client.ts'
import { formatCount } from '../../lib/format.ts'
import { DownloadLinks } from '../../ui/download-links.tsx'
import { type CodeName, type IssueView, ledgerQuery } from './api.ts'
import { ImportBox } from './import-box.tsx'
import {
  exportParams,
  isFiltered,
  type LedgerFilter,
  ledgerPageSize,
  pageCount,
  withFilter,
} from './ledger-filter.ts'
import { LedgerFilters } from './ledger-filters.tsx'
import { LedgerList } from './ledger-list.tsx'
import type { RoundOption } from './ledger-period.tsx'

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

export function LedgerPanel(props: LedgerPanelProps) {
  const { filter, onFilterChange } = props
  const ledger = useQuery({ ...ledgerQuery(filter), placeholderData: keepPreviousData })
  const set = (patch: Partial<LedgerFilter>) => onFilterChange(withFilter(filter, patch))

  const total = ledger.data?.total ?? 0
  const first = total ? (filter.page - 1) * ledgerPageSize + 1 : 0
  const last = Math.min(filter.page * ledgerPageSize, total)
  const filtered = isFiltered(filter)

  return (
    <div className="ledger" data-testid="ledger-panel">
      {/* the parts take the panel's props they need, by the same names */}
      <LedgerFilters {...props} />

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
          <button type="button" className="text-button" onClick={() => set(clearedFilter)}>
            清除筛选
          </button>
        )}
      </div>

      <div className="ledger__exports">
        <LedgerExports {...props} />
        {props.canImport && <ImportBox onImported={props.onImported} />}
      </div>

      <LedgerList {...props} ledger={ledger} filtered={filtered} />

      {total > ledgerPageSize && <LedgerPager page={filter.page} total={total} set={set} />}
    </div>
  )
}

/** Links to the current filter as Excel, CSV and GeoJSON; visitors get a 登录 button instead. */
function LedgerExports(props: {
  filter: LedgerFilter
  signedIn: boolean
  onLoginRequest: () => void
}) {
  if (!props.signedIn) {
    return (
      <button
        type="button"
        className="text-button"
        onClick={() => props.onLoginRequest()}
        title="台账含上报人、经办人等个人信息"
      >
        登录后可导出台账
      </button>
    )
  }
  const exportQuery = exportParams(props.filter)
  return (
    <>
      <span className="ledger__exports-label">导出当前筛选：</span>
      <DownloadLinks
        links={[
          ['导出 Excel', apiUrl('api/issues/export.xlsx', exportQuery)],
          ['CSV', apiUrl('api/issues/export.csv', exportQuery)],
          ['GeoJSON', apiUrl('api/issues/export.geojson', exportQuery)],
        ]}
      />
    </>
  )
}

function LedgerPager(props: {
  page: number
  total: number
  set: (patch: Partial<LedgerFilter>) => void
}) {
  const { page, set } = props
  const pages = pageCount(props.total)
  return (
    <nav className="ledger__pager" aria-label="翻页">
      <button
        type="button"
        className="text-button"
        disabled={page <= 1}
        onClick={() => set({ page: page - 1 })}
      >
        上一页
      </button>
      <span>
        第 {page} / {pages} 页
      </span>
      <button
        type="button"
        className="text-button"
        disabled={page >= pages}
        onClick={() => set({ page: page + 1 })}
      >
        下一页
      </button>
    </nav>
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
