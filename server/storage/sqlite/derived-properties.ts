// Derived properties (overdue) in a read: which a collection has, and how each feature's stored
// JSON takes them, in JS (withDerived) or in SQL for a page joined in SQLite (spliceDerivedSql).
import { findCollection } from '../../collections.ts'

/** Derived properties (overdue) a read adds to the stored JSON; none without a clock. */
export function derivedPropertiesOf(collectionId: string, nowMs: number | undefined): string[] {
  if (nowMs === undefined) return []
  return (findCollection(collectionId)?.filters ?? [])
    .filter((f) => f.derived)
    .map((f) => f.property)
}

// The stored JSON ends with its properties object (toIssueJson, FeatureTable.insert), so a derived
// property is spliced in before the last two braces instead of parsing and re-serialising
export function withDerived(
  json: string,
  values: readonly number[],
  names: readonly string[],
): string {
  if (names.length === 0) return json
  const extra = names.map((name, i) => `"${name}":${values[i] ? 'true' : 'false'}`).join(',')
  const head = json.slice(0, -2)
  return `${head}${head.endsWith('{') ? '' : ','}${extra}}}`
}

/**
 * A feature's text in SQL from the columns `json` (its stored JSON) and `derived_i`: the derived
 * properties spliced in before the last two braces, as withDerived() does. On the bytes: a
 * BLOB's length and substr count bytes, a TEXT's count characters by scanning it.
 */
export function spliceDerivedSql(names: readonly string[]): string {
  if (names.length === 0) return 'json'
  const bytes = 'CAST(json AS BLOB)'
  const values = names
    .map((name, i) => `'"${name}":' || (CASE WHEN derived_${i} THEN 'true' ELSE 'false' END)`)
    .join(" || ',' || ")
  // an empty properties object ends the JSON with `{}}` and takes no comma
  return `substr(${bytes}, 1, length(${bytes}) - 2) || (CASE WHEN substr(${bytes}, -3, 1) = x'7b' THEN '' ELSE ',' END) || ${values} || '}}'`
}
