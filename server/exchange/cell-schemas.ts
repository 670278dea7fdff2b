// zod schemas for one spreadsheet cell or feature attribute, with plain-Chinese messages that quote the
// offending value. Input is a cell as read (string, number, boolean, Date) or undefined when empty.
import { z } from 'zod'

export const required = '不能为空'
export const show = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v))
export const nfkcTrim = (v: string) => v.normalize('NFKC').trim()

/** Text, trimmed; a number cell becomes its decimal text. */
export function text(maxLength: number) {
  return z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v),
    z
      .string({
        error: (iss) =>
          iss.input === undefined ? required : `应为文字，而不是“${show(iss.input)}”`,
      })
      .max(maxLength, { error: `不能超过 ${maxLength} 个字` }),
  )
}

/** A code given by its Chinese label or by the code itself; full-width variants fold (NFKC). */
export function labelled<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  what: string,
  aliases: Readonly<Record<string, T>> = {},
) {
  const byText = new Map<string, T>()
  for (const code of codes) {
    byText.set(nfkcTrim(code).toLowerCase(), code)
    byText.set(nfkcTrim(labels[code]).toLowerCase(), code)
  }
  for (const [alias, code] of Object.entries(aliases))
    byText.set(nfkcTrim(alias).toLowerCase(), code)
  const allowed = codes.map((c) => labels[c]).join('、')
  return z.preprocess(
    (v) => (typeof v === 'string' ? (byText.get(nfkcTrim(v).toLowerCase()) ?? v) : v),
    z.enum(codes as [T, ...T[]], {
      error: (iss) =>
        iss.input === undefined ? required : `未知的${what}“${show(iss.input)}”，可填：${allowed}`,
    }),
  )
}
