// CSV for the planners' lists (opened in Excel/WPS): a BOM so Chinese reads right, CRLF rows,
// RFC 4180 quoting, and cells starting with = + - @ neutralised against formula injection.

export type CsvCell = string | number | boolean | null | undefined

const formulaStart = /^[=+\-@\t\r]/

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? '是' : '否'
  const text = formulaStart.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The whole file: header row, then one row per record. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvCell).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Columns as (header, value-of-row) pairs, so a table and its CSV share one definition. */
export interface CsvColumn<T> {
  header: string
  value: (row: T) => CsvCell
}

export function rowsToCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => c.value(row))),
  )
}
