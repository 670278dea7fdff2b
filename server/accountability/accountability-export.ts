// 问责台账 as an XLSX file (Chinese headers), in the list's order.
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import { type AccountabilityRecord, accountabilityKindLabels } from '../domain/accountability.ts'

export const accountabilitySheetName = '问责台账'

const columns: readonly { header: string; width: number; value: (r: View) => string }[] = [
  { header: '决定日期', width: 12, value: (r) => r.decidedOn },
  { header: '问责对象', width: 24, value: (r) => r.targetName },
  { header: '对象类型', width: 8, value: (r) => (r.targetKind === 'unit' ? '责任单位' : '乡镇') },
  { header: '问责方式', width: 10, value: (r) => accountabilityKindLabels[r.kind] },
  { header: '决定机关', width: 16, value: (r) => r.decidedBy },
  { header: '涉及问题', width: 30, value: (r) => (r.issueNos ?? r.issueIds).join('、') },
  { header: '说明', width: 40, value: (r) => r.note },
  { header: '文书', width: 8, value: (r) => (r.document ? '已上传' : '未上传') },
]

/** A listed record: its target's name; of the document, only whether there is one. */
export type ListedRecord = Omit<AccountabilityRecord, 'document'> & {
  targetName: string
  issueNos?: string[] // 问题编号 of issueIds, in order
  document?: unknown
}
type View = ListedRecord

export async function toAccountabilityXlsx(records: readonly View[]): Promise<Buffer> {
  const header: Row = columns.map((c) => ({ value: c.header, fontWeight: 'bold' }))
  const rows: Row[] = records.map((r) => columns.map((c) => ({ value: c.value(r), type: String })))
  return writeXlsxFile([header, ...rows], {
    sheet: accountabilitySheetName,
    columns: columns.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  }).toBuffer()
}
