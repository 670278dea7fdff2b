// IssueColumns as bytes, so a restart loads the wall's snapshot instead of parsing every stored issue
// (a million JSON parses take seconds; copying a million rows of numbers takes milliseconds). The
// parts are a JSON header (layout, dictionaries, extent, how many id parts), the ids as JSON arrays
// of up to idsPerPart, then each numeric column's bytes: none is larger than one column, which keeps
// each part well inside what a store moves in one value. The layout names the codes' meanings, so
// bytes written under another list of statuses, categories or sources are refused instead of being
// read as the wrong ones.
import { issueCategories, issueStatuses } from '../domain/issue.ts'
import { issueSources } from '../domain/supervision.ts'
import {
  type DictionaryName,
  dictionaryNames,
  IssueColumns,
  type NumericColumnName,
  numericColumnNames,
} from './issue-columns.ts'

const layout = JSON.stringify({
  format: 'issue-columns/2',
  columns: numericColumnNames,
  statuses: issueStatuses,
  categories: issueCategories,
  sources: issueSources,
})

interface Header {
  layout: string
  dictionaries: Record<DictionaryName, string[]>
  extent: number[] | null // null while no issue has a point
  idParts: number // the ids' parts, after the header
}

export interface CodecOptions {
  /** Awaited between two slices of the work: a turn of the event loop lets requests in meanwhile. */
  turn: () => Promise<unknown>
  idsPerPart: number
}

const codecDefaults: CodecOptions = {
  turn: () => Promise.resolve(),
  idsPerPart: 250_000, // ≈ 0.1 s to stringify or parse: the longest stretch without a turn
}

/**
 * The columns' rows as parts: the header, the ids in slices of `idsPerPart` (each a JSON array),
 * then each numeric column's bytes. What they hold is copied before the first turn, so upserts made
 * while the ids are encoded do not reach them.
 */
export async function encodeColumns(
  columns: IssueColumns,
  options: Partial<CodecOptions> = {},
): Promise<Uint8Array[]> {
  const { turn, idsPerPart } = { ...codecDefaults, ...options }
  const encoder = new TextEncoder()
  const ids = columns.ids.slice(0, columns.size)
  const dictionaries = Object.fromEntries(
    dictionaryNames.map((name) => [name, [...columns[name].codes]]),
  ) as Header['dictionaries']
  const extent = columns.extent.every(Number.isFinite) ? [...columns.extent] : null // JSON has no ∞
  const values = numericColumnNames.map((name) => {
    const column = columns[name].slice(0, columns.size)
    return new Uint8Array(column.buffer, column.byteOffset, column.byteLength)
  })
  const idParts: Uint8Array[] = []
  for (let from = 0; from < ids.length || from === 0; from += idsPerPart) {
    if (from > 0) await turn()
    idParts.push(encoder.encode(JSON.stringify(ids.slice(from, from + idsPerPart))))
  }
  const header: Header = { layout, dictionaries, extent, idParts: idParts.length }
  return [encoder.encode(JSON.stringify(header)), ...idParts, ...values]
}

/**
 * Columns from encodeColumns' parts, or undefined when they were written under another layout (an
 * older version of the server). Throws on parts that do not fit together.
 */
export async function decodeColumns(
  parts: readonly Uint8Array[],
  options: Partial<CodecOptions> = {},
): Promise<IssueColumns | undefined> {
  const { turn } = { ...codecDefaults, ...options }
  const decoder = new TextDecoder()
  const [headerBytes, ...rest] = parts
  if (!headerBytes) throw new RangeError('an issue snapshot has no header')
  const header = JSON.parse(decoder.decode(headerBytes)) as Header
  if (header.layout !== layout) return undefined
  const idBytes = rest.slice(0, header.idParts)
  const valueBytes = rest.slice(header.idParts)
  if (idBytes.length !== header.idParts || valueBytes.length !== numericColumnNames.length) {
    throw new RangeError(
      `an issue snapshot has ${idBytes.length} of ${header.idParts} id parts and ${valueBytes.length} columns`,
    )
  }
  const values = Object.fromEntries(
    numericColumnNames.map((name, i) => [name, valueBytes[i]]),
  ) as Record<NumericColumnName, Uint8Array>
  const ids: string[] = []
  for (const bytes of idBytes) {
    await turn()
    for (const id of JSON.parse(decoder.decode(bytes)) as string[]) ids.push(id)
  }
  const columns = new IssueColumns()
  await columns.restore(ids, values, header.dictionaries, header.extent, turn)
  return columns
}
