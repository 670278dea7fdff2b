// The ledger's filter bar: the text search (applied after a pause in typing, or on Enter), the
// selects over the filter's codes, 逾期, 发现时段 / 督查轮次 and the sort order.
import { useEffect, useState } from 'react'
import { issueCategories, issueStatuses } from '../../../server/domain/issue.ts'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { issueSourceLabels, issueSources } from '../../../server/domain/supervision.ts'
import { optionsOf, type SelectOption } from '../../ui/labelled-select.tsx'
import { SearchInput } from '../../ui/search-input.tsx'
import type { CodeName } from './api.ts'
import {
  type LedgerFilter,
  type LedgerSort,
  ledgerSortLabels,
  ledgerSorts,
  withFilter,
} from './ledger-filter.ts'
import { LedgerPeriodFilter, LedgerSelect, type RoundOption } from './ledger-period.tsx'

export interface LedgerFiltersProps {
  filter: LedgerFilter
  onFilterChange: (filter: LedgerFilter) => void
  townships: CodeName[]
  units: CodeName[]
  rounds?: readonly RoundOption[]
}

const codeNameOptions = (list: CodeName[]) => list.map((c) => ({ value: c.code, label: c.name }))

const searchDelayMs = 400 // type a few characters before the list refetches

/** The search box's text, following the URL's q and written back to it once typing pauses. */
function useSearchText(filter: LedgerFilter, onFilterChange: (filter: LedgerFilter) => void) {
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
  const apply = () => onFilterChange(withFilter(filter, { q: text.trim() || undefined }))
  return { text, setText, apply }
}

export function LedgerFilters(props: LedgerFiltersProps) {
  const { filter, onFilterChange, townships, units } = props
  const search = useSearchText(filter, onFilterChange)
  const set = (patch: Partial<LedgerFilter>) => onFilterChange(withFilter(filter, patch))
  // A select over one code of the filter: named by its key, and '' clears it
  type CodeKey = 'status' | 'township' | 'unit' | 'category' | 'source'
  const codeSelect = (label: string, key: CodeKey, options: SelectOption[], wide = false) => (
    <LedgerSelect
      label={label}
      wide={wide}
      name={key}
      value={filter[key] ?? ''}
      options={options}
      onChange={(v) => set({ [key]: v || undefined })}
    />
  )
  return (
    <div className="ledger__filters">
      <SearchInput
        className="ledger__search"
        placeholder="搜索问题描述或编号"
        value={search.text}
        maxLength={100}
        onChange={search.setText}
        onEnter={search.apply}
      />
      {codeSelect('状态', 'status', optionsOf(issueStatuses, issueStatusLabels))}
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
      {codeSelect('乡镇', 'township', codeNameOptions(townships))}
      {codeSelect('类别', 'category', optionsOf(issueCategories, issueCategoryLabels))}
      {codeSelect('问题来源', 'source', optionsOf(issueSources, issueSourceLabels))}
      <LedgerPeriodFilter filter={filter} rounds={props.rounds} set={set} />
      {codeSelect('责任单位', 'unit', codeNameOptions(units), true)}
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
  )
}
