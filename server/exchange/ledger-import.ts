// Issues from an XLSX or CSV ledger: columns found by their Chinese header, labels mapped back to codes,
// Beijing wall times to instants, coordinates checked against a bbox. All or nothing: any error → no rows.
import { z } from 'zod'
import {
  type IssueCategory,
  type IssueStatus,
  issueCategories,
  issueStatuses,
} from '../domain/issue.ts'
import { issueCategoryLabels, issueStatusLabels } from '../domain/labels-zh.ts'
import { type IssueSource, issueSourceLabels, issueSources } from '../domain/supervision.ts'
import { labelled, nfkcTrim, required, show, text } from './cell-schemas.ts'
import {
  capErrors,
  fileError,
  type ImportError,
  InvalidFile,
  rowError,
  sizeRefusal,
} from './import-error.ts'
import { ledgerSheetName } from './ledger-xlsx.ts'
import { readTable, type TableCell, type TableFormat } from './read-table.ts'
import {
  fromExcelSerial,
  fromShanghaiWallDate,
  fromShanghaiWallTime,
  type WallTime,
} from './shanghai-time.ts'

/** An issue as read from one spreadsheet row; the server fills township and grid from the position. */
export interface IssueDraft {
  row: number // spreadsheet row it came from (header = row 1), for later messages
  lngLat: [lng: number, lat: number]
  category: IssueCategory
  description: string
  id?: string // 编号, as written in the sheet
  status?: IssueStatus
  statusNotes?: string
  reportedAt?: string // ISO 8601 instants
  deadlineAt?: string
  closedAt?: string
  responsibleUnit?: string // unit code
  checkpointId?: string
  source?: IssueSource // 问题来源
}

export type Bbox = readonly [west: number, south: number, east: number, north: number]

export interface LedgerImportOptions {
  /** Coordinates must fall inside, e.g. the county's bbox. */
  bbox: Bbox
  /** Responsible unit code → name; a cell may hold either. */
  unitNames: ReadonlyMap<string, string>
  /** @default 10 MiB */
  maxBytes?: number
  /** @default 5000 */
  maxRows?: number
  /** An .xlsx is a zip: refuse one that inflates past this. @default 100 MiB */
  maxUncompressedBytes?: number
}

export type LedgerImportResult = { rows: IssueDraft[] } | { errors: ImportError[] }

type Field = Exclude<keyof IssueDraft, 'row' | 'lngLat'> | 'lng' | 'lat'

interface ImportColumn {
  field: Field
  header: string // as the export writes it
  aliases: readonly string[] // other spellings seen in county ledgers
  required?: boolean
}

/** The columns import reads. 是否逾期, 更新时间, 所属乡镇 and 网格编码 are derived by the server and ignored. */
export const importColumns: readonly ImportColumn[] = [
  { field: 'id', header: '编号', aliases: [] }, // 问题编号 is the ledger's own: a new one is given
  { field: 'category', header: '问题类别', aliases: ['问题类型', '类别'], required: true },
  { field: 'description', header: '问题描述', aliases: ['描述', '问题内容'], required: true },
  { field: 'status', header: '状态', aliases: ['办理状态'] },
  { field: 'reportedAt', header: '发现时间', aliases: ['上报时间'] },
  { field: 'deadlineAt', header: '整改期限', aliases: ['整改时限'] },
  { field: 'closedAt', header: '销号时间', aliases: [] },
  { field: 'responsibleUnit', header: '责任单位', aliases: [] },
  { field: 'checkpointId', header: '关联点位', aliases: ['点位编号'] },
  { field: 'lng', header: '经度', aliases: ['lng', 'lon', 'longitude'], required: true },
  { field: 'lat', header: '纬度', aliases: ['lat', 'latitude'], required: true },
  { field: 'statusNotes', header: '处理说明', aliases: ['办理说明'] },
  { field: 'source', header: '问题来源', aliases: ['来源'] },
]

const defaults = {
  maxBytes: 10 * 1024 * 1024, // an .xlsx of 5,000 issues is about 500 KB
  maxRows: 5000,
  maxUncompressedBytes: 32 * 1024 * 1024, // XLSX inflates ~10×: 5,000 rows are ~5 MB inflated
  headerSearchRows: 10, // a title row or two may sit above the header
}

