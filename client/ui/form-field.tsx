// One field of a form: its caption above the control, and the field's error under it.
import type { ReactNode } from 'react'

export interface FormFieldProps {
  label: ReactNode
  children: ReactNode
  /** classes besides `form-field`, e.g. a grid span */
  className?: string
  /** shown under the control in `form-error` when set */
  error?: ReactNode
  /** `div` for a group of controls that have their own labels */
  as?: 'label' | 'div'
}

export function FormField({ label, children, className, error, as = 'label' }: FormFieldProps) {
  const Tag = as
  return (
    <Tag className={className ? `form-field ${className}` : 'form-field'}>
      <span className="form-field__label">{label}</span>
      {children}
      {error && <span className="form-error">{error}</span>}
    </Tag>
  )
}

export interface NumberFieldProps {
  label: ReactNode
  value: number
  min?: number
  max?: number
  step?: number
  testId?: string
  error?: ReactNode
  /** the input's text as typed; the caller parses and bounds it */
  onChange: (text: string) => void
}

/** A labelled `<input type="number">`. */
export function NumberField({ label, error, testId, onChange, ...input }: NumberFieldProps) {
  return (
    <FormField label={label} error={error}>
      <input
        type="number"
        {...input}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  )
}
