// A segmented control: a fieldset of buttons, the chosen one pressed. Each segment may carry a hint
// (its title) and be disabled; `attribute` names the data attribute that carries its value.

export interface Segment<Value extends string> {
  value: Value
  label: string
  hint?: string // the button's title
  disabled?: boolean
}

export function Segmented<Value extends string>(props: {
  label: string // the fieldset's aria-label
  segments: readonly Segment<Value>[]
  value: Value
  onChange: (value: Value) => void
  attribute?: `data-${string}` // e.g. 'data-tool': the segment's value, for tests and styles
}) {
  return (
    <fieldset className="segmented" aria-label={props.label}>
      {props.segments.map((s) => (
        <button
          key={s.value}
          type="button"
          aria-pressed={props.value === s.value}
          className={props.value === s.value ? 'is-active' : ''}
          title={s.hint}
          {...(props.attribute ? { [props.attribute]: s.value } : {})}
          disabled={s.disabled}
          onClick={() => props.onChange(s.value)}
        >
          {s.label}
        </button>
      ))}
    </fieldset>
  )
}
