// IssueColumns as bytes, so a restart loads the wall's snapshot instead of parsing every stored issue
// (a million JSON parses take seconds; copying a million rows of numbers takes milliseconds). The
// parts are a JSON header (layout, dictionaries, extent), the ids as one JSON array, then each
// numeric column's bytes: none is larger than one column, which keeps each part well inside what a
// store moves in one value. The layout names the codes' meanings, so bytes written under another
// list of statuses, categories or sources are refused instead of being read as the wrong ones.
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
  format: 'issue-columns/1',
  columns: numericColumnNames,
  statuses: issueStatuses,
  categories: issueCategories,
  sources: issueSources,
})

interface Header {
  layout: string
  dictionaries: Record<DictionaryName, string[]>
  extent: number[] | null // null while no issue has a point
}

/** The columns' rows as parts: a copy, so later upserts do not reach bytes still being written. */
export function encodeColumns(columns: IssueColumns): Uint8Array[] {
  const encoder = new TextEncoder()
  const dictionaries = Object.fromEntries(
    dictionaryNames.map((name) => [name, columns[name].codes]),
  ) as Header['dictionaries']
  const extent = columns.extent.every(Number.isFinite) ? [...columns.extent] : null // JSON has no ∞
  const header: Header = { layout, dictionaries, extent }
  const values = numericColumnNames.map((name) => {
    const column = columns[name].slice(0, columns.size)
    return new Uint8Array(column.buffer, column.byteOffset, column.byteLength)
  })
  return [
    encoder.encode(JSON.stringify(header)),
    encoder.encode(JSON.stringify(columns.ids.slice(0, columns.size))),
    ...values,
  ]
}

/**
 * Columns from encodeColumns' parts, or undefined when they were written under another layout (an
 * older version of the server). Throws on parts that do not fit together.
 */
export function decodeColumns(parts: readonly Uint8Array[]): IssueColumns | undefined {
  const decoder = new TextDecoder()
  const [headerBytes, idBytes, ...valueBytes] = parts
  if (!headerBytes || !idBytes) throw new RangeError('an issue snapshot has no header or no ids')
  const header = JSON.parse(decoder.decode(headerBytes)) as Header
  if (header.layout !== layout) return undefined
  if (valueBytes.length !== numericColumnNames.length) {
    throw new RangeError(`an issue snapshot has ${valueBytes.length} columns`)
  }
  const values = Object.fromEntries(
    numericColumnNames.map((name, i) => [name, valueBytes[i]]),
  ) as Record<NumericColumnName, Uint8Array>
  const ids = JSON.parse(decoder.decode(idBytes)) as string[]
  const columns = new IssueColumns()
  columns.restore(ids, values, header.dictionaries, header.extent)
  return columns
}
