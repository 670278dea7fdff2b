// Tolerant readers of a JSON body: a missing or mistyped field reads as a neutral value, never throws.

export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
/** The named counts of a row, each read by num. */
export function counts<K extends string>(
  row: Record<string, unknown>,
  ...keys: K[]
): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, num(row[k])])) as Record<K, number>
}
export const rateOf = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const record = (v: unknown): Record<string, unknown> =>
  (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>
