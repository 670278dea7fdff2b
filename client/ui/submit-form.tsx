// A `<form>` that stays on the page when submitted: the browser's navigation is prevented and
// `onSubmit` runs, as every form of this client wants.
import type { ComponentProps } from 'react'

export function SubmitForm({
  onSubmit,
  ...props
}: Omit<ComponentProps<'form'>, 'onSubmit'> & { onSubmit: () => void }) {
  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
    />
  )
}
