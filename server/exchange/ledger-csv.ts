// 台账 CSV export: the columns of the XLSX sheet, encoded as csv-file.ts says (UTF-8 BOM, CRLF).
import type { GeoJsonFeature } from '../storage/store.ts'
import { type LedgerLookups, ledgerColumns, toLedgerRow } from './columns.ts'
import { toCsvFile } from './csv-file.ts'
import { toShanghaiText } from './shanghai-time.ts'

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
  return toCsvFile(
    ledgerColumns.map((c) => c.header),
    data,
  )
}