export async function parseLedgerTable(
  bytes: Uint8Array,
  format: TableFormat,
  options: LedgerImportOptions,
): Promise<LedgerImportResult> {
  const maxBytes = options.maxBytes ?? defaults.maxBytes
  const maxRows = options.maxRows ?? defaults.maxRows
  const refused = sizeRefusal(bytes, maxBytes)
  if (refused) return { errors: refused }

  let table: TableCell[][]
  try {
    table = await readTable(bytes, format, {
      maxUncompressedBytes: options.maxUncompressedBytes ?? defaults.maxUncompressedBytes,
      preferredSheet: ledgerSheetName,
      // a title row or two, the header, the rows, and room for the blank rows that are skipped
      maxRows: 2 * maxRows + defaults.headerSearchRows,
    })
  } catch (error) {
    if (error instanceof InvalidFile) return { errors: [fileError(error.message)] }
    throw error
  }

  const filled = table.map((row) => row.map(emptyToUndefined))
  while (filled.length && filled[filled.length - 1]?.every((c) => c === undefined)) filled.pop()
  if (filled.length === 0) return { errors: [fileError('文件是空的，没有表头和数据')] }

  const header = findHeader(filled)
  if ('errors' in header) return header
  const dataRows = filled
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(header.rowIndex + 1)
    .filter(({ cells }) => cells.some((c) => c !== undefined))
  if (dataRows.length === 0) return { errors: [fileError('表头下面没有数据行')] }
  if (dataRows.length > maxRows) {
    return {
      errors: [fileError(`数据行过多（${dataRows.length} 行），一次最多导入 ${maxRows} 行`)],
    }
  }

  const schemas = fieldSchemas(options.unitNames)
  const rows: IssueDraft[] = []
  const errors: ImportError[] = []
  for (const { cells, row } of dataRows) {
    const result = parseRow(cells, row, header.columns, schemas, options.bbox)
    if ('errors' in result) errors.push(...result.errors)
    else rows.push(result.draft)
  }
  return errors.length ? { errors: capErrors(errors) } : { rows }
}

type Cell = Exclude<TableCell, null> | undefined

function emptyToUndefined(cell: TableCell): Cell {
  if (cell === null) return undefined
  if (typeof cell === 'string' && cell.trim() === '') return undefined
  return cell
}

// NFKC folds full-width letters, digits and brackets (（经度）→ (经度)); then drop spaces, a trailing
// (unit) or * required-marker, and case
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*+$/, '')
    .replace(/^\*+/, '')
    .replace(/\([^)]*\)$/, '')
    .toLowerCase()
}

const columnByHeader = new Map(
  importColumns.flatMap((c) => [c.header, ...c.aliases].map((h) => [normaliseHeader(h), c])),
)

interface Header {
  rowIndex: number
  columns: Map<number, ImportColumn> // cell index → column
}

function findHeader(rows: Cell[][]): Header | { errors: ImportError[] } {
  const searched = rows.slice(0, defaults.headerSearchRows)
  let rowIndex = searched.findIndex((cells) =>
    cells.some((c) => typeof c === 'string' && columnByHeader.get(normaliseHeader(c))?.required),
  )
  if (rowIndex < 0) rowIndex = 0
  const headerRow = rowIndex + 1

  const columns = new Map<number, ImportColumn>()
  const seen = new Map<Field, string>()
  const errors: ImportError[] = []
  for (const [i, cell] of (rows[rowIndex] ?? []).entries()) {
    if (typeof cell !== 'string') continue
    const column = columnByHeader.get(normaliseHeader(cell))
    if (!column) continue // extra columns (序号, 备注 …) are allowed and ignored
    const earlier = seen.get(column.field)
    if (earlier !== undefined) {
      errors.push(rowError(headerRow, cell, `与“${earlier}”列重复，请只保留一列`))
      continue
    }
    seen.set(column.field, cell)
    columns.set(i, column)
  }
  for (const column of importColumns) {
    if (column.required && !seen.has(column.field)) {
      errors.push(rowError(headerRow, column.header, '缺少必填列'))
    }
  }
  return errors.length ? { errors } : { rowIndex, columns }
}

type Schemas = Record<Field, z.ZodType>

function parseRow(
  cells: Cell[],
  row: number,
  columns: Map<number, ImportColumn>,
  schemas: Schemas,
  bbox: Bbox,
): { draft: IssueDraft } | { errors: ImportError[] } {
  const values: Partial<Record<Field, unknown>> = {}
  const headerOf = new Map<Field, string>()
  const errors: ImportError[] = []
  for (const [i, column] of columns) {
    headerOf.set(column.field, column.header)
    const cell = cells[i]
    const schema = column.required ? schemas[column.field] : schemas[column.field].optional()
    const result = schema.safeParse(cell)
    if (result.success) {
      if (result.data !== undefined) values[column.field] = result.data
    } else {
      errors.push(rowError(row, column.header, result.error.issues[0]?.message ?? '格式有误'))
    }
  }

  // checks across cells, once the cells themselves parsed
  const { lng, lat } = values as { lng?: number; lat?: number }
  if (lng !== undefined && lat !== undefined) errors.push(...bboxErrors(row, lng, lat, bbox))
  const { reportedAt, deadlineAt, closedAt, status } = values as Partial<IssueDraft>
  if (reportedAt && deadlineAt && deadlineAt < reportedAt) {
    errors.push(rowError(row, '整改期限', '整改期限早于发现时间'))
  }
  if (closedAt && status && status !== 'closed') {
    errors.push(
      rowError(row, '销号时间', `状态为“${issueStatusLabels[status]}”的问题不应有销号时间`),
    )
  }
  if (errors.length) return { errors }

  const { lng: _lng, lat: _lat, ...rest } = values
  const draft = { row, lngLat: [lng, lat], ...rest } as IssueDraft
  return { draft }
}

