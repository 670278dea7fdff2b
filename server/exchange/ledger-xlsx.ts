// 台账 XLSX export: sheet 1 one row per issue under Chinese headers, sheet 2 per-unit totals.
// Times are real date cells holding Asia/Shanghai wall time (XLSX dates have no zone).
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node'
import { IssueColumns } from '../analytics/issue-columns.ts'
import { byUnit, type GroupTally } from '../analytics/issue-tally.ts'
import type { GeoJsonFeature } from '../storage/store.ts'
import { type LedgerLookups, ledgerColumns, toLedgerRow } from './columns.ts'
import { toShanghaiWallDate } from './shanghai-time.ts'

export const ledgerSheetName = '问题台账'
export const summarySheetName = '按责任单位汇总'

const dateTimeFormat = 'yyyy-mm-dd hh:mm'
const coordinateFormat = '0.000000' // 6 decimals ≈ 0.1 m, as geodata/ stores them

export const summaryHeaders = [
  '责任单位',
  '问题总数',
  '待交办',
  '整改中',
  '待复查',
  '已销号',
  '逾期',
  '办结率',
] as const

/** The ledger as an .xlsx file; `now` decides 是否逾期 and the 逾期 totals. */
export async function toLedgerXlsx(
  issues: readonly GeoJsonFeature[],
  lookups: LedgerLookups,
  now: Date,
): Promise<Buffer> {
  const header: Row = ledgerColumns.map((c) => ({ value: c.header, fontWeight: 'bold' }))
  const rows: Row[] = issues.map((issue) => {
    const row = toLedgerRow(issue, lookups, now)
    return ledgerColumns.map((c): Cell => {
      const value = row[c.header]
      if (value === null) return null
      if (c.kind === 'time') {
        const wall = toShanghaiWallDate(String(value))
        return wall ? { value: wall, type: Date, format: dateTimeFormat } : String(value)
      }
      if (c.kind === 'coordinate') return { value: Number(value), format: coordinateFormat }
      return { value: String(value), type: String }
    })
  })

  const summaries = unitTallies(issues, lookups, now)
  const summaryRows: Row[] = summaries.map((s) => [
    lookups.unitNames.get(s.code) ?? s.code,
    s.total,
    s.pending,
    s.fixing,
    s.reviewing,
    s.closed,
    s.overdue,
    { value: s.closureRate ?? 0, format: '0.0%' },
  ])
  const sum = (pick: (s: GroupTally) => number) => summaries.reduce((t, s) => t + pick(s), 0)
  const total = sum((s) => s.total)
  const totalRow: Row = [
    { value: '合计', fontWeight: 'bold' },
    total,
    sum((s) => s.pending),
    sum((s) => s.fixing),
    sum((s) => s.reviewing),
    sum((s) => s.closed),
    sum((s) => s.overdue),
    { value: total ? sum((s) => s.closed) / total : 0, format: '0.0%' },
  ]

  return writeXlsxFile(
    [
      {
        sheet: ledgerSheetName,
        data: [header, ...rows],
        columns: ledgerColumns.map((c) => ({ width: c.widthChars })),
        stickyRowsCount: 1,
      },
      {
        sheet: summarySheetName,
        data: [
          summaryHeaders.map((h) => ({ value: h, fontWeight: 'bold' as const })),
          ...summaryRows,
          totalRow,
        ],
        columns: summaryHeaders.map((h) => ({ width: h === '责任单位' ? 24 : 10 })),
        stickyRowsCount: 1,
      },
    ],
    { features: [customFormatIdsFrom164] },
  ).toBuffer()
}

// ECMA-376 §18.8.30 reserves numFmtId 0–163 for built-in formats; write-excel-file numbers its own from 100,
// which Excel tolerates but GDAL and others ignore (so dates read back as plain numbers). Shift them to 164+.
const customFormatIdsFrom164 = {
  files: {
    transform: {
      'xl/styles.xml': {
        transform: (xml: string) =>
          xml.replace(/numFmtId="(\d+)"/g, (attr, id: string) => {
            const n = Number(id)
            return n >= 100 && n < 164 ? `numFmtId="${n + 64}"` : attr
          }),
      },
    },
  },
}

/**
 * 按责任单位汇总: the wall's per-unit tally (analytics/issue-tally.ts, one definition of 逾期 and
 * 办结率) over the exported issues, in the order of lookups.unitNames, unknown units last.
 */
function unitTallies(
  issues: readonly GeoJsonFeature[],
  lookups: LedgerLookups,
  now: Date,
): GroupTally[] {
  const order = new Map([...lookups.unitNames.keys()].map((code, i) => [code, i]))
  const rank = (code: string) => order.get(code) ?? order.size
  return byUnit(IssueColumns.fromFeatures(issues), now)
    .filter((s) => s.total > 0)
    .sort((a, b) => rank(a.code) - rank(b.code))
}
