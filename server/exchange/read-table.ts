// Reads an uploaded XLSX or CSV into rows of cells, rejecting what is not what it claims to be.
// Row i of the result is spreadsheet row i + 1, as Excel numbers it.
import Papa from 'papaparse'
import readXlsxFile from 'read-excel-file/node'
import { InvalidFile } from './import-error.ts'
import { countUpTo } from './read-limits.ts'
import { readZipEntries, zipSignature } from './zip-entries.ts'

export type TableFormat = 'xlsx' | 'csv'
export type TableCell = string | number | boolean | Date | null

export interface TableLimits {
  maxUncompressedBytes: number // XLSX is a zip: cap what it inflates to
  preferredSheet: string // read this sheet when the workbook has it, else the first
  maxRows: number // rows in any sheet (or the CSV), header included; counted before parsing
}

const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] // .xls (Excel 97–2003) and other OLE files

export async function readTable(
  bytes: Uint8Array,
  format: TableFormat,
  limits: TableLimits,
): Promise<TableCell[][]> {
  return format === 'xlsx' ? readXlsx(bytes, limits) : readCsv(bytes, limits.maxRows)
}

async function readXlsx(bytes: Uint8Array, limits: TableLimits): Promise<TableCell[][]> {
  if (startsWith(bytes, oleSignature)) {
    throw new InvalidFile('这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再导入')
  }
  if (!startsWith(bytes, zipSignature)) throw new InvalidFile('文件不是 Excel（.xlsx）格式')
  const entries = readZipEntries(bytes, {
    maxEntries: 1000,
    maxUncompressedBytes: limits.maxUncompressedBytes,
  })
  if (!entries.has('xl/workbook.xml')) throw new InvalidFile('文件不是 Excel（.xlsx）格式')
  // read-excel-file builds every sheet's cells at once: count the <row> elements first
  const decoder = new TextDecoder()
  for (const [name, xml] of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue
    if (countUpTo(decoder.decode(xml), '<row', limits.maxRows + 1) > limits.maxRows) {
      throw tooManyRows(limits.maxRows)
    }
  }
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch {
    throw new InvalidFile('Excel 文件已损坏，无法读取')
  }
  const sheet = sheets.find((s) => s.sheet === limits.preferredSheet) ?? sheets[0]
  // read-excel-file types a date cell as `typeof Date`; at run time it is a Date instance
  return (sheet?.data ?? []) as unknown as TableCell[][]
}

function tooManyRows(maxRows: number): InvalidFile {
  return new InvalidFile(`行数过多（超过 ${maxRows} 行），一次最多导入 ${maxRows} 行；请分批导入`)
}

function readCsv(bytes: Uint8Array, maxRows: number): TableCell[][] {
  if (startsWith(bytes, zipSignature) || startsWith(bytes, oleSignature)) {
    throw new InvalidFile('文件看起来是 Excel 文件而不是 CSV，请按 .xlsx 导入')
  }
  const text = decodeText(bytes)
  if (text.includes('\u0000')) throw new InvalidFile('文件不是文本格式的 CSV')
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', '\t', ';'],
    skipEmptyLines: false,
    preview: maxRows + 1, // stop reading past the limit
  })
  if (parsed.data.length > maxRows) throw tooManyRows(maxRows)
  const broken = parsed.errors.find((e) => e.type === 'Quotes')
  if (broken) {
    const row = (broken.row ?? 0) + 1
    throw new InvalidFile(`第 ${row} 行：引号不成对，CSV 格式有误`)
  }
  return parsed.data.map((row) => row.map(unescapeFormula))
}

// UTF-8 (with or without BOM) first; Excel on Chinese Windows saves "CSV" as GBK, so fall back to GB18030
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

// our CSV export prefixes ' to cells starting with = + - @ (papaparse escapeFormulae); undo it on the way in
function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b)
}
