// A failed request's message in plain Chinese under the form that sent it; nothing while all is well.
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null
  return (
    <p className="form-error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  )
}
