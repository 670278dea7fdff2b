// A checkbox with its text on one line (`.checkbox-line`): the list filters' 只看… switches and the
// forms' yes/no choices. Hands back whether it is now checked.
import type { ReactNode } from 'react'

export function CheckboxLine({
  name,
  checked,
  disabled,
  onChange,
  children,
}: {
  name?: string
  checked: boolean
  disabled?: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
}) {
  return (
    <label className="checkbox-line">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      {children}
    </label>
  )
}
