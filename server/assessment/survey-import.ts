// A 问卷调查 round from a spreadsheet: one row per township × group with 样本量 and either rates
// (知晓率 93.5%, 0.935 or 93.5) or counts (知晓人数). Rates become counts (round(rate × n)), which is
// what the survey had. Every bad cell is reported with its row; nothing is kept from a bad file.

import { ImportFailed } from '../domain/errors.ts'
import {
  cellProblems,
  type SurveyCell,
  surveyMeasureLabels,
  surveyMeasures,
} from '../domain/survey.ts'
import { readTable, type TableCell } from '../exchange/read-table.ts'

export const surveyHeaders = {
  township: '乡镇',
  group: '群体',
  sampleSize: '样本量',
} as const

export const countHeaders = {
  awareness: '知晓人数',
  support: '支持人数',
  satisfaction: '满意人数',
} as const

export const surveyImportLimits = {
  maxUncompressedBytes: 20 * 1024 * 1024, // bytes a workbook may inflate to
  preferredSheet: '问卷调查',
  maxRows: 5000, // rows: townships × groups stay far below
}

type RowError = { row: number; column: string; message: string }

/** A rate cell as a fraction: 0.935, 93.5, "93.5%"; undefined when it is not one. */
export function toFraction(cell: TableCell): number | undefined {
  if (cell === null || cell === '') return undefined
  const text = String(cell).trim()
  const percent = text.endsWith('%')
  const value = Number(percent ? text.slice(0, -1) : text)
  if (!Number.isFinite(value) || value < 0) return undefined
  if (percent || value > 1) return value <= 100 ? value / 100 : undefined
  return value
}

function toCount(cell: TableCell): number | undefined {
  if (cell === null || cell === '') return undefined
  const value = Number(String(cell).trim())
  return Number.isInteger(value) && value >= 0 ? value : undefined
}

/** The strata of a survey sheet; throws ImportFailed naming each bad row and column. */
export async function readSurveySheet(bytes: Uint8Array): Promise<SurveyCell[]> {
  const rows = await readTable(bytes, 'xlsx', surveyImportLimits)
  const [header = [], ...body] = rows
  const names = header.map((h) => String(h ?? '').trim())
  const column = (name: string) => names.indexOf(name)
  const errors: RowError[] = []
  for (const name of Object.values(surveyHeaders)) {
    if (column(name) < 0) errors.push({ row: 1, column: name, message: `缺少「${name}」列` })
  }
  for (const m of surveyMeasures) {
    if (column(surveyMeasureLabels[m]) < 0 && column(countHeaders[m]) < 0) {
      errors.push({
        row: 1,
        column: surveyMeasureLabels[m],
        message: `缺少「${surveyMeasureLabels[m]}」或「${countHeaders[m]}」列`,
      })
    }
  }
  if (errors.length > 0) throw new ImportFailed(errors)
  const cells: SurveyCell[] = []
  body.forEach((cellsOfRow, i) => {
    const row = i + 2
    const at = (name: string) => (column(name) < 0 ? null : (cellsOfRow[column(name)] ?? null))
    if (cellsOfRow.every((c) => c === null || String(c).trim() === '')) return
    const township = String(at(surveyHeaders.township) ?? '').trim()
    const group = String(at(surveyHeaders.group) ?? '').trim()
    const sampleSize = toCount(at(surveyHeaders.sampleSize))
    if (!township) errors.push({ row, column: surveyHeaders.township, message: '乡镇不能为空' })
    if (!group) errors.push({ row, column: surveyHeaders.group, message: '群体不能为空' })
    if (sampleSize === undefined || sampleSize < 1) {
      errors.push({ row, column: surveyHeaders.sampleSize, message: '样本量须为正整数' })
      return
    }
    const counts = {} as Record<(typeof surveyMeasures)[number], number>
    for (const m of surveyMeasures) {
      const counted = column(countHeaders[m]) >= 0 ? toCount(at(countHeaders[m])) : undefined
      const rate = toFraction(at(surveyMeasureLabels[m]))
      const value = counted ?? (rate === undefined ? undefined : Math.round(rate * sampleSize))
      if (value === undefined) {
        errors.push({
          row,
          column: surveyMeasureLabels[m],
          message: '须为 0–100% 的比例或非负整数人数',
        })
      } else counts[m] = value
    }
    const cell = { township, group, sampleSize, ...counts }
    if (Object.keys(counts).length === surveyMeasures.length) {
      for (const message of cellProblems(cell)) errors.push({ row, column: '', message })
    }
    cells.push(cell)
  })
  if (cells.length === 0 && errors.length === 0) {
    errors.push({ row: 2, column: '', message: '表中没有数据行' })
  }
  if (errors.length > 0) throw new ImportFailed(errors.slice(0, 200))
  return cells
}
