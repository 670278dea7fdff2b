// The bar above every planning list: a text filter, how many rows show, and 导出 CSV.
import { type CsvColumn, rowsToCsv } from './csv.ts'
import { datedFileName, downloadText } from './download.ts'

export interface ListToolsProps<T> {
  query: string
  onQueryChange: (query: string) => void
  placeholder: string
  shown: number
  total: number
  csv: { stem: string; columns: readonly CsvColumn<T>[]; rows: readonly T[] }
  children?: React.ReactNode // extra filters (selects)
  testId?: string
}

export function ListTools<T>(props: ListToolsProps<T>) {
  const { query, onQueryChange, placeholder, shown, total, csv, children, testId } = props
  return (
    <div className="plan-list-tools" data-testid={testId}>
      <input
        type="search"
        className="plan-list-tools__search"
        value={query}
        placeholder={placeholder}
        aria-label={placeholder}
        onChange={(e) => onQueryChange(e.target.value)}
      />
      {children}
      <span className="plan-list-tools__count muted">
        {shown === total ? `共 ${total} 条` : `${shown} / ${total} 条`}
      </span>
      <button
        type="button"
        className="text-button"
        disabled={csv.rows.length === 0}
        title="导出当前筛选结果为 CSV（可用 Excel/WPS 打开）"
        onClick={() =>
          downloadText(datedFileName(csv.stem, 'csv'), rowsToCsv(csv.columns, csv.rows))
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
