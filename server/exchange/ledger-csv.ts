// 台账 CSV export: the columns of the XLSX sheet, UTF-8 with a BOM (else Excel reads it as GBK) and CRLF.
import Papa from 'papaparse'
import type { GeoJsonFeature } from '../storage/store.ts'
import { type LedgerLookups, ledgerColumns, toLedgerRow } from './columns.ts'
import { toShanghaiText } from './shanghai-time.ts'

export const csvUnparseConfig = {
  newline: '\r\n', // RFC 4180
  // a cell starting with = + - @ gets a leading ' so Excel never runs it; papaparse's own pattern
  // (/^[=+\-@\t\r].*$/) misses cells with a line break, hence ours
  escapeFormulae: /^[=+\-@\t\r]/,
} as const

export const utf8Bom = '\uFEFF'

/** The ledger as CSV; times are Beijing wall time `2026-11-20 09:30:00`. */
export function toLedgerCsv(
  issues: readonly GeoJsonFeature[],
  lookups: LedgerLookups,
  now: Date,
): Buffer {
  const data = issues.map((issue) => {
    const row = toLedgerRow(issue, lookups, now)
    return ledgerColumns.map((c) => {
      const value = row[c.header]
      if (value === null) return ''
      if (c.kind === 'time') return toShanghaiText(String(value)) ?? String(value)
      return value
    })
  })
  const csv = Papa.unparse({ fields: ledgerColumns.map((c) => c.header), data }, csvUnparseConfig)
  return Buffer.from(utf8Bom + csv, 'utf8')
}
