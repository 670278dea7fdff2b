// The ledger's Chinese column table, shared by the XLSX and CSV exports and the import, so the three agree.
// One issue → one LedgerRow of display values; writers only decide how each kind of value is encoded.
import { type IssueProperties, isOverdue } from '../domain/issue.ts'
import { issueCategoryLabels, issueStatusLabels } from '../domain/labels-zh.ts'
import { issueSourceLabels } from '../domain/supervision.ts'
import type { GeoJsonFeature } from '../storage/store.ts'

export type ColumnKind =
  | 'text'
  | 'time' // an ISO 8601 instant, written as Asia/Shanghai wall time
  | 'coordinate' // WGS84 degrees

export interface LedgerColumn {
  header: string
  kind: ColumnKind
  widthChars: number // XLSX column width
}

export const ledgerColumns = [
  { header: '问题编号', kind: 'text', widthChars: 13 },
  { header: '编号', kind: 'text', widthChars: 14 },
  { header: '问题类别', kind: 'text', widthChars: 16 },
  { header: '问题描述', kind: 'text', widthChars: 40 },
  { header: '状态', kind: 'text', widthChars: 8 },
  { header: '是否逾期', kind: 'text', widthChars: 8 },
  { header: '发现时间', kind: 'time', widthChars: 17 },
  { header: '整改期限', kind: 'time', widthChars: 17 },
  { header: '销号时间', kind: 'time', widthChars: 17 },
  { header: '更新时间', kind: 'time', widthChars: 17 },
  { header: '责任单位', kind: 'text', widthChars: 20 },
  { header: '所属乡镇', kind: 'text', widthChars: 10 },
  { header: '网格编码', kind: 'text', widthChars: 17 },
  { header: '关联点位', kind: 'text', widthChars: 10 },
  { header: '经度', kind: 'coordinate', widthChars: 12 },
  { header: '纬度', kind: 'coordinate', widthChars: 12 },
  { header: '处理说明', kind: 'text', widthChars: 30 },
  { header: '问题来源', kind: 'text', widthChars: 14 },
  { header: '督查轮次', kind: 'text', widthChars: 12 },
] as const satisfies readonly LedgerColumn[]

export type LedgerHeader = (typeof ledgerColumns)[number]['header']

/** Display values of one issue by header: labels, names, '是'/'否', ISO instants, degrees; null = empty cell. */
export type LedgerRow = Record<LedgerHeader, string | number | null>

/** Code → name tables the exports show instead of codes; an unknown code is shown as the code itself. */
export interface LedgerLookups {
  unitNames: ReadonlyMap<string, string> // responsible unit code → 县城市管理局 …
  townshipNames: ReadonlyMap<string, string> // 9-digit township code → township name
}

export const yes = '是'
export const no = '否'

export function toLedgerRow(issue: GeoJsonFeature, lookups: LedgerLookups, now: Date): LedgerRow {
  const p = issue.properties as unknown as IssueProperties
  const [lng, lat] = pointCoordinates(issue)
  return {
    问题编号: p.issueNo ?? null,
    编号: issue.id === undefined ? null : String(issue.id),
    问题类别: issueCategoryLabels[p.category] ?? p.category,
    问题描述: p.description,
    状态: issueStatusLabels[p.status] ?? p.status,
    是否逾期: isOverdue(p, now) ? yes : no,
    发现时间: p.reportedAt ?? null,
    整改期限: p.deadlineAt ?? null,
    销号时间: p.closedAt ?? null,
    更新时间: p.updatedAt ?? null,
    责任单位: lookups.unitNames.get(p.responsibleUnit) ?? p.responsibleUnit ?? null,
    所属乡镇: lookups.townshipNames.get(p.townshipCode) ?? p.townshipCode ?? null,
    网格编码: p.gridCode ?? null,
    关联点位: p.checkpointId ?? null,
    经度: lng,
    纬度: lat,
    处理说明: p.statusNotes ?? null,
    问题来源: p.source ? (issueSourceLabels[p.source] ?? p.source) : null,
    督查轮次: p.roundId ?? null,
  }
}

function pointCoordinates(feature: GeoJsonFeature): [number | null, number | null] {
  const g = feature.geometry
  if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) return [null, null]
  const [lng, lat] = g.coordinates as unknown[]
  return [typeof lng === 'number' ? lng : null, typeof lat === 'number' ? lat : null]
}
