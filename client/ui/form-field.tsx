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
