// TableRows on a PostgreSQL database (see table-rows.ts). Rows go in as text arrays cast to each
// column's type; features get their geometry from their GeoJSON, and identity counters continue
// past the copied keys.
import postgres from 'postgres'
import type { Row, TableRows } from '../table-rows.ts'
import { seededTables } from '../table-rows.ts'

const batchRows = 2000 // rows per cursor batch and per INSERT

export function openPostgresRows(url: string): TableRows {
  const sql = postgres(url, {
    max: 2, // one reads while the other writes: enough for one copy
    onnotice: () => {},
    types: { bigint: { to: 20, from: [20], serialize: String, parse: Number } }, // int8 as number
  })
  let tx: postgres.ReservedSql | undefined
  const types = new Map<string, Map<string, string>>() // table → column → udt name

  const columnTypes = async (table: string) => {
    let found = types.get(table)
    if (!found) {
      const rows = await sql<{ column_name: string; udt_name: string }[]>`
        SELECT column_name, udt_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table}
        ORDER BY ordinal_position`
      found = new Map(rows.map((r) => [r.column_name, r.udt_name]))
      types.set(table, found)
    }
    return found
  }

  const toText = (value: unknown, type: string): string | null => {
    if (value === null || value === undefined) return null
    if (type === 'jsonb' || type === 'json') return JSON.stringify(value)
    if (type === 'bytea') return `\\x${Buffer.from(value as Uint8Array).toString('hex')}`
    if (type === 'bool') return value === true || value === 1 ? 'true' : 'false'
    return String(value)
  }

  return {
    async columns(table) {
      return [...(await columnTypes(table)).keys()]
    },
    async count(table) {
      const [row] = await sql.unsafe(`SELECT count(*)::int AS n FROM ${table}`)
      return row?.n as number
    },
    async *read(table, columns) {
      const cursor = sql
        .unsafe(`SELECT ${columns.join(', ')} FROM ${table.name} ORDER BY ${table.orderBy}`)
        .cursor(batchRows)
      for await (const rows of cursor) {
        yield rows.map((r) => ({ ...r }) as Row)
      }
    },
    async begin() {
      tx = await sql.reserve()
      await tx.unsafe('BEGIN')
    },
    async write(table, columns, rows) {
      if (!tx) throw new Error('write outside begin()')
      const typeOf = await columnTypes(table.name)
      if (seededTables.has(table.name)) await tx.unsafe(`DELETE FROM ${table.name}`)
      const names = [...columns]
      const values = columns.map((c) => `u.${c}::${typeOf.get(c)}`)
      if (table.name === 'features') {
        names.push('geom')
        values.push(
          `(SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE g END
            FROM ST_SetSRID(ST_GeomFromGeoJSON(u.json::jsonb ->> 'geometry'), 4326) AS g)`,
        )
      }
      for (let start = 0; start < rows.length; start += batchRows) {
        const chunk = rows.slice(start, start + batchRows)
        const arrays = columns.map((c) => {
          const type = typeOf.get(c) ?? 'text'
          return chunk.map((row) => toText(row[c], type))
        })
        await tx.unsafe(
          `INSERT INTO ${table.name} (${names.join(', ')}) OVERRIDING SYSTEM VALUE
           SELECT ${values.join(', ')}
           FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) WITH ORDINALITY
             AS u(${columns.join(', ')}, n)
           ORDER BY u.n`,
          arrays as never[],
        )
      }
    },
    async commit() {
      if (!tx) throw new Error('commit outside begin()')
      // identity counters continue after the copied keys
      const identities = await tx<{ table_name: string; column_name: string }[]>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_identity = 'YES'`
      for (const { table_name: table, column_name: column } of identities) {
        await tx.unsafe(
          `SELECT setval(pg_get_serial_sequence('${table}', '${column}'),
                         coalesce(max(${column}), 0) + 1, false) FROM ${table}`,
        )
      }
      await tx.unsafe('COMMIT')
      tx.release()
      tx = undefined
    },
    async rollback() {
      if (!tx) return
      await tx.unsafe('ROLLBACK')
      tx.release()
      tx = undefined
    },
    async close() {
      await sql.end()
    },
  }
}
