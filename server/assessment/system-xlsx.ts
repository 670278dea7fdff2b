// The 测评体系 as one XLSX sheet, the way counties keep it: four header rows (年度, 名称, 来源, 示意),
// a blank row, the column headings, then one row per 测评标准 with its 项目 and 内容 repeated. Units are
// written by name (as the units list shows them) and read back by name. Export → import is identical.
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import {
  type AssessmentItem,
  type AssessmentMethod,
  type AssessmentSystem,
  allTownshipsUnit,
  assessmentMethods,
  standardsOf,
} from '../domain/assessment-system.ts'
import { assessmentMethodLabels } from '../domain/labels-zh.ts'
import {
  capErrors,
  fileError,
  type ImportError,
  InvalidFile,
  rowError,
} from '../exchange/import-error.ts'
import { readTable, type TableCell } from '../exchange/read-table.ts'

export const systemSheetName = '测评体系'
export const allTownshipsLabel = '各乡镇人民政府'

export const systemColumns = [
  '项目编号',
  '测评项目',
  '内容编号',
  '测评内容',
  '标准编号',
  '测评标准',
  '测评方式',
  '分值',
  '一票否决',
  '牵头单位',
  '责任单位',
  '配合单位',
] as const

const widths = [8, 20, 8, 20, 10, 50, 10, 6, 8, 20, 24, 24]
const headerRows = ['年度', '名称', '来源', '示意'] as const
const limits = { maxRows: 2000, maxUncompressedBytes: 16 * 1024 * 1024 }

export interface UnitName {
  code: string
  name: string
}

/** The system as .xlsx bytes. */
export async function toSystemXlsx(
  system: AssessmentSystem,
  units: readonly UnitName[],
): Promise<Buffer> {
  const nameOf = new Map(units.map((u) => [u.code, u.name]))
  nameOf.set(allTownshipsUnit, allTownshipsLabel)
  const names = (codes: readonly string[]) => codes.map((c) => nameOf.get(c) ?? c).join('、')
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const })
  const meta: Row[] = [
    [bold('年度'), system.year],
    [bold('名称'), system.name],
    [bold('来源'), system.source],
    [bold('示意'), system.illustrative ? '是' : '否'],
    [],
    systemColumns.map(bold),
  ]
  const rows: Row[] = standardsOf(system).map((s) => [
    { value: s.itemCode, type: String },
    s.itemName,
    { value: s.code.slice(0, 5), type: String },
    s.contentName,
    { value: s.code, type: String },
    s.text,
    assessmentMethodLabels[s.method],
    { value: s.points, format: '0.0' },
    s.veto ? '是' : '否',
    names(s.leadUnits),
    names(s.responsibleUnits),
    names(s.supportUnits),
  ])
  return writeXlsxFile(
    [
      {
        sheet: systemSheetName,
        data: [...meta, ...rows],
        columns: widths.map((width) => ({ width })),
        stickyRowsCount: meta.length,
      },
    ],
    {},
  ).toBuffer()
}

/** A system read from .xlsx bytes, or the row-level errors (nothing is half read). */
export async function fromSystemXlsx(
  bytes: Uint8Array,
  units: readonly UnitName[],
): Promise<{ system: AssessmentSystem } | { errors: ImportError[] }> {
  let table: TableCell[][]
  try {
    table = await readTable(bytes, 'xlsx', { ...limits, preferredSheet: systemSheetName })
  } catch (error) {
    if (error instanceof InvalidFile) return { errors: [fileError(error.message)] }
    throw error
  }
  const errors: ImportError[] = []
  const text = (cell: TableCell | undefined) =>
    cell === null || cell === undefined ? '' : String(cell).trim()
  const meta = new Map(table.slice(0, 4).map((row) => [text(row[0]), row[1] ?? null]))
  for (const name of headerRows) {
    if (!meta.has(name))
      errors.push(fileError(`缺少表头行「${name}」（前四行依次为年度、名称、来源、示意）`))
  }
  const headingIndex = table.findIndex((row) => text(row[0]) === systemColumns[0])
  if (headingIndex < 0) {
    errors.push(fileError(`找不到列标题行（以「${systemColumns[0]}」开头）`))
    return { errors }
  }
  const heading = (table[headingIndex] ?? []).map(text)
  const missing = systemColumns.filter((c, i) => heading[i] !== c)
  if (missing.length > 0) {
    errors.push(fileError(`列标题应依次为：${systemColumns.join('、')}`))
    return { errors }
  }
  const year = Number(text(meta.get('年度') ?? null))
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    errors.push(rowError(1, '年度', '应为 2000–2100 的年份'))
  }

  const codeOf = new Map(units.map((u) => [u.name, u.code]))
  codeOf.set(allTownshipsLabel, allTownshipsUnit)
  const methodOf = new Map(assessmentMethods.map((m) => [assessmentMethodLabels[m], m]))
  const items: AssessmentItem[] = []
  for (let i = headingIndex + 1; i < table.length; i++) {
    const cells = (table[i] ?? []).map(text)
    if (cells.every((c) => c === '')) continue
    const rowNumber = i + 1
    const [itemCode, itemName, contentCode, contentName, code, standard, method, points, veto] =
      cells as (string | undefined)[]
    const unitsIn = (column: number) => {
      const list = (cells[column] ?? '').split(/[、，,;；\s]+/).filter(Boolean)
      return list.flatMap((name) => {
        const found = codeOf.get(name)
        if (found === undefined) {
          errors.push(
            rowError(rowNumber, systemColumns[column] ?? '', `没有名为「${name}」的责任单位`),
          )
          return []
        }
        return [found]
      })
    }
    const methodValue = methodOf.get(method ?? '') as AssessmentMethod | undefined
    if (!methodValue) {
      errors.push(rowError(rowNumber, '测评方式', `应为 ${[...methodOf.keys()].join('、')} 之一`))
    }
    const pointsValue = Number(points)
    if (points === '' || !Number.isFinite(pointsValue)) {
      errors.push(rowError(rowNumber, '分值', '应为数字'))
    }
    if (veto !== '是' && veto !== '否')
      errors.push(rowError(rowNumber, '一票否决', '应为 是 或 否'))
    let item = items.find((it) => it.code === itemCode)
    if (!item) {
      item = { code: itemCode ?? '', name: itemName ?? '', contents: [] }
      items.push(item)
    }
    let content = item.contents.find((c) => c.code === contentCode)
    if (!content) {
      content = { code: contentCode ?? '', name: contentName ?? '', standards: [] }
      item.contents.push(content)
    }
    content.standards.push({
      code: code ?? '',
      text: standard ?? '',
      method: methodValue ?? 'field',
      points: pointsValue,
      veto: veto === '是',
      leadUnits: unitsIn(9),
      responsibleUnits: unitsIn(10),
      supportUnits: unitsIn(11),
    })
  }
  if (items.length === 0) errors.push(fileError('没有任何测评标准行'))
  if (errors.length > 0) return { errors: capErrors(errors) }
  return {
    system: {
      year,
      name: text(meta.get('名称') ?? null),
      source: text(meta.get('来源') ?? null),
      illustrative: text(meta.get('示意') ?? null) === '是',
      items,
    },
  }
}
