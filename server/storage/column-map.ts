// A table's columns declared once, as one list: the row → object mapper and the object → values
// writer both derive from it, so the column order of an INSERT and of its values cannot drift apart.
//
// Each entry is `column[ as field][:kind][?]`; the field is the column in camelCase unless named.
// Kinds: `number` (read through Number(): PostGIS gives bigints as strings), `json` (written as
// JSON text, read with jsonColumn). `?`: a NULL is left out of the object, an unset field written NULL.
import { jsonColumn } from './json-column.ts'

type Camel<S extends string> = S extends `${infer H}_${infer R}` ? `${H}${Capitalize<Camel<R>>}` : S
type Bare<S extends string> = S extends `${infer N}?`
  ? Bare<N>
  : S extends `${infer N}:${string}`
    ? N
    : S
type FieldOf<E extends string> = E extends `${string} as ${infer F}` ? Bare<F> : Camel<Bare<E>>
type Entries<S extends string> = S extends `${infer H}, ${infer R}` ? H | Entries<R> : S
/** The fields a list names; every one must be a field of the object (checked where it is declared). */
type Fields<S extends string> = FieldOf<Entries<S>>
type ColumnOf<E extends string> = E extends `${infer C} as ${string}` ? C : Bare<E>
type ValueOf<T, E extends string> = E extends `${string}:json${string}`
  ? unknown
  : E extends `${string}:number${string}`
    ? number | string
    : Exclude<T[FieldOf<E> & keyof T], undefined> | (E extends `${string}?` ? null : never)

/** The row a map reads, typed from the object's fields (JSON unknown, numbers maybe strings). */
export type RowOf<M> = M extends {
  readonly list: infer S extends string
  fromRow(row: object): infer T
}
  ? { [E in Entries<S> as ColumnOf<E>]: ValueOf<T, E> }
  : never

interface Column {
  column: string
  field: string
  kind: 'text' | 'number' | 'json'
  optional: boolean
}

export interface ColumnMap<T> {
  /** The columns, comma-separated in the list's order (for INSERT and SELECT). */
  readonly columns: string
  /** Whether each column (in `columns` order) holds JSON: PostGIS casts its text parameter. */
  readonly json: readonly boolean[]
  /** An object of the row (a NULL optional column leaves its field out). */
  fromRow(row: object): T
  /** The object's values in `columns` order. */
  values(o: T): unknown[]
  /** The same map without these fields' columns (an INSERT leaves out seq, id, later columns). */
  omit<K extends keyof T & string>(...fields: K[]): ColumnMap<Omit<T, K>>
}

function parse(entry: string): Column {
  const optional = entry.endsWith('?')
  const [head = '', kind = 'text'] = (optional ? entry.slice(0, -1) : entry).split(':')
  const [column = '', named] = head.split(' as ')
  const field = named ?? column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
  return { column, field, kind: kind as Column['kind'], optional }
}

function mapOf<T>(columns: readonly Column[]): ColumnMap<T> {
  return {
    columns: columns.map((c) => c.column).join(', '),
    json: columns.map((c) => c.kind === 'json'),
    fromRow(row) {
      const r = row as Record<string, unknown>
      const o: Record<string, unknown> = {}
      for (const { column, field, kind, optional } of columns) {
        const value = r[column]
        if (optional && value === null) continue
        o[field] = kind === 'number' ? Number(value) : kind === 'json' ? jsonColumn(value) : value
      }
      return o as T
    },
    values(o) {
      const v = o as Record<string, unknown>
      return columns.map(({ field, kind, optional }) => {
        const value = v[field]
        if (optional && value == null) return null
        return kind === 'json' ? JSON.stringify(value) : value
      })
    },
    omit(...fields) {
      return mapOf(columns.filter((c) => !(fields as string[]).includes(c.field)))
    },
  }
}

/** `columnMap<T>()('id, issue_id, bytes:number, note?')`: T's mapping from and to those columns. */
export function columnMap<T>() {
  return <const S extends string>(
    list: S & (Fields<S> extends keyof T ? unknown : never),
  ): ColumnMap<T> & { readonly list: S } => ({ ...mapOf<T>(list.split(', ').map(parse)), list })
}
