// The bar above every planning list: a text filter, how many rows show, and 导出 CSV.
import { useState } from 'react'
import { downloadText } from '../../lib/download-text.ts'
import { SearchInput } from '../../ui/search-input.tsx'
import { type CsvColumn, rowsToCsv } from './csv.ts'
import { datedFileName } from './download.ts'

/** A list under a text filter: the query, the rows that pass, and how many there are in all. */
export interface FilteredList<T> {
  query: string
  setQuery: (query: string) => void
  rows: T[]
  total: number
}

/** The rows of `all` whose texts match the query (and that `keep` keeps, when given). */
export function useFilteredList<T>(
  all: readonly T[],
  texts: (row: T) => (string | undefined)[],
  keep: (row: T) => boolean = () => true,
): FilteredList<T> {
  const [query, setQuery] = useState('')
  const rows = all.filter((row) => keep(row) && matchesQuery(query, ...texts(row)))
  return { query, setQuery, rows, total: all.length }
}

export interface ListToolsProps<T> {
  list: FilteredList<T>
  placeholder: string
  csv: { stem: string; columns: readonly CsvColumn<T>[] } // exports the rows that pass
  children?: React.ReactNode // extra filters (selects)
  testId?: string
}

export function ListTools<T>(props: ListToolsProps<T>) {
  const { list, placeholder, csv, children, testId } = props
  const shown = list.rows.length
  const total = list.total
  return (
    <div className="plan-list-tools" data-testid={testId}>
      <SearchInput
        className="plan-list-tools__search"
        value={list.query}
        placeholder={placeholder}
        onChange={list.setQuery}
      />
      {children}
      <span className="plan-list-tools__count muted">
        {shown === total ? `共 ${total} 条` : `${shown} / ${total} 条`}
      </span>
      <button
        type="button"
        className="text-button"
        disabled={shown === 0}
        title="导出当前筛选结果为 CSV（可用 Excel/WPS 打开）"
        onClick={() =>
          downloadText(datedFileName(csv.stem, 'csv'), rowsToCsv(csv.columns, list.rows))
        }
      >
        导出 CSV
      </button>
    </div>
  )
}

/** Case-insensitive match of any of the texts. */
export function matchesQuery(query: string, ...texts: (string | undefined)[]): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return texts.some((t) => t?.toLowerCase().includes(q))
}
