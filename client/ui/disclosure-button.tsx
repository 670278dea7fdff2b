// The button that opens and closes a section below it (the bell's inbox, a legend, a table row's
// details, the import box): says whether it is open (aria-expanded) and flips it on a click.
import type { ReactNode } from 'react'

export function DisclosureButton({
  open,
  onOpenChange,
  className,
  testId,
  children,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  className: string
  testId?: string
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={open}
      data-testid={testId}
      onClick={() => onOpenChange(!open)}
    >
      {children}
    </button>
  )
}
