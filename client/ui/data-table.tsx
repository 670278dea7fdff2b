// A table described by its columns: each column names its heading and how a row fills its cell, so a
// screen lists what it shows instead of writing the <thead> and the <tbody> loop again.
import type { HTMLAttributes, ReactNode } from 'react'

export interface Column<Row> {
  head: ReactNode
  cell: (row: Row) => ReactNode
  key?: string // React key; @default head (when it is a string)
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: unknown }

export function DataTable<Row>(props: {
  columns: readonly Column<Row>[]
  rows: readonly Row[] | undefined // undefined while loading: the headings only
  rowKey: (row: Row) => string | number
  row?: (row: Row) => RowAttributes // the row's class and data attributes
  empty?: ReactNode // a row across all columns when there are no rows
  className?: string // @default 'table'
  testId?: string
}) {
  const { columns } = props
  const keyOf = (c: Column<Row>, i: number) => c.key ?? (typeof c.head === 'string' ? c.head : i)
  return (
    <table className={props.className ?? 'table'} data-testid={props.testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={keyOf(c, i)}>{c.head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows?.map((r) => (
          <tr key={props.rowKey(r)} {...props.row?.(r)}>
            {columns.map((c, i) => (
              <td key={keyOf(c, i)}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
        {props.empty !== undefined && props.rows?.length === 0 && (
          <tr>
            <td colSpan={columns.length} className="muted">
              {props.empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  )
}

/** A heading's text, or its text and a title that explains it on hover. */
export type Heading = string | readonly [label: string, title: string]

/** The heading row of a table whose body a screen writes itself. */
export function TableHead({ headings }: { headings: readonly Heading[] }) {
  return (
    <thead>
      <tr>
        {headings.map((h) =>
          typeof h === 'string' ? (
            <th key={h}>{h}</th>
          ) : (
            <th key={h[0]} title={h[1]}>
              {h[0]}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}
