// Pure helpers of the ledger import: which files it takes, and the row errors of a rejected file.
import { ApiError } from '../../lib/api-client.ts'

export interface ImportRowError {
  row?: number
  column?: string
  message: string
}

export const maxImportBytes = 20 * 1024 * 1024 // a county ledger is a few MB at most

/** The import kind from a file name, or undefined for anything else. */
export function importKind(fileName: string): 'xlsx' | 'csv' | undefined {
  const ext = fileName.toLowerCase().split('.').pop()
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : undefined
}

/** Row-level errors of a rejected import, read defensively from the problem body. */
export function importErrors(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiError)) return []
  return (error.problem?.errors ?? [])
    .filter((e): e is ImportRowError => typeof (e as ImportRowError)?.message === 'string')
    .map((e) => ({ row: e.row || undefined, column: e.column || undefined, message: e.message })) // row 0: the whole file
}
