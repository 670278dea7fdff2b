// What every import returns on failure: row-level errors the user can act on, in plain Chinese.

/**
 * One problem. `row` counts as the user sees it — spreadsheet rows with the header as row 1, or features
 * from 1 — and `column` names the column or attribute; row 0 with column '' is the file as a whole.
 */
export interface ImportError {
  row: number
  column: string
  message: string
}

export const maxReportedErrors = 200 // beyond this the user fixes the pattern, not each row

export function fileError(message: string): ImportError {
  return { row: 0, column: '', message }
}

export function rowError(row: number, column: string, problem: string): ImportError {
  return { row, column, message: `第 ${row} 行「${column}」：${problem}` }
}

export function featureError(n: number, column: string, problem: string): ImportError {
  return { row: n, column, message: `第 ${n} 个要素${column ? `「${column}」` : ''}：${problem}` }
}

/** An upload that is empty or over `maxBytes`, as the file's error; undefined when it may be read. */
export function sizeRefusal(bytes: Uint8Array, maxBytes: number): ImportError[] | undefined {
  if (bytes.length === 0) return [fileError('文件是空的')]
  if (bytes.length > maxBytes) {
    return [fileError(`文件过大（${formatBytes(bytes.length)}），上限 ${formatBytes(maxBytes)}`)]
  }
  return undefined
}

/** Caps the list, saying how many were left out. */
export function capErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= maxReportedErrors) return errors
  const left = errors.length - maxReportedErrors
  return [...errors.slice(0, maxReportedErrors), fileError(`另有 ${left} 处错误未列出`)]
}

/** Thrown inside the importers for file-level failures; caught and returned as `{ errors }`. */
export class InvalidFile extends Error {
  override name = 'InvalidFile'
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
    : `${Math.ceil(bytes / 1024)} KB`
}
