// Tolerant readers of a JSON body: a missing or mistyped field reads as a neutral value, never throws.

export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
export const rateOf = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const record = (v: unknown): Record<string, unknown> =>
  (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>
