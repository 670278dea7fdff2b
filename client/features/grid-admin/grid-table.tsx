// The grid table beside the map: filters, sortable columns, export links, and rows that highlight
// with the map (hover) and select (click, shift-click).
import { useEffect, useRef } from 'react'
import { downloadText } from '../../lib/download-text.ts'
import { formatCount } from '../../lib/format.ts'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { DownloadLinks } from '../../ui/download-links.tsx'
import { LabelledSelect, type SelectOption } from '../../ui/labelled-select.tsx'
import { SearchInput } from '../../ui/search-input.tsx'
import { type GridRow, gridExportUrl } from './api.ts'
import { LoadErrorBox } from './error-box.tsx'
import {
  formatRate,
  type GridFilter,
  type GridSort,
  nextSort,
  type SortKey,
  toCsv,
  toServerFilter,
  unassignedReason,
} from './grid-filter.ts'

export type Option = SelectOption

// The filter bar's selects: caption, the filter field (also the select's name), its options
const filterSelects = [
  { label: '乡镇', key: 'township', options: 'townships' },
  { label: '单位', key: 'unit', options: 'units' },
  { label: '网格长', key: 'manager', options: 'managers' },
] as const

export interface GridTableProps {
  rows: GridRow[] // filtered and sorted
  total: number // before filtering
  filter: GridFilter
  onFilterChange: (filter: GridFilter) => void
  sort: GridSort
  onSortChange: (sort: GridSort) => void
  townships: Option[]
  units: Option[]
  managers: Option[]
  selected: readonly string[]
  hovered: string | undefined
  onHover: (code: string | undefined) => void
  onRowClick: (code: string, additive: boolean) => void
  /** Whether a manager is active; unknown ids count as active. */
  isManagerActive?: (managerId: string) => boolean
  status: 'loading' | 'error' | 'ready'
  error?: string
  onRetry: () => void
}

const columns: { key: SortKey; label: string; title?: string; numeric?: boolean }[] = [
  { key: 'gridCode', label: '网格编码' },
  { key: 'townshipName', label: '乡镇' },
  { key: 'unitName', label: '责任单位' },
  { key: 'managerName', label: '网格长' },
  { key: 'areaKm2', label: '面积', title: '面积（平方公里）', numeric: true },
  { key: 'fixedPoints', label: '固定', title: '固定点位（个）', numeric: true },
  { key: 'randomPoints', label: '随机', title: '随机点位（个）', numeric: true },
  { key: 'openIssues', label: '未办结', title: '未办结问题（条）', numeric: true },
  { key: 'overdueIssues', label: '逾期', title: '逾期问题（条）', numeric: true },
  { key: 'closureRate', label: '办结率', title: '已办结 / 全部问题', numeric: true },
]

