// The CSV encoding every export shares: UTF-8 with a BOM (without one Excel on Chinese Windows reads GBK),
// CRLF after every record (RFC 4180, as Excel writes), formula-looking cells defused.
import Papa from 'papaparse'

const unparseConfig = {
  newline: '\r\n',
  // a cell starting with = + - @ gets a leading ' so Excel never runs it; papaparse's own pattern
  // (/^[=+\-@\t\r].*$/) misses cells with a line break, hence ours
  escapeFormulae: /^[=+\-@\t\r]/,
} as const

export function toCsvFile(
  fields: readonly string[],
  data: readonly (readonly unknown[])[],
): Buffer {
  const csv = Papa.unparse(
    { fields: [...fields], data: data.map((row) => [...row]) },
    unparseConfig,
  )
  // papaparse ends the header line when there are no rows, and no record otherwise: always end it
  return Buffer.from(`\uFEFF${csv.endsWith('\r\n') ? csv : `${csv}\r\n`}`, 'utf8')
}
