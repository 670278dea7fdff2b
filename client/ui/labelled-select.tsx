// A select's options from a list, and a labelled select for filter bars: one place for the
// empty choice ("全部", "全县" or a prompt) and the value/label options that follow it.

export interface SelectOption {
  value: string
  label: string
}

/** Options for a list of codes, each shown by its label. */
export function optionsOf<T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, string>>,
): SelectOption[] {
  return values.map((value) => ({ value, label: labels[value] }))
}

/** The empty choice first (when `empty` is given), then one option per entry. */
export function SelectOptions({
  empty,
  options,
}: {
  empty?: string
  options: readonly SelectOption[]
}) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  )
}

export interface LabelledSelectProps {
  label: string
  name: string
  value: string
  options: readonly SelectOption[]
  onChange: (value: string) => void
  /** the `<label>`'s class, the field's look */
  className: string
  /** the caption's class; none by default */
  labelClassName?: string
  /** the empty choice's text */
  empty?: string
}

/** `<label><span>caption</span><select>…</select></label>`, the empty choice "全部" by default. */
export function LabelledSelect(props: LabelledSelectProps) {
  return (
    <label className={props.className}>
      <span className={props.labelClassName}>{props.label}</span>
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <SelectOptions empty={props.empty ?? '全部'} options={props.options} />
      </select>
    </label>
  )
}

/** A `<select>` named by its aria-label alone (filter bars, table cells): the value as text. */
export function AriaSelect(props: {
  label: string
  name?: string
  value: string
  options: readonly SelectOption[]
  onChange: (value: string) => void
  /** the empty choice's text; none by default */
  empty?: string
}) {
  return (
    <select
      aria-label={props.label}
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <SelectOptions empty={props.empty} options={props.options} />
    </select>
  )
}