export function GridTable(props: GridTableProps) {
  const { rows, filter, onFilterChange, sort, selected, hovered } = props
  const set = (patch: Partial<GridFilter>) => onFilterChange({ ...filter, ...patch })
  const server = toServerFilter(filter)
  const bodyRef = useRef<HTMLTableSectionElement>(null)

  // a grid hovered on the map scrolls into view in the table
  useEffect(() => {
    if (!hovered) return
    const row = bodyRef.current?.querySelector(`[data-grid-code="${hovered}"]`)
    row?.scrollIntoView({ block: 'nearest' })
  }, [hovered])

  const downloadCsv = () => downloadText('网格指派表-当前视图.csv', toCsv(rows))

  return (
    <div className="grid-table" data-testid="grid-table">
      <div className="grid-table__filters">
        <SearchInput
          className="grid-table__search"
          placeholder="搜索网格编码、名称、单位或网格长"
          label="搜索"
          value={filter.text}
          onChange={(text) => set({ text })}
        />
        {filterSelects.map((f) => (
          <LabelledSelect
            key={f.key}
            className="grid-table__field"
            label={f.label}
            name={f.key}
            value={filter[f.key]}
            options={props[f.options]}
            onChange={(value) => set({ [f.key]: value })}
          />
        ))}
        <CheckboxLine
          name="unassigned"
          checked={filter.unassignedOnly}
          onChange={(checked) => set({ unassignedOnly: checked })}
        >
          只看未指派
        </CheckboxLine>
      </div>
      <div className="grid-table__bar">
        <p className="grid-table__total" data-testid="grid-total">
          {props.status === 'loading'
            ? '正在加载网格…'
            : `显示 ${formatCount(rows.length)} / ${formatCount(props.total)} 个网格`}
        </p>
        <span className="grid-table__exports">
          <span className="muted">导出：</span>
          <DownloadLinks
            links={[
              ['XLSX', gridExportUrl('xlsx', server)],
              ['GeoJSON', gridExportUrl('geojson', server)],
              ['Shapefile', gridExportUrl('zip', server)],
            ]}
          />
          <button type="button" className="text-button" onClick={downloadCsv}>
            CSV（当前视图）
          </button>
        </span>
      </div>
      {props.status === 'error' ? (
        <LoadErrorBox message={props.error ?? '网格列表加载失败。'} onRetry={props.onRetry} />
      ) : (
        <div className="grid-table__scroll">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    className={c.numeric ? 'is-numeric' : undefined}
                    aria-sort={
                      sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                    }
                  >
                    <button
                      type="button"
                      title={c.title ? `${c.title}，点击排序` : '点击排序'}
                      onClick={() => props.onSortChange(nextSort(sort, c.key))}
                    >
                      {c.label}
                      <span className="sort-mark">
                        {sort.key === c.key ? (sort.descending ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody ref={bodyRef} onMouseLeave={() => props.onHover(undefined)}>
              {props.status === 'loading' &&
                [0, 1, 2, 3, 4].map((i) => (
                  <tr key={i} className="grid-table__skeleton">
                    <td colSpan={columns.length} />
                  </tr>
                ))}
              {rows.map((row) => (
                <tr
                  key={row.gridCode}
                  data-grid-code={row.gridCode}
                  className={[
                    selected.includes(row.gridCode) ? 'is-selected' : '',
                    hovered === row.gridCode ? 'is-hovered' : '',
                    row.unassigned ? 'is-unassigned' : '',
                  ].join(' ')}
                  aria-selected={selected.includes(row.gridCode)}
                  onMouseEnter={() => props.onHover(row.gridCode)}
                  // shift extends the page's text selection across rows; a plain drag still selects text to copy
                  onMouseDown={(e) => {
                    if (e.shiftKey || e.ctrlKey) e.preventDefault()
                  }}
                  onClick={(e) => props.onRowClick(row.gridCode, e.shiftKey || e.ctrlKey)}
                >
                  <td className="grid-table__code" title={row.name}>
                    {row.gridCode}
                  </td>
                  <td>{row.townshipName}</td>
                  <td className="grid-table__unit">{row.unitName}</td>
                  <td className="grid-table__manager">
                    {row.unassigned ? (
                      <>
                        <span className="unassigned-tag">未指派</span>
                        {row.managerId && (
                          <span className="grid-table__why">
                            {unassignedReason(row, props.isManagerActive)}
                          </span>
                        )}
                      </>
                    ) : (
                      row.managerName
                    )}
                  </td>
                  <td className="is-numeric">{row.areaKm2.toFixed(2)}</td>
                  <td className="is-numeric">{row.fixedPoints}</td>
                  <td className="is-numeric">{row.randomPoints}</td>
                  <td className="is-numeric">{row.openIssues}</td>
                  <td className={`is-numeric${row.overdueIssues ? ' is-warn' : ''}`}>
                    {row.overdueIssues}
                  </td>
                  <td className="is-numeric">{formatRate(row.closureRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.status === 'ready' && rows.length === 0 && (
            <p className="empty-note">
              {props.total === 0
                ? '服务端没有网格数据：请确认已加载演示数据。'
                : '没有符合筛选条件的网格。请放宽筛选条件，或点击“清除筛选”。'}
              {props.total > 0 && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    onFilterChange({
                      township: '',
                      unit: '',
                      manager: '',
                      unassignedOnly: false,
                      text: '',
                    })
                  }
                >
                  清除筛选
                </button>
              )}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
