/** A JSON column's value: SQLite gives the text, PostGIS (jsonb) the parsed value. */
export const jsonColumn = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T