function bboxErrors(row: number, lng: number, lat: number, bbox: Bbox): ImportError[] {
  const [west, south, east, north] = bbox
  const inside = (x: number, y: number) => x >= west && x <= east && y >= south && y <= north
  if (inside(lng, lat)) return []
  if (inside(lat, lng)) return [rowError(row, '经度', `经度 ${lng}、纬度 ${lat} 疑似填反了`)]
  const errors: ImportError[] = []
  if (lng < west || lng > east) {
    errors.push(rowError(row, '经度', `${lng} 不在县域范围内（应在 ${west}–${east} 之间）`))
  }
  if (lat < south || lat > north) {
    errors.push(rowError(row, '纬度', `${lat} 不在县域范围内（应在 ${south}–${north} 之间）`))
  }
  return errors
}

function fieldSchemas(unitNames: ReadonlyMap<string, string>): Schemas {
  return {
    id: text(64),
    category: labelled(issueCategories, issueCategoryLabels, '问题类别'),
    description: text(1000),
    status: labelled(issueStatuses, issueStatusLabels, '状态'),
    statusNotes: text(1000),
    reportedAt: time('start'),
    deadlineAt: time('end'),
    closedAt: time('start'),
    responsibleUnit: unit(unitNames),
    checkpointId: text(64),
    source: labelled(issueSources, issueSourceLabels, '问题来源', {
      '12345': 'public-report',
      群众举报: 'public-report',
    }),
    lng: coordinate(),
    lat: coordinate(),
  }
}

function unit(unitNames: ReadonlyMap<string, string>) {
  const byText = new Map<string, string>()
  for (const [code, name] of unitNames) {
    byText.set(nfkcTrim(code), code)
    byText.set(nfkcTrim(name), code)
  }
  return z.preprocess(
    (v) => (typeof v === 'string' ? (byText.get(nfkcTrim(v)) ?? v) : v),
    z
      .string({
        error: (iss) => (iss.input === undefined ? required : `未知的责任单位“${show(iss.input)}”`),
      })
      .refine((code) => unitNames.has(code), {
        error: (iss) =>
          `未知的责任单位“${show(iss.input)}”，请填写单位全称，如“${[...unitNames.values()][0] ?? ''}”`,
      }),
  )
}

const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

function coordinate() {
  return z.preprocess(
    (v) => (typeof v === 'string' && decimal.test(nfkcTrim(v)) ? Number(nfkcTrim(v)) : v),
    z.number({
      error: (iss) =>
        iss.input === undefined ? required : `应为数字（十进制度），而不是“${show(iss.input)}”`,
    }),
  )
}

const excelSerialRange = [1, 2_958_465] as const // 1900-01-01 … 9999-12-31
const isoInstant =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/
const wallTime = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/

// what a time cell held when it was no time at all, so the message can quote it
class Unparsed {
  readonly value: unknown
  constructor(value: unknown) {
    this.value = value
  }
  toString() {
    return show(this.value)
  }
}

/** A date-only 整改期限 means the end of that day; any other date-only time its start. */
function time(dateOnly: 'start' | 'end') {
  return z.preprocess(
    (v) => (v === undefined ? v : (parseTime(v, dateOnly) ?? new Unparsed(v))),
    z.string({
      error: (iss) =>
        iss.input === undefined
          ? required
          : `无法识别的时间“${show(iss.input)}”，请写成如 2026-11-20 09:30`,
    }),
  )
}

function parseTime(value: unknown, dateOnly: 'start' | 'end'): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : fromShanghaiWallDate(value)
  if (typeof value === 'number') {
    const [min, max] = excelSerialRange
    return value >= min && value <= max ? fromExcelSerial(value) : undefined
  }
  if (typeof value !== 'string') return undefined
  const text = nfkcTrim(value)
  const iso = isoInstant.exec(text)
  if (iso) {
    const [, y, mo, d, h, mi, s, z, sign, oh, om] = iso
    const offsetMinutes = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om))
    return fromShanghaiWallTime(wall(y, mo, d, h, mi, s), offsetMinutes)
  }
  // 2026年11月20日 9时30分 → 2026-11-20 9:30
  const local = text
    .replace(/[年月]/g, '-')
    .replace(/日/, ' ')
    .replace(/[时分]/g, ':')
    .replace(/[:秒]+$/, '')
    .trim()
  const m = wallTime.exec(local)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m
  if (h !== undefined) return fromShanghaiWallTime(wall(y, mo, d, h, mi, s))
  const [hh, mm, ss] = dateOnly === 'end' ? ['23', '59', '59'] : ['0', '0', '0']
  return fromShanghaiWallTime(wall(y, mo, d, hh, mm, ss))
}

function wall(...fields: (string | undefined)[]): WallTime {
  const [year, month, day, hour, minute, second] = fields.map((f) => Number(f ?? 0)) as number[]
  return { year, month, day, hour, minute, second } as WallTime
}
