// The grid table's pure parts: filters, sorting, export parameters and a CSV of the view.
import type { GridRow } from './api.ts'

export interface GridFilter {
  township: string // '' = every township
  unit: string
  manager: string // a manager id, '' = anyone
  unassignedOnly: boolean
  text: string // part of the code, the name, the unit or the manager
}

export const emptyFilter: GridFilter = {
  township: '',
  unit: '',
  manager: '',
  unassignedOnly: false,
  text: '',
}

export const sortKeys = [
  'gridCode',
  'townshipName',
  'unitName',
  'managerName',
  'areaKm2',
  'fixedPoints',
  'randomPoints',
  'openIssues',
  'overdueIssues',
  'closureRate',
] as const
export type SortKey = (typeof sortKeys)[number]

export interface GridSort {
  key: SortKey
  descending: boolean
}

export function filterRows(rows: readonly GridRow[], filter: GridFilter): GridRow[] {
  const text = filter.text.trim().toLowerCase()
  return rows.filter(
    (row) =>
      (!filter.township || row.townshipCode === filter.township) &&
      (!filter.unit || row.unitCode === filter.unit) &&
      (!filter.manager || row.managerId === filter.manager) &&
      (!filter.unassignedOnly || row.unassigned) &&
      (!text ||
        [row.gridCode, row.name, row.unitName, row.managerName ?? '', row.townshipName].some((v) =>
          v.toLowerCase().includes(text),
        )),
  )
}

/** Sorted copy; empty values (no manager, no closure rate) always last; ties by grid code. */
export function sortRows(rows: readonly GridRow[], sort: GridSort): GridRow[] {
  const sign = sort.descending ? -1 : 1
  return [...rows].sort((a, b) => {
    const x = a[sort.key]
    const y = b[sort.key]
    const xEmpty = x === null || x === undefined || x === ''
    const yEmpty = y === null || y === undefined || y === ''
    if (xEmpty !== yEmpty) return xEmpty ? 1 : -1
    let order = 0
    if (!xEmpty && !yEmpty) {
      order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), 'zh-CN')
    }
    return order * sign || a.gridCode.localeCompare(b.gridCode)
  })
}

/** The next sort after clicking a column: same column flips; a number column starts high. */
export function nextSort(current: GridSort, key: SortKey): GridSort {
  if (current.key === key) return { key, descending: !current.descending }
  const numeric = !['gridCode', 'townshipName', 'unitName', 'managerName'].includes(key)
  return { key, descending: numeric }
}

/** The server's export filters for the table's filter (township, unit, manager, unassigned, q). */
export function toServerFilter(filter: GridFilter): Record<string, string> {
  return {
    township: filter.township,
    unit: filter.unit,
    manager: filter.manager,
    unassigned: filter.unassignedOnly ? 'true' : '',
    q: filter.text.trim(),
  }
}

/** `87%`, or `—` without issues. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`
}

export interface CsvColumn {
  header: string
  value: (row: GridRow) => string | number | null
}

export const csvColumns: CsvColumn[] = [
  { header: '网格编码', value: (r) => r.gridCode },
  { header: '网格名称', value: (r) => r.name },
  { header: '乡镇', value: (r) => r.townshipName },
  { header: '责任单位', value: (r) => r.unitName },
  { header: '网格长', value: (r) => r.managerName ?? '未指派' },
  { header: '面积（平方公里）', value: (r) => r.areaKm2 },
  { header: '固定点位', value: (r) => r.fixedPoints },
  { header: '随机点位', value: (r) => r.randomPoints },
  { header: '未办结问题', value: (r) => r.openIssues },
  { header: '逾期问题', value: (r) => r.overdueIssues },
  { header: '办结率', value: (r) => formatRate(r.closureRate) },
]

/** RFC 4180 CSV with a BOM so Excel reads the Chinese; grid codes as text (="…") keep 15 digits. */
export function toCsv(
  rows: readonly GridRow[],
  columns: readonly CsvColumn[] = csvColumns,
): string {
  const cell = (value: string | number | null, header: string) => {
    if (value === null) return ''
    const text = header === '网格编码' ? `="${value}"` : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [columns.map((c) => cell(c.header, '')).join(',')]
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row), c.header)).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Why a row reads as unassigned (empty: simply no manager): a deactivated manager or unit. */
export function unassignedReason(
  row: Pick<GridRow, 'managerId' | 'managerName'>,
  isManagerActive: (managerId: string) => boolean = () => true,
): string {
  if (!row.managerId) return ''
  const name = row.managerName ?? row.managerId
  return isManagerActive(row.managerId) ? `${name}，单位已停用` : `${name} 已停用`
}
