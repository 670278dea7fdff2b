/**
 * `WHERE a = … AND b = …` over the pairs whose value is set ('' when none), for the filters both
 * stores apply alike. `placeholder` records a value and returns its SQL: `?` on SQLite, `$n` on PostGIS.
 */
export function whereEquals(
  columns: readonly (readonly [column: string, value: unknown])[],
  placeholder: (value: unknown) => string,
): string {
  const set = columns.filter(([, value]) => value !== undefined)
  if (set.length === 0) return ''
  return `WHERE ${set.map(([column, value]) => `${column} = ${placeholder(value)}`).join(' AND ')}`
}
