// The options of the role screens' selects, from the two shapes their lists come in.
import type { SelectOption } from '../../ui/labelled-select.tsx'

/** Units, rounds, townships: each item by its code, shown by its name. */
export const codeNameOptions = (items: readonly { code: string; name: string }[] | undefined) =>
  (items ?? []).map((i): SelectOption => ({ value: i.code, label: i.name }))

/** A label table (kind → 中文), in its own order. */
export const labelOptions = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]): SelectOption => ({ value, label }))
